/**
 * The area under the ROC curve of a health score as a churn predictor: the probability that an
 * account that went on to churn scored lower than one that did not, ties counting half
 * (Mann–Whitney). 0.5 is a coin toss, 1 a perfect ranking. Null when either group is empty.
 */
export function churnAuc(accounts: readonly { score: number; churned: boolean }[]): number | null {
  const sorted = [...accounts].sort((a, b) => a.score - b.score)
  const positives = sorted.filter((a) => a.churned).length
  const negatives = sorted.length - positives
  if (positives === 0 || negatives === 0) return null
  // For each run of equal scores: churners in it beat every non-churner above the run, and tie
  // with the non-churners inside it.
  let negativesBelow = 0
  let wins = 0
  for (let i = 0; i < sorted.length;) {
    let j = i
    let churners = 0
    let others = 0
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) {
      if (sorted[j]!.churned) churners += 1
      else others += 1
      j += 1
    }
    const above = negatives - negativesBelow - others
    wins += churners * (above + others / 2)
    negativesBelow += others
    i = j
  }
  return wins / (positives * negatives)
}
