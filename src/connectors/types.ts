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
  /**
   * How many records this read (from its checkpoint) holds in all, when the API says so
   * (Salesforce's totalSize): what lets progress show an honest time left.
   */
  total?: number
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
   * The config values that decide how `map` reads a record (which types are renewals, where
   * the contract dates are, which fields hold other systems' ids), by their config key. Rows
   * already stored were mapped under the values of their read: when one changes, the stream is
   * read again from the beginning so the new reading applies to every record, not only to
   * those that happen to change. Never a credential.
   */
  interpretation?(config: Cfg): Record<string, unknown>
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

/** A field of the CRM object cs360 writes to, as the CRM describes it. */
export interface CrmField {
  name: string
  label?: string
  /** The values it holds, in cs360's terms. */
  type: 'number' | 'text' | 'picklist' | 'date' | 'datetime' | 'boolean' | 'other'
  updateable: boolean
  /**
   * Defined by the customer or by cs360 (a Salesforce `__c` field, a HubSpot property outside
   * HubSpot's own): cs360 may own it. A standard field needs an explicit opt-in per field.
   */
  custom: boolean
  /** Picklist values. */
  options?: string[]
  /** Longest text it holds. */
  length?: number
}

/** A field cs360 asks the CRM to create for one of its outputs (`cs360 crm provision`). */
export interface ProvisionField {
  name: string
  label: string
  type: 'number' | 'picklist' | 'date' | 'text'
  options?: readonly string[]
}

export interface ProvisionResult {
  created: string[]
  existing: string[]
  /** What cs360 cannot create through the API, with where to do it by hand. */
  manual: string[]
}

/** A CRM that accepts cs360's computed fields on its account records. */
export interface WriteBack<Cfg> {
  /** CRM object the fields live on (Salesforce `Account`, HubSpot `companies`). */
  object(config: Cfg): string
  /** customer-360 output name (healthScore, healthBand …) → CRM field name. */
  fieldMap(config: Cfg): Record<string, string>
  /** Standard (non-custom) fields the config explicitly lets cs360 write, one by one. */
  standardFieldsAllowed(config: Cfg): string[]
  /**
   * What becomes of fields cs360 wrote on an account it no longer scores (deleted, churned, its
   * contract removed): cleared (default), or the band set to "Not scored" and the rest cleared.
   */
  whenUnscored?(config: Cfg): 'clear' | 'mark'
  /** Which fields cs360 owns without an opt-in, for `check`'s message ("custom (__c) fields"). */
  ownedFields(config: Cfg): string
  /** How a missing field is created in this CRM, for `check`'s message. */
  howToCreate?: string
  /** Largest batch one API call accepts; the caller chunks to it. */
  maxBatchSize: number
  write(ctx: ConnectorContext<Cfg>, changes: FieldChange[]): Promise<WriteResult>
  /** The object's fields as the CRM describes them (describe, the properties API). */
  describeFields(ctx: ConnectorContext<Cfg>): Promise<CrmField[]>
  /** Creates the fields that are missing (HubSpot properties in cs360's group). */
  provision?(ctx: ConnectorContext<Cfg>, fields: ProvisionField[]): Promise<ProvisionResult>
  /**
   * What the records hold in these fields now (a dry run's "old"), by record id; a record the
   * CRM no longer has is left out. At most `maxBatchSize` ids a call.
   */
  readCurrent?(
    ctx: ConnectorContext<Cfg>,
    recordIds: readonly string[],
    fields: readonly string[],
  ): Promise<Map<string, Record<string, string | number | boolean | null>>>
}

/** The org, portal or account the credentials reach: a connector's data belongs to one. */
export interface SourceAccount {
  id: string
  name?: string
}

/**
 * Counts and lists the live records of a stream, for finding records hard-deleted at the
 * source (purged from Salesforce's recycle bin, invisible to incremental reads).
 */
export interface LiveIds<Cfg> {
  count(ctx: ConnectorContext<Cfg>): Promise<number>
  /** Pages of ids, in any order. */
  ids(ctx: ConnectorContext<Cfg>): AsyncIterable<string[]>
}

export interface CheckResult {
  ok: boolean
  detail: string
  /** Settings that work but probably do not do what was meant (a type no record carries). */
  warnings?: string[]
}

/** The kinds of customer-360 data a connector brings; each has its own health signals. */
export type DataKind = 'crm' | 'support' | 'billing' | 'usage' | 'surveys'

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
  /**
   * The field of the account object (`writeBack.object`) where CSMs keep their own view of an
   * account's health, when the config names one: read by the accounts stream, checked by
   * `cs360 check`, never written.
   */
  csmHealthField?(config: Cfg): string | undefined
  /** Which org or portal the credentials reach; a connector never mixes two. */
  sourceAccount?(ctx: ConnectorContext<Cfg>): Promise<SourceAccount>
  /** Per stream name: the live ids, when the API cannot report hard deletes incrementally. */
  liveIds?: Readonly<Record<string, LiveIds<Cfg>>>
}

export type AnyConnector = Connector<any>
