import { sql, type Kysely } from 'kysely'
import {
  metricsSettingsSchema,
  type MetricsSettings,
} from '../../model/retention/metrics-settings.js'
import { addMonths, monthOf, quarterOf } from '../../model/retention/months.js'
import type { Database } from '../database.js'
import { DOMAIN_ARR_TIERS, type ArrTier } from './arr-segment.js'
import { refreshAccountMrr } from './refresh-account-mrr.js'
import { refreshAccountExpansionPipeline } from './refresh-expansion-pipeline.js'
import { refreshOnboarding } from './refresh-onboarding.js'
import { refreshRenewalForecast } from './refresh-renewal-forecast.js'
import { refreshRetentionRates } from './refresh-retention-rates.js'
import { refreshSatisfaction } from './refresh-satisfaction.js'
import { unattributedMrr, type UnattributedMrr } from './unattributed-mrr.js'

export interface RefreshRetentionInput {
  crm: string
  /** The day of the run: its month is the last one computed (still open, MRR as of now). */
  asOf: string
  /** `model.metrics` of the config; the domain's defaults for any part absent. */
  settings?: Partial<MetricsSettings>
  /** Segments by ARR; 004's coverage tiers unless the configured ones are passed. */
  tiers?: readonly ArrTier[]
  /** The configured connectors feeding usage, for onboarding (none: no onboarding rows). */
  usageSources?: readonly string[]
}

export interface RetentionRefresh {
  /** Months with retention rows, oldest first. */
  from: string
  to: string
  accountMonths: number
  retentionRows: number
  forecastRows: number
  /** Customers with open expansion opportunities (account_expansion_pipeline rows). */
  expansionAccounts: number
  satisfactionRows: number
  onboardingRows: number
  /** MRR of the last month that no CRM account carries. */
  unattributed: UnattributedMrr
}

/**
 * Recomputes the CRM's retention metrics and renewal forecast: per-account MRR and movements
 * per month (account_mrr_monthly) from billing and the identity links, NRR, GRR and logo
 * retention per month, segment and CSM (retention_monthly), the renewal forecast per quarter
 * (renewal_forecast_quarterly) and each customer's expansion pipeline
 * (account_expansion_pipeline) from the scores, so it runs after scoring, satisfaction per month
 * (satisfaction_monthly: NPS, CSAT, CES) and onboarding per cohort month (onboarding_monthly:
 * time to first value, completion). Idempotent:
 * the tables are replaced for the CRM in one transaction, so a retried refresh, or a dashboard
 * reading meanwhile, never sees half of one.
 */
export async function refreshRetentionMetrics(
  db: Kysely<Database>,
  input: RefreshRetentionInput,
): Promise<RetentionRefresh> {
  const settings = { ...metricsSettingsSchema.parse({}), ...input.settings }
  const { retention, forecast } = settings
  const tiers = input.tiers ?? DOMAIN_ARR_TIERS
  const to = monthOf(input.asOf)
  const from = addMonths(to, -(retention.months - 1))
  const quarter = quarterOf(to)
  return db.transaction().execute(async (trx) => {
    // Two refreshes of one CRM at once (a retried activity beside its first attempt) would
    // both delete, then collide inserting: the second waits for the first instead.
    await sql`select pg_advisory_xact_lock(hashtext(${`cs360 metrics ${input.crm}`}))`.execute(trx)
    const accountMonths = await refreshAccountMrr(trx, {
      crm: input.crm,
      from: addMonths(from, -retention.trailingMonths),
      to,
      estimateMissingHistory: retention.estimateMissingHistory,
      tiers,
    })
    const retentionRows = await refreshRetentionRates(trx, {
      crm: input.crm,
      from,
      to,
      trailingMonths: retention.trailingMonths,
      tiers,
    })
    const forecastRows = await refreshRenewalForecast(trx, {
      crm: input.crm,
      from: quarter,
      to: addMonths(quarter, 3 * (forecast.quarters - 1)),
      settings: forecast,
      tiers,
    })
    const expansionAccounts = await refreshAccountExpansionPipeline(
      trx,
      input.crm,
      forecast.expansionStages,
    )
    const satisfactionRows = await refreshSatisfaction(trx, {
      crm: input.crm,
      from,
      to,
      settings: settings.surveys,
      tiers,
    })
    const onboardingRows = await refreshOnboarding(trx, {
      crm: input.crm,
      from,
      asOf: input.asOf,
      usageSources: input.usageSources ?? [],
      settings: settings.onboarding,
      tiers,
    })
    const unattributed = await unattributedMrr(trx, input.crm, to)
    return {
      from,
      to,
      accountMonths,
      retentionRows,
      forecastRows,
      satisfactionRows,
      onboardingRows,
      expansionAccounts,
      unattributed,
    }
  })
}
