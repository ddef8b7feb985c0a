import type { ColumnType, Generated } from 'kysely'
import type { DateColumn, Json, NullableNumeric, Numeric, Timestamp } from './columns.js'

/** A stream's resumable position; JSON so it fits heartbeat details and the cursor table. */
export type StreamCheckpoint = Record<string, string | number | null>

/** Where each stream's incremental read stands; saved with every page, in its transaction. */
export interface SyncCursorsTable {
  connector: string
  stream: string
  checkpoint: Json<StreamCheckpoint>
  updated_at: Generated<Date>
}

/** How a stream's stored records were interpreted when it was last read to the end. */
export interface StreamFingerprintsTable {
  connector: string
  stream: string
  /** Config key → hash of its value (connectors/interpretation.ts). */
  fingerprint: Json<Record<string, string>>
  updated_at: Generated<Date>
}

/** `cancelled`: stopped by its operator (Ctrl-C, SIGTERM) before it finished. */
export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface SyncRunsTable {
  id: string
  workflow_id: string
  trigger: string
  status: SyncRunStatus
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
  pages: Generated<number>
  /** Waits for a rate limit or pacing (Retry-After, 429s, the API's own allowance). */
  rate_limit_waits: Generated<number>
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

/** What cs360 computed for each CRM account. */
export interface AccountScoresTable {
  source: string
  source_id: string
  arr: Numeric
  next_renewal_date: DateColumn | null
  health_score: Numeric
  health_band: string
  health_components: Json<unknown>
  /** Share of the model's weight that had data for the account (0–1). */
  observed_weight: Numeric
  missing_inputs: Json<string[]>
  /** The measures that moved the score most, as sentences. */
  drivers: Json<string[]>
  model_version: string
  computed_at: Timestamp
  run_id: string | null
  /** The score minus the score of 30 days earlier (null: no score that old yet). */
  health_trend_30d: Generated<NullableNumeric>
  /** 003's Green/Yellow/Red roll-up of the score. */
  health_status: string | null
  /** ARR × the renewal probability of the account's health (model.metrics.forecast). */
  renewal_forecast_arr: NullableNumeric
  /** Health below model.metrics.forecast.atRiskBelow: the renewal is at risk. */
  renewal_at_risk: boolean | null
  /** The coverage tier (model.segments) the account is in. */
  segment_tier: Generated<string | null>
  /** 003's stage, set by the plays step. */
  lifecycle_stage: Generated<string | null>
  /** A short hash of the `model` settings that produced the score. */
  config_version: Generated<string | null>
  /**
   * The account's NPS (−100–100) from its respondents' latest answers in the NPS window, and
   * how many answered (null: no answers in the window). The same value the npsScore measure bins.
   */
  nps: ColumnType<string | null, number | string | null | undefined, number | string | null>
  nps_responses: Generated<number | null>
  /** The CSM's own view, as typed in the CRM: kept beside the model's score, never in place of it. */
  csm_health_raw: Generated<string | null>
  /** What the CSM's view reads as in 003's Green/Yellow/Red (null: no view, or unreadable). */
  csm_health_status: Generated<string | null>
  /** The band the CSM named, or the band of the number they typed (null for a status). */
  csm_health_band: Generated<string | null>
  /** The first day cs360 saw the current raw value. */
  csm_health_since: Generated<DateColumn | null>
}

/** One score per account per day, with the configuration that produced it. */
export interface AccountScoreHistoryTable {
  source: string
  source_id: string
  day: DateColumn
  health_score: Numeric
  health_band: string
  model_version: string
  config_version: string
  computed_at: Generated<Date>
  /** 003's Green/Yellow/Red of the day's score. */
  health_status: Generated<string | null>
  csm_health_raw: Generated<string | null>
  csm_health_status: Generated<string | null>
  csm_health_band: Generated<string | null>
  csm_health_since: Generated<DateColumn | null>
}

/** The last value cs360 successfully wrote into each CRM field. */
export interface WrittenValuesTable {
  connector: string
  object: string
  record_id: string
  field: string
  value: Json<unknown>
  written_at: Generated<Date>
  run_id: string | null
}

/** A record and field the CRM refused, with how often and why; re-sent on change or backoff. */
export interface WriteRejectionsTable {
  connector: string
  object: string
  record_id: string
  field: string
  value: Json<unknown>
  attempts: Generated<number>
  first_error: string
  last_error: string
  first_at: Generated<Date>
  last_at: Generated<Date>
  retry_after: Timestamp
  last_run_id: string | null
}

/** What a dry run would write. */
export interface WritePreviewsTable {
  run_id: string
  connector: string
  object: string
  record_id: string
  field: string
  old_value: Json<unknown> | null
  new_value: Json<unknown>
}

/** The org or portal a connector's data came from. */
export interface ConnectorAccountsTable {
  connector: string
  account_id: string
  account_name: string | null
  first_seen_at: Generated<Date>
  last_seen_at: Generated<Date>
}

/** The last comparison of a stream's live ids with the source. */
export interface LiveIdChecksTable {
  connector: string
  stream: string
  checked_at: Generated<Date>
  source_count: number
  stored_count: number
  retired: Generated<number>
}
