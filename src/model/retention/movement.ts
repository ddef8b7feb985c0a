/**
 * How one account's MRR moved between the start and the end of a period (004's NRR terms).
 * The start is the MRR at the end of the month before the period; a period of one month
 * compares two consecutive month ends.
 */
export const MRR_MOVEMENTS = [
  'new',
  'reactivation',
  'expansion',
  'contraction',
  'churn',
  'retained',
] as const

export type MrrMovement = (typeof MRR_MOVEMENTS)[number]

export interface AccountMrrChange {
  /** MRR at the period's start: the account is in the starting cohort when it is above 0. */
  startMrr: number
  endMrr: number
  /**
   * Whether the account paid at any month end before the period's start. Decides between new
   * and reactivation for an account that pays at the end but not at the start.
   */
  paidBefore: boolean
}

/**
 * The movement of one account, or null when it paid neither at the start nor at the end.
 * An account of the starting cohort churns only when it pays nothing at the end; paying
 * less is contraction. An account outside the cohort that pays at the end is new revenue,
 * or reactivation when it had paid before: neither counts in NRR or GRR.
 */
export function classifyMovement(change: AccountMrrChange): MrrMovement | null {
  const { startMrr, endMrr } = change
  if (startMrr > 0) {
    if (endMrr <= 0) return 'churn'
    if (endMrr > startMrr) return 'expansion'
    if (endMrr < startMrr) return 'contraction'
    return 'retained'
  }
  if (endMrr <= 0) return null
  return change.paidBefore ? 'reactivation' : 'new'
}
