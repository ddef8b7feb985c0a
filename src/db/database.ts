import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/**
 * Kysely's view of the schema in migrations/: the single source of every row type.
 * Numeric columns come back from pg as strings (exact decimals), hence the select types.
 */
type Numeric = ColumnType<string, number | string, number | string>
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>
type Timestamp = ColumnType<Date, Date | string, Date | string>
type DateColumn = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string, string>

export interface CrmUsersTable {
  source: string
  source_id: string
  name: string
  email: string | null
  is_active: Generated<boolean>
  source_updated_at: Timestamp
  deleted_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  synced_at: Generated<Date>
}

export interface AccountsTable {
  source: string
  source_id: string
  name: string
  domain: string | null
  industry: string | null
  account_type: string | null
  employees: number | null
  annual_revenue: NullableNumeric
  owner_source_id: string | null
  last_activity_date: DateColumn | null
  source_created_at: Timestamp | null
  source_updated_at: Timestamp
  deleted_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  synced_at: Generated<Date>
}

export interface OpportunitiesTable {
  source: string
  source_id: string
  account_source_id: string | null
  name: string
  opportunity_type: string | null
  is_renewal: Generated<boolean>
  stage: string
  amount: NullableNumeric
  probability: NullableNumeric
  close_date: DateColumn | null
  is_closed: boolean
  is_won: boolean
  contract_start: DateColumn | null
  contract_end: DateColumn | null
  owner_source_id: string | null
  source_created_at: Timestamp | null
  source_updated_at: Timestamp
  deleted_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  synced_at: Generated<Date>
}

export interface SyncCursorsTable {
  connector: string
  stream: string
  checkpoint: Json<Record<string, string | number | null>>
  updated_at: Generated<Date>
}

export interface SyncRunsTable {
  id: string
  workflow_id: string
  trigger: string
  status: 'running' | 'succeeded' | 'failed'
  started_at: Generated<Date>
  finished_at: Date | null
  error: string | null
}

export interface SyncRunStepsTable {
  run_id: string
  step: string
  records_read: Generated<number>
  records_upserted: Generated<number>
  records_deleted: Generated<number>
  records_quarantined: Generated<number>
  records_written: Generated<number>
  api_calls: Generated<number>
  started_at: Generated<Date>
  finished_at: Date | null
}

export interface QuarantinedRecordsTable {
  id: Generated<string>
  run_id: string | null
  connector: string
  stream: string
  source_id: string | null
  reason: string
  record: Json<unknown> | null
  created_at: Generated<Date>
}

export interface AccountScoresTable {
  source: string
  source_id: string
  arr: Numeric
  next_renewal_date: DateColumn | null
  health_score: Numeric
  health_band: string
  health_components: Json<unknown>
  model_version: string
  computed_at: Timestamp
  run_id: string | null
}

export interface WrittenValuesTable {
  connector: string
  object: string
  record_id: string
  field: string
  value: Json<unknown>
  written_at: Generated<Date>
  run_id: string | null
}

export interface Database {
  crm_users: CrmUsersTable
  accounts: AccountsTable
  opportunities: OpportunitiesTable
  sync_cursors: SyncCursorsTable
  sync_runs: SyncRunsTable
  sync_run_steps: SyncRunStepsTable
  quarantined_records: QuarantinedRecordsTable
  account_scores: AccountScoresTable
  written_values: WrittenValuesTable
}

export type AccountRow = Insertable<AccountsTable>
export type OpportunityRow = Insertable<OpportunitiesTable>
export type CrmUserRow = Insertable<CrmUsersTable>
export type SyncRun = Selectable<SyncRunsTable>
export type SyncRunStep = Selectable<SyncRunStepsTable>
