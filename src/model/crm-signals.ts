/**
 * What a CRM alone says about an account on a given day, derived in SQL by
 * db/signals/crm.ts, where the exact definitions are.
 */
export interface CrmSignals {
  /** Annual recurring revenue of the closed-won contracts running on the day. */
  arr: number
  /** The same, one year earlier: the base of the growth signal. */
  arrYearAgo: number
  /**
   * Days since the CRM last logged an activity (call, meeting, e-mail) on the account; null when
   * none was ever logged. Absent when the day scored is in the past: the CRM keeps only the latest
   * activity date, so what it was then is not known (a back-test leaves the measure out).
   */
  daysSinceLastActivity?: number | null
  /** Win probability the account team set on the next open renewal, 0–100. */
  renewalProbability: number | null
  nextRenewalDate: string | null
}
