import type { SurveySettings } from './settings.js'

/**
 * 004's Customer Effort Score: "How easy was it to [complete task/resolve issue]?" on 1–7,
 * 1 very easy, 7 very difficult; the score is the average answer, and lower is better
 * (under 3 is low effort, above 5 high friction).
 */
export function customerEffortScore(
  ratings: readonly number[],
  settings: SurveySettings['ces'],
): number | null {
  if (ratings.length === 0) return null
  let sum = 0
  for (const rating of ratings) {
    if (!Number.isInteger(rating) || rating < 1 || rating > settings.scaleMax)
      throw new RangeError(`a CES answer is a whole number from 1 to ${settings.scaleMax}`)
    sum += rating
  }
  return sum / ratings.length
}
