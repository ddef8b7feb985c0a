import type { z } from 'zod'
import type { LoadTarget, TargetRow } from '../db/load-target.js'
import type { StreamCheckpoint } from '../db/sync-cursors.js'
import type { Logger } from '../logger.js'

/** What a connector's code gets at run time: its parsed config (secrets as `Secret`s) and a log. */
export interface ConnectorContext<Cfg> {
  config: Cfg
  log: Logger
  /**
   * Waits as long as an API asked (Retry-After, a rate-limit window) while keeping the run alive
   * (the activity heartbeats meanwhile) and saying why. Connectors never sleep on their own.
   */
  wait(ms: number, reason: string): Promise<void>
}

export type { StreamCheckpoint }

/**
 * One page of raw API records and the checkpoint that resumes the read right after it.
 * `related` carries what the API sideloaded with the page (Zendesk `users` …) for `map`.
 */
export interface StreamPage {
  records: unknown[]
  checkpoint: StreamCheckpoint
  related?: unknown
}

/**
 * A raw record mapped onto customer-360 rows (one record may land in several tables: a Stripe
 * event carries a customer, a subscription or an invoice), or set aside with the reason.
 */
export type MappedRecord =
  { ok: true; rows: TargetRow[] } | { ok: false; sourceId: string | null; reason: string }

/**
 * A readable collection of one system (Salesforce Account, Zendesk tickets …). `read` pages
 * through records changed after the checkpoint, oldest first, so that committing a page together
 * with its checkpoint makes every read resumable. The stream never touches the database: it
 * declares where its rows land (`targets`) and the platform's loader upserts them.
 */
export interface Stream<Cfg> {
  name: string
  /** The tables its rows land in and how (key, stale-row guard, merge rules). */
  targets: readonly LoadTarget<any>[]
  read(ctx: ConnectorContext<Cfg>, from: StreamCheckpoint | null): AsyncIterable<StreamPage>
  map(raw: unknown, ctx: ConnectorContext<Cfg>, page: StreamPage): MappedRecord
  /**
   * The fewest requests the API allows for what a step read (⌈records / the API's page
   * maximum⌉, at least 1): what the benchmark compares the requests actually sent with.
   */
  minimumRequests?(read: { records: number; pages: number }): number
}

/** The values cs360 wants on one CRM record, keyed by the CRM's field names. */
export interface FieldChange {
  recordId: string
  fields: Record<string, string | number | boolean | null>
}

export interface WriteResult {
  written: string[]
  failed: { recordId: string; code: string; message: string }[]
}

/** A CRM that accepts cs360's computed fields on its account records. */
export interface WriteBack<Cfg> {
  /** CRM object the fields live on (Salesforce `Account`, HubSpot `companies`). */
  object(config: Cfg): string
  /** customer-360 output name (healthScore, healthBand …) → CRM field name. */
  fieldMap(config: Cfg): Record<string, string>
  /** Largest batch one API call accepts; the caller chunks to it. */
  maxBatchSize: number
  write(ctx: ConnectorContext<Cfg>, changes: FieldChange[]): Promise<WriteResult>
}

export interface CheckResult {
  ok: boolean
  detail: string
}

/** The kinds of customer-360 data a connector brings; each has its own health signals. */
export type DataKind = 'crm' | 'support' | 'billing' | 'usage'

/**
 * What cs360 knows about a system without loading its SDK: enough to parse the config and plan
 * a run. `load` imports the implementation when a run, `check` or a test needs it.
 */
export interface ConnectorManifest<Cfg = unknown> {
  /** Also the key under `connectors:` in the config and the `source` of its rows. */
  id: string
  /** `crm` connectors own the account list and receive write-back; `source` ones enrich it. */
  role: 'crm' | 'source'
  feeds: readonly DataKind[]
  configSchema: z.ZodType<Cfg>
  load(): Promise<Connector<Cfg>>
}

/**
 * A system's implementation. Workflows and activities are generic over this contract, so a new
 * system is one folder plus one line in the registry.
 */
export interface Connector<Cfg = unknown> {
  /** Verifies credentials and reachability; throws Cs360Error('auth' | 'config') with the fix. */
  check(ctx: ConnectorContext<Cfg>): Promise<CheckResult>
  /** Streams in dependency order (owners before accounts before opportunities). */
  streams: readonly Stream<Cfg>[]
  writeBack?: WriteBack<Cfg>
}

export type AnyConnector = Connector<any>
