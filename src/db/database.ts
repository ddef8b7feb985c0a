import type { Insertable, Selectable } from 'kysely'
import type {
  BillingInvoicesTable,
  BillingMrrMonthlyTable,
  BillingSubscriptionsTable,
} from './tables/billing.js'
import type { AccountsTable, CrmUsersTable, OpportunitiesTable } from './tables/crm.js'
import type { AccountLinksTable, SourceAccountsTable } from './tables/identity.js'
import type {
  AccountScoresTable,
  ConnectorAccountsTable,
  LiveIdChecksTable,
  QuarantinedRecordsTable,
  StreamFingerprintsTable,
  SyncCursorsTable,
  SyncRunStepsTable,
  SyncRunsTable,
  WritePreviewsTable,
  WriteRejectionsTable,
  WrittenValuesTable,
} from './tables/runs.js'
import type { SatisfactionRatingsTable, SupportTicketsTable } from './tables/support.js'
import type { SurveyResponsesTable } from './tables/surveys.js'
import type { UsageDailyTable } from './tables/usage.js'

export type * from './tables/billing.js'
export type * from './tables/crm.js'
export type * from './tables/identity.js'
export type * from './tables/runs.js'
export type * from './tables/support.js'
export type * from './tables/surveys.js'
export type * from './tables/usage.js'

/**
 * Kysely's view of the schema in migrations/: the single source of every row type. Tables hold
 * a kind of data (CRM, support, billing, usage), each row keyed by (source, source_id): the
 * connector id and the record's id in that system.
 */
export interface Database {
  crm_users: CrmUsersTable
  accounts: AccountsTable
  opportunities: OpportunitiesTable
  source_accounts: SourceAccountsTable
  account_links: AccountLinksTable
  support_tickets: SupportTicketsTable
  satisfaction_ratings: SatisfactionRatingsTable
  billing_subscriptions: BillingSubscriptionsTable
  billing_invoices: BillingInvoicesTable
  billing_mrr_monthly: BillingMrrMonthlyTable
  usage_daily: UsageDailyTable
  survey_responses: SurveyResponsesTable
  sync_cursors: SyncCursorsTable
  stream_fingerprints: StreamFingerprintsTable
  sync_runs: SyncRunsTable
  sync_run_steps: SyncRunStepsTable
  quarantined_records: QuarantinedRecordsTable
  account_scores: AccountScoresTable
  account_score_history: import('./tables/runs.js').AccountScoreHistoryTable
  written_values: WrittenValuesTable
  write_rejections: WriteRejectionsTable
  write_previews: WritePreviewsTable
  connector_accounts: ConnectorAccountsTable
  live_id_checks: LiveIdChecksTable
  account_mrr_monthly: import('./tables/metrics.js').AccountMrrMonthlyTable
  retention_monthly: import('./tables/metrics.js').RetentionMonthlyTable
  renewal_forecast_quarterly: import('./tables/metrics.js').RenewalForecastQuarterlyTable
  account_expansion_pipeline: import('./tables/metrics.js').AccountExpansionPipelineTable
  satisfaction_monthly: import('./tables/metrics.js').SatisfactionMonthlyTable
  onboarding_monthly: import('./tables/metrics.js').OnboardingMonthlyTable
  plays: import('./tables/plays.js').PlaysTable
}

export type TableName = keyof Database & string
/** The row a mapping produces for a table: Kysely's insert type of it. */
export type RowOf<T extends TableName> = Insertable<Database[T]>

export type AccountRow = RowOf<'accounts'>
export type OpportunityRow = RowOf<'opportunities'>
export type CrmUserRow = RowOf<'crm_users'>
export type SyncRun = Selectable<SyncRunsTable>
export type SyncRunStep = Selectable<SyncRunStepsTable>
