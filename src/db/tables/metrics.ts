import type { ColumnType, Generated } from 'kysely'
import type { MrrMovement } from '../../model/retention/movement.js'
import type { DateColumn, NullableNumeric, Numeric, Timestamp } from './columns.js'

/**
 * MRR of one CRM account at the end of one calendar month (`month` is its first day), summed
 * over the billing subscriptions linked to it, with its movement since the month before.
 * Months in which the account paid nothing at either end are left out.
 */
export interface AccountMrrMonthlyTable {
  crm: string
  crm_account_id: string
  month: DateColumn
  mrr: Numeric
  previous_mrr: Numeric
  /** mrr − previous_mrr. */
  change_mrr: Numeric
  movement: MrrMovement
  /** Some subscription's MRR this month is an estimate from before its billing history. */
  estimated: boolean
  /** The first month the account paid (null: never). */
  first_paid_month: DateColumn | null
  /** Tier by ARR (MRR × 12) at the month's start, or at its end for accounts new in it. */
  segment: string
  /** The account's CSM: its owner in the CRM. */
  owner_source_id: string | null
  computed_at: Timestamp
}

/**
 * NRR, GRR and logo retention of one period ending with `month`: the month itself
 * (window_months 1) or the trailing window (12), per segment × CSM and rolled up (`all`).
 */
export interface RetentionMonthlyTable {
  crm: string
  month: DateColumn
  window_months: number
  segment: string
  csm_source_id: string
  starting_mrr: Numeric
  expansion_mrr: Numeric
  contraction_mrr: Numeric
  churned_mrr: Numeric
  new_mrr: Numeric
  reactivation_mrr: Numeric
  ending_mrr: Numeric
  /** The part of starting_mrr that is an estimate (see account_mrr_monthly.estimated). */
  estimated_starting_mrr: Numeric
  starting_logos: number
  retained_logos: number
  churned_logos: number
  new_logos: number
  reactivated_logos: number
  /** Percentages (107.00 for 107%); null without a starting cohort. */
  nrr: NullableNumeric
  grr: NullableNumeric
  logo_retention: NullableNumeric
  computed_at: Timestamp
}

/**
 * The renewal forecast of one calendar quarter (`quarter` is its first day) per segment × CSM
 * and rolled up (`all`): renewals due from account_scores, and open expansion opportunities.
 */
export interface RenewalForecastQuarterlyTable {
  crm: string
  quarter: DateColumn
  segment: string
  csm_source_id: string
  renewals: number
  renewal_arr: Numeric
  /** Σ renewal ARR × probability by health score. */
  forecast_arr: Numeric
  at_risk_renewals: number
  at_risk_arr: Numeric
  expansion_opportunities: number
  expansion_pipeline: Numeric
  /** Σ amount × probability of the opportunity's stage, where a probability is known. */
  weighted_expansion: Numeric
  /** Opportunities with no known stage probability, and their amount (in expansion_pipeline). */
  expansion_stage_unknown: Generated<number>
  expansion_stage_unknown_arr: ColumnType<string, number | string | undefined, number | string>
  computed_at: Timestamp
}

/**
 * One customer's open expansion opportunities (src/model/expansion/weighting.ts), whatever their
 * close date: their amount, and the amount weighted by stage where the probability is known.
 */
export interface AccountExpansionPipelineTable {
  crm: string
  account_id: string
  opportunities: number
  pipeline_arr: Numeric
  weighted_arr: Numeric
  stage_unknown_opportunities: number
  stage_unknown_arr: Numeric
  /** The earliest expected close among them. */
  next_close_date: DateColumn | null
  computed_at: Generated<Date>
}

/**
 * Satisfaction of the answers given in one month per segment × CSM and rolled up (`all`): NPS
 * and CES from survey answers, CSAT from survey answers and, apart, from support ratings.
 * Scores are null without answers.
 */
export interface SatisfactionMonthlyTable {
  crm: string
  month: DateColumn
  segment: string
  csm_source_id: string
  nps_responses: number
  promoters: number
  passives: number
  detractors: number
  nps: NullableNumeric
  csat_responses: number
  csat_satisfied: number
  /** Percent satisfied (4–5 of 5 by default) of survey answers. */
  csat: NullableNumeric
  support_csat_responses: number
  support_csat_good: number
  /** Percent good of the support desk's satisfaction ratings (Zendesk good/bad). */
  support_csat: NullableNumeric
  ces_responses: number
  /** Average effort answer (1 very easy … 7 very difficult). */
  ces: NullableNumeric
  computed_at: Timestamp
}

/**
 * One onboarding cohort — the accounts whose first contract started in `month` — per segment ×
 * CSM and rolled up (`all`): how many reached first value within the onboarding window and how
 * many days it took.
 */
export interface OnboardingMonthlyTable {
  crm: string
  month: DateColumn
  segment: string
  csm_source_id: string
  started: number
  completed: number
  in_progress: number
  completion_rate: NullableNumeric
  reached_first_value: number
  median_days_to_first_value: NullableNumeric
  average_days_to_first_value: NullableNumeric
  computed_at: Timestamp
}
