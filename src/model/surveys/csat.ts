import type { SurveySettings } from './settings.js'

/** 004: CSAT = Satisfied responses / Total responses × 100. */
export function csatFromCounts(satisfied: number, responses: number): number | null {
  if (responses === 0) return null
  return (satisfied * 100) / responses
}

/** CSAT of ratings on a 1–`scaleMax` scale: satisfied is `satisfiedMin` and above (4–5 of 5). */
export function customerSatisfaction(
  ratings: readonly number[],
  settings: SurveySettings['csat'],
): number | null {
  let satisfied = 0
  for (const rating of ratings) {
    if (!Number.isInteger(rating) || rating < 1 || rating > settings.scaleMax)
      throw new RangeError(`a CSAT rating is a whole number from 1 to ${settings.scaleMax}`)
    if (rating >= settings.satisfiedMin) satisfied += 1
  }
  return csatFromCounts(satisfied, ratings.length)
}

/**
 * Zendesk's satisfaction rating has two answers: good is a satisfied response, bad is not.
 * A survey offered and not answered is no response at all.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/
 */
export function zendeskCsat(ratings: { good: number; bad: number }): number | null {
  return csatFromCounts(ratings.good, ratings.good + ratings.bad)
}
