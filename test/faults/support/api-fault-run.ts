import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../src/db/database.js'
import type { SyncAllResult } from '../../../src/workflows/sync-all.js'
import { runCli, type CliResult } from '../../support/cli.js'
import { AS_OF, runSync, startWorker, type Harness } from '../../support/harness.js'

/** What a case compares against the reference run: the database and the CRM's answered writes. */
export interface RunEvidence {
  /** `source:source_id` of every row, per table keyed by (source, source_id). */
  sourceIds: Map<string, Set<string>>
  /** Records written back, as the runs' steps count them across every attempt. */
  written: number
  /** Write calls the CRM sandbox answered with a 2xx. */
  crmWritesAccepted: number
}

/** Every table whose rows are keyed by the connector id and the record's id in that system. */
async function sourceTables(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name in ('source', 'source_id')
    group by table_name having count(*) = 2
    order by table_name`.execute(db)
  return rows.rows.map((r) => r.table_name)
}

async function sourceIds(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  const byTable = new Map<string, Set<string>>()
  for (const table of await sourceTables(db)) {
    const rows = await sql<{ id: string }>`
      select source || ':' || source_id as id from ${sql.table(table)}`.execute(db)
    byTable.set(table, new Set(rows.rows.map((r) => r.id)))
  }
  return byTable
}

const crmWritesAccepted = (h: Harness, crm: string) =>
  (h.sandbox.server(crm)?.calls.writes() ?? []).filter((c) => c.status >= 200 && c.status < 300)
    .length

/** What the runs on a harness left behind, for `lostAndDuplicated`. */
export async function evidence(h: Harness, crm = 'salesforce'): Promise<RunEvidence> {
  const written = await h.db
    .selectFrom('sync_run_steps')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('records_written'), eb.lit(0)).as('n'))
    .executeTakeFirstOrThrow()
  return {
    sourceIds: await sourceIds(h.db),
    written: Number(written.n),
    crmWritesAccepted: crmWritesAccepted(h, crm),
  }
}

/**
 * Lost: rows of the reference run (same dataset, no fault) missing from the faulted run, over
 * every source-keyed table. Duplicated: accounts written, or write calls the CRM accepted,
 * beyond the reference's — a write repeated after the CRM had already taken it.
 */
export function lostAndDuplicated(
  faulted: RunEvidence,
  reference: RunEvidence,
  /** `source:source_id` of rows the fault itself removed (deleted upstream): not lost. */
  gone: ReadonlySet<string> = new Set(),
): {
  lost: number
  duplicated: number
  lostByTable: Record<string, number>
  /** Records counted as written beyond the reference's. */
  duplicatedRecords: number
  /** Accepted write calls beyond the reference's (a single run: a resend of a taken write). */
  extraWriteCalls: number
} {
  const lostByTable: Record<string, number> = {}
  for (const [table, ids] of reference.sourceIds) {
    const have = faulted.sourceIds.get(table) ?? new Set()
    const missing = [...ids].filter((id) => !have.has(id) && !gone.has(id)).length
    if (missing > 0) lostByTable[table] = missing
  }
  const lost = Object.values(lostByTable).reduce((a, b) => a + b, 0)
  const duplicatedRecords = Math.max(0, faulted.written - reference.written)
  const extraWriteCalls = Math.max(0, faulted.crmWritesAccepted - reference.crmWritesAccepted)
  const duplicated = Math.max(duplicatedRecords, extraWriteCalls)
  return { lost, duplicated, lostByTable, duplicatedRecords, extraWriteCalls }
}

/**
 * Within the runs on a harness: records counted as written beyond the distinct CRM records that
 * hold a written value (a record written twice counts once more).
 */
export async function duplicateWrites(h: Harness): Promise<number> {
  const { written } = await evidence(h)
  const records = await h.db
    .selectFrom('written_values')
    .select(sql<string>`count(distinct (connector, object, record_id))`.as('n'))
    .executeTakeFirstOrThrow()
  return Math.max(0, written - Number(records.n))
}

/** One syncAll on the harness's queue with an in-process worker, to completion or failure. */
export async function syncWithWorker(h: Harness, workflowId: string): Promise<SyncAllResult> {
  const stop = await startWorker(h)
  try {
    return await runSync(h, workflowId)
  } finally {
    await stop()
  }
}

/** `cs360 sync --once` against the harness, as a user runs it; `env` adds or overrides variables. */
export async function cliSync(
  h: Harness,
  options: { verbose?: boolean; env?: Record<string, string>; configYaml?: string } = {},
): Promise<CliResult> {
  const path = join(tmpdir(), `cs360-${h.name}-${h.target.taskQueue}.yaml`)
  await writeFile(path, options.configYaml ?? h.configYaml)
  const global = ['--config', path, ...(options.verbose ? ['--verbose'] : [])]
  return runCli([...global, 'sync', '--once', '--as-of', AS_OF], {
    env: {
      ...h.env,
      DATABASE_URL: h.databaseUrl,
      TEMPORAL_ADDRESS: h.target.address,
      TEMPORAL_TASK_QUEUE: h.target.taskQueue,
      ...options.env,
    },
  })
}

/** Every activity attempt of a workflow, from its Temporal history: `[activity type, attempt]`. */
export async function activityAttempts(
  h: Harness,
  workflowId: string,
): Promise<{ activity: string; attempt: number }[]> {
  const history = await h.client.workflow.getHandle(workflowId).fetchHistory()
  const scheduled = new Map<string, string>()
  const attempts: { activity: string; attempt: number }[] = []
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '')
    const started = e.activityTaskStartedEventAttributes
    if (started)
      attempts.push({
        activity: scheduled.get(String(started.scheduledEventId)) ?? '',
        attempt: started.attempt ?? 1,
      })
  }
  return attempts
}
