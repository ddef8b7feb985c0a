/**
 * What happened to a customer account after the back-test's day, from the CRM's contracts
 * (db/backtest/outcomes.ts): gone, smaller, the same or larger at the end of the horizon, or not
 * known yet (its term ended and the renewal is still open).
 */
export const OUTCOMES = ['churned', 'contracted', 'retained', 'expanded', 'pending'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** One customer account on the back-test's day, as scored then and as it turned out. */
export interface BacktestAccount {
  accountId: string
  tier: string
  /** ARR running on the back-test's day. */
  arr: number
  score: number
  band: string
  outcome: Outcome
  /** Its running term ended inside the horizon: a renewal was decided (or is still open). */
  renewalDue: boolean
  /** ARR running the day after the term ended (0: not renewed); null when no renewal was due. */
  renewedArr: number | null
}
