import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { configuredConnector } from '../../src/activities/deps.js'
import { provisionWriteBackFields } from '../../src/activities/write-back-fields.js'
import { parseConfig } from '../../src/config/load.js'
import { recordCrm } from '../../src/config/schema.js'
import type { Cs360Config } from '../../src/config/schema.js'
import { connectDatabase } from '../../src/db/connect.js'
import type { Database } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createLogger } from '../../src/logger.js'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { Dataset } from '../../src/sandbox/dataset/schema.js'
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js'
import { temporalClient, type TemporalTarget } from '../../src/temporal/connect.js'
import { createWorker } from '../../src/temporal/worker.js'
import type { SyncAllInput, SyncAllResult } from '../../src/workflows/sync-all.js'
import { createDatabase } from '../global-setup.js'

export const AS_OF = '2026-11-22'

export interface Harness {
  name: string
  db: Kysely<Database>
  databaseUrl: string
  dataset: Dataset
  sandbox: RunningSandbox
  salesforce: SalesforceSandbox
  /** The sandbox servers' URLs and credentials, for the config's `${…}` references. */
  env: Record<string, string>
  configYaml: string
  config: Cs360Config
  target: TemporalTarget
  client: Awaited<ReturnType<typeof temporalClient>>
  close(): Promise<void>
}

/**
 * A fresh database on the run's shared PostgreSQL, a sandbox Salesforce with a generated
 * company, a parsed config pointing at it, and a Temporal client on a task queue of its own.
 */
export async function createHarness(
  name: string,
  options: {
    accounts?: number
    seed?: number
    dataset?: Dataset
    /** Lines under a connector's block, by connector id. */
    configExtra?: Record<string, string>
    /** Limit the config to these systems (default: every server the dataset starts). */
    only?: string[]
    /** The CRM of record the generated company lives in (default salesforce). */
    crm?: 'salesforce' | 'hubspot'
    /** Top-level config lines added before `connectors:` (e.g. `crm: hubspot`). */
    configHead?: string
    /** The PostgreSQL to create the database on (default the run's shared one). */
    databaseServerUrl?: string
    /** The Temporal server to run on (default the run's shared one). */
    temporalAddress?: string
  } = {},
): Promise<Harness> {
  const databaseUrl = await createDatabase(
    options.databaseServerUrl ?? inject('databaseServerUrl'),
    `cs360_${name}`,
  )
  const db = connectDatabase(databaseUrl)
  await migrateToLatest(db)
  const dataset =
    options.dataset ??
    generateDataset({
      accounts: options.accounts ?? 120,
      seed: options.seed ?? 1,
      asOf: AS_OF,
      crm: options.crm,
    })
  // Rate-limit windows shrunk a hundredfold: paced connectors (Zendesk's 10 exports a minute)
  // keep their behaviour without making a test wait minutes.
  const sandbox = await startSandbox(dataset, 0, { rateLimitTimeScale: 0.01 })
  const configYaml = sandbox
    .configYaml({ extra: options.configExtra, only: options.only })
    .replace('\nconnectors:\n', `\n${options.configHead ?? ''}connectors:\n`)
  const parsed = parseConfig(configYaml, sandbox.env)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  if (recordCrm(parsed.config) === 'hubspot') {
    // A new portal has none of cs360's properties: `cs360 crm provision` first, as a user would.
    const deps = { config: parsed.config, log: quietLog }
    const { connector, ctx } = await configuredConnector(deps, 'hubspot')
    const provisioned = await provisionWriteBackFields('hubspot', connector, ctx)
    if (provisioned.problems.length > 0) throw new Error(provisioned.problems.join('\n'))
  }
  const target: TemporalTarget = {
    address: options.temporalAddress ?? inject('temporalAddress'),
    namespace: 'default',
    taskQueue: `cs360-${name}-${randomUUID().slice(0, 8)}`,
  }
  const client = await temporalClient(target)
  return {
    name,
    db,
    databaseUrl,
    dataset,
    sandbox,
    salesforce: sandbox.server<SalesforceSandbox>('salesforce')!,
    env: sandbox.env,
    configYaml,
    config: parsed.config,
    target,
    client,
    close: async () => {
      await client.connection.close()
      await sandbox.close()
      await db.destroy()
    },
  }
}

export const quietLog = createLogger({}, () => undefined)

export async function countRows(
  db: Kysely<Database>,
  table: 'accounts' | 'opportunities' | 'crm_users' | 'account_scores',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A worker on the harness's task queue, in this process; the returned function stops it. */
export async function startWorker(h: Harness): Promise<() => Promise<void>> {
  const worker = await createWorker(h.target, { db: h.db, config: h.config, log: quietLog })
  const running = worker.run()
  return async () => {
    worker.shutdown()
    await running
  }
}

/** Runs one syncAll on the harness's task queue to completion. */
export function runSync(
  h: Harness,
  workflowId: string,
  input: Partial<SyncAllInput> = {},
): Promise<SyncAllResult> {
  return h.client.workflow.execute('syncAllWorkflow', {
    taskQueue: h.target.taskQueue,
    workflowId: `${workflowId}:${h.target.taskQueue}`,
    args: [{ trigger: 'test', asOf: AS_OF, ...input }],
  })
}

/** What a `cs360` child process needs to use the harness: its sandboxes, database and task queue. */
export function cliEnv(h: Harness): Record<string, string> {
  return {
    ...h.env,
    DATABASE_URL: h.databaseUrl,
    TEMPORAL_ADDRESS: h.target.address,
    TEMPORAL_TASK_QUEUE: h.target.taskQueue,
  }
}
