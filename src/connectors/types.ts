import type { z } from 'zod'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { Logger } from '../logger.js'

/** What a connector's code gets at run time: its parsed config (secrets as `Secret`s) and a log. */
export interface ConnectorContext<Cfg> {
  config: Cfg
  log: Logger
}

/** One page of raw API records and the checkpoint that resumes the read right after it. */
export interface StreamPage {
  records: unknown[]
  checkpoint: StreamCheckpoint
}

/** A stream's resumable position; JSON so it fits heartbeat details and the cursor table. */
export type StreamCheckpoint = Record<string, string | number | null>

/** A raw record mapped onto a customer-360 row, or set aside with the reason. */
export type MappedRecord<Row> =
  { ok: true; row: Row } | { ok: false; sourceId: string | null; reason: string }

/**
 * A readable collection of one system (Salesforce Account, Zendesk tickets …). `read` pages
 * through records changed after the checkpoint, oldest first, so that committing a page together
 * with its checkpoint makes every read resumable; `load` upserts one page of mapped rows in the
 * caller's transaction.
 */
export interface Stream<Cfg, Row = unknown> {
  name: string
  read(ctx: ConnectorContext<Cfg>, from: StreamCheckpoint | null): AsyncIterable<StreamPage>
  map(raw: unknown, ctx: ConnectorContext<Cfg>): MappedRecord<Row>
  load(trx: Transaction<Database>, rows: Row[], connectorId: string): Promise<LoadCounts>
}

export interface LoadCounts {
  upserted: number
  deleted: number
}

/** The values cs360 wants on one CRM record, keyed by the CRM's field names. */
export interface FieldChange {
  recordId: string
  fields: Record<string, string | number | boolean | null>
}

export interface WriteResult {
  written: string[]
  failed: { recordId: string; code: string; message: string }[]
  apiCalls: number
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

/**
 * Everything cs360 knows about one external system. Workflows and activities are generic over
 * this contract, so a new system is one folder plus one line in the registry.
 */
export interface Connector<Cfg = unknown> {
  id: string
  /** `crm` connectors own the account list and receive write-back; `source` ones enrich it. */
  role: 'crm' | 'source'
  configSchema: z.ZodType<Cfg>
  /** Verifies credentials and reachability; throws Cs360Error('auth' | 'config') with the fix. */
  check(ctx: ConnectorContext<Cfg>): Promise<CheckResult>
  /** Streams in dependency order (owners before accounts before opportunities). */
  streams: Stream<Cfg, any>[]
  writeBack?: WriteBack<Cfg>
}

export type AnyConnector = Connector<any>
export type DatabaseHandle = Kysely<Database>
