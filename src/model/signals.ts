import type { CrmSignals } from './crm-signals.js'

export type { CrmSignals }

/** Product usage of an account's linked analytics accounts, in the 30 days up to the day scored. */
export interface UsageSignals {
  /** Distinct users active in the last 30 days (MAU) and in the 30 days before. */
  activeUsers30d: number
  activeUsersPrior30d: number
  /** Average daily active users over the last 30 days; DAU/MAU = this / activeUsers30d. */
  averageDailyUsers30d: number
  /** Days with any activity in the last 30. */
  activeDays30d: number
  sessions30d: number
  events30d: number
  eventsPrior30d: number
  /** Distinct features (event types) used in the last 30 days. */
  featuresUsed30d: number
  /** Days since anyone at the account last used the product; null: never in the window read. */
  daysSinceLastActive: number | null
}

/** Support load and satisfaction of an account's linked support organizations. */
export interface SupportSignals {
  tickets30d: number
  ticketsPrior30d: number
  /** Tickets opened in the last 30 days at urgent priority. */
  urgentTickets30d: number
  openTickets: number
  /** Median hours from opening to solving, tickets solved in the last 90 days. */
  medianResolutionHours90d: number | null
  /** Answered CSAT surveys in the last 90 days. */
  csatGood90d: number
  csatBad90d: number
}

/** Recurring revenue and payment health of an account's linked billing customers. */
export interface BillingSignals {
  /** MRR in the month of the day scored and three months earlier. */
  mrr: number
  mrrThreeMonthsAgo: number
  seats: number | null
  seatsThreeMonthsAgo: number | null
  /** Invoices of the last 90 days that needed more than one payment attempt or were written off. */
  failedPayments90d: number
  /** Invoices open past their due date (or past due subscriptions) on the day scored. */
  pastDueInvoices: number
}

/**
 * Survey answers of an account's linked survey sources (in-app surveys in product analytics):
 * each respondent's latest NPS answer in the window ending with the day scored, sorted by
 * `model.metrics.surveys.nps`'s cut-offs.
 */
export interface SurveySignals {
  /** −100–100; null when nobody answered in the window. */
  nps: number | null
  /** Respondents whose latest answer counts: promoters + passives + detractors. */
  npsRespondents: number
  promoters: number
  passives: number
  detractors: number
  /** The window the answers come from (`model.metrics.surveys.nps.windowDays`). */
  npsWindowDays: number
}

/** Everything known about one CRM account on the day scored; a source not linked is absent. */
export interface AccountSignals {
  accountId: string
  crm: CrmSignals
  usage?: UsageSignals
  support?: SupportSignals
  billing?: BillingSignals
  surveys?: SurveySignals
}

export type SourceSignalKind = 'usage' | 'support' | 'billing' | 'surveys'

/**
 * How far back the usage signals look: the last 30 days against the 30 before. An account linked
 * to analytics with no activity in that window has not been active for at least this long.
 */
export const USAGE_LOOKBACK_DAYS = 60
