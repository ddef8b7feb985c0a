import type { TargetRow } from '../../db/load-target.js'
import { Secret } from '../../config/secret.js'
import { createLogger } from '../../logger.js'
import type { StripeDataset } from '../../sandbox/stripe/dataset-schema.js'
import {
  startStripeSandbox,
  type StripeSandbox,
  type StripeSandboxOptions,
} from '../../sandbox/stripe/server.js'
import { TEST_API_KEY } from '../../sandbox/stripe/test-account.js'
import { waitFor } from '../wait.js'
import type { ConnectorContext, Stream, StreamCheckpoint, StreamPage } from '../types.js'
import { stripeConfigSchema, type StripeConfig } from './config.js'

/**
 * Test support: the connector against a sandbox account through stripe-node, its waits
 * recorded, and an in-memory stand-in of the loader's upsert rule (a row replaces the stored
 * one unless it is older) to assert what the customer-360 would hold.
 */
export interface Account {
  sandbox: StripeSandbox
  ctx: ConnectorContext<StripeConfig>
  waits: { ms: number; reason: string }[]
  close(): Promise<void>
}

export async function startAccount(
  dataset: StripeDataset,
  options: Partial<StripeSandboxOptions> & { config?: Record<string, unknown> } = {},
): Promise<Account> {
  const { config, ...sandboxOptions } = options
  const sandbox = await startStripeSandbox({
    dataset,
    apiKey: TEST_API_KEY,
    rateLimits: false,
    ...sandboxOptions,
  })
  const log = createLogger({}, () => undefined, true)
  const sleep = waitFor(log)
  const waits: Account['waits'] = []
  const ctx: ConnectorContext<StripeConfig> = {
    config: stripeConfigSchema.parse({
      apiKey: new Secret('STRIPE_API_KEY', TEST_API_KEY),
      apiBase: sandbox.url,
      requestsPerSecond: 100,
      ...config,
    }),
    log,
    wait: async (ms, reason) => {
      waits.push({ ms, reason })
      await sleep(ms, reason)
    },
  }
  return { sandbox, ctx, waits, close: () => sandbox.close() }
}

export interface StreamRun {
  pages: StreamPage[]
  records: { id: string }[]
  rows: TargetRow[]
  quarantined: { sourceId: string | null; reason: string }[]
  checkpoint: StreamCheckpoint | null
}

/** Reads a stream from `from` and maps every record, as the extract activity does. */
export async function runStream(
  stream: Stream<StripeConfig>,
  ctx: ConnectorContext<StripeConfig>,
  from: StreamCheckpoint | null,
): Promise<StreamRun> {
  const run: StreamRun = { pages: [], records: [], rows: [], quarantined: [], checkpoint: from }
  for await (const page of stream.read(ctx, from)) {
    run.pages.push(page)
    for (const raw of page.records) {
      run.records.push(raw as { id: string })
      const mapped = stream.map(raw, ctx, page)
      if (mapped.ok) run.rows.push(...mapped.rows)
      else run.quarantined.push({ sourceId: mapped.sourceId, reason: mapped.reason })
    }
    run.checkpoint = page.checkpoint
  }
  return run
}

type Row = Record<string, unknown>

const KEYS: Record<string, string[]> = {
  billing_mrr_monthly: ['subscription_source_id', 'month'],
}

/** The loader's rule in memory: per table and key, a row replaces the stored one unless older. */
export class Customer360 {
  readonly tables = new Map<string, Map<string, Row>>()

  apply(rows: TargetRow[]): void {
    for (const { table, row } of rows) {
      const key = (KEYS[table] ?? ['source_id']).map((k) => (row as Row)[k]).join('/')
      const stored = this.table(table).get(key)
      const version = (r: Row) => Date.parse(String(r.source_updated_at))
      if (stored && version(stored) > version(row as Row)) continue
      this.table(table).set(key, row as Row)
    }
  }

  table(name: string): Map<string, Row> {
    let table = this.tables.get(name)
    if (!table) {
      table = new Map()
      this.tables.set(name, table)
    }
    return table
  }

  row(table: string, key: string): Row | undefined {
    return this.table(table).get(key)
  }
}

/** Runs the connector's streams in order from their checkpoints, as one sync does. */
export async function sync(
  streams: readonly Stream<StripeConfig>[],
  ctx: ConnectorContext<StripeConfig>,
  cursors: Map<string, StreamCheckpoint | null>,
  store: Customer360,
): Promise<Map<string, StreamRun>> {
  const runs = new Map<string, StreamRun>()
  for (const stream of streams) {
    const run = await runStream(stream, ctx, cursors.get(stream.name) ?? null)
    store.apply(run.rows)
    cursors.set(stream.name, run.checkpoint)
    runs.set(stream.name, run)
  }
  return runs
}
