import type { SurveySettings } from './settings.js'

export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
}

/** 004: NPS = (Promoters − Detractors) / Total responses × 100, from −100 to 100. */
export function npsFromCounts(counts: NpsCounts): number | null {
  const responses = counts.promoters + counts.passives + counts.detractors
  if (responses === 0) return null
  return ((counts.promoters - counts.detractors) * 100) / responses
}

/** Sorts 0–10 answers to "How likely are you to recommend …?" into 004's three groups. */
export function npsCounts(scores: readonly number[], settings: SurveySettings['nps']): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 }
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 0 || score > 10)
      throw new RangeError(`an NPS answer is a whole number from 0 to 10, not ${score}`)
    if (score >= settings.promoterMin) counts.promoters += 1
    else if (score <= settings.detractorMax) counts.detractors += 1
    else counts.passives += 1
  }
  return counts
}

export function netPromoterScore(
  scores: readonly number[],
  settings: SurveySettings['nps'],
): number | null {
  return npsFromCounts(npsCounts(scores, settings))
}
