import { expect } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../src/db/database.js'
import { generateDataset } from '../../../src/sandbox/dataset/generate.js'
import type { SandboxServer } from '../../../src/sandbox/framework/sandbox-server.js'
import type { HubspotSandbox } from '../../../src/sandbox/hubspot/server.js'
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js'
import type { SyncAllResult } from '../../../src/workflows/sync-all.js'
import { spawnCli, type CliResult } from '../../support/cli.js'
import { AS_OF, cliEnv, runSync, startWorker, type Harness } from '../../support/harness.js'

/**
 * The two figures every fault case reports (see outcomes.ts), measured against a reference run:
 * the same dataset synced without the fault, in a harness of its own.
 *
 *   lostRecords(faulted, reference)   rows and CRM values the reference has and the faulted lacks
 *   duplicateWrites(sandbox)          CRM writes that set a value the record already got from cs360
 */

/** One table's keys present in the reference database and missing from the faulted one. */
export interface LostRows {
  table: string
  /** The missing rows' primary keys, each as its columns joined with '|'. */
  keys: string[]
}

/**
 * Per table of the customer-360, rows (by primary key: source and source id, or the table's
 * natural key) the reference database holds and the faulted one does not. Tables keyed by a
 * run id or a generated id (runs, run steps, quarantine, plays) differ between any two runs and
 * are left out.
 */
export async function lostRows(
  faulted: Kysely<Database>,
  reference: Kysely<Database>,
): Promise<LostRows[]> {
  const lost: LostRows[] = []
  for (const { table, columns } of await naturalKeys(reference)) {
    const [mine, theirs] = await Promise.all([
      keysOf(faulted, table, columns),
      keysOf(reference, table, columns),
    ])
    const missing = [...theirs].filter((k) => !mine.has(k))
    if (missing.length > 0) lost.push({ table, keys: missing })
  }
  return lost
}

/** A CRM record field whose value in the faulted CRM is not the one the reference run left. */
export interface LostCrmValue {
  object: string
  recordId: string
  field: string
  expected: unknown
  actual: unknown
}

/**
 * Every field cs360 wrote in either CRM (by the sandboxes' write ledgers), compared record by
 * record: the value the reference CRM holds now against the faulted CRM's. A write the fault
 * swallowed, or a wrong value written, shows here.
 */
export function lostCrmValues(faulted: SandboxServer, reference: SandboxServer): LostCrmValue[] {
  const written = new Map<string, { object: string; recordId: string; fields: Set<string> }>()
  for (const entry of [...ledgerOf(reference), ...ledgerOf(faulted)]) {
    const key = `${entry.object}\u0000${entry.recordId}`
    const seen = written.get(key) ?? {
      object: entry.object,
      recordId: entry.recordId,
      fields: new Set<string>(),
    }
    for (const field of Object.keys(entry.fields)) seen.fields.add(field)
    written.set(key, seen)
  }
  const lost: LostCrmValue[] = []
  for (const { object, recordId, fields } of written.values()) {
    const expected = currentFields(reference, object, recordId)
    const actual = currentFields(faulted, object, recordId)
    for (const field of fields) {
      if (JSON.stringify(expected?.[field]) !== JSON.stringify(actual?.[field]))
        lost.push({ object, recordId, field, expected: expected?.[field], actual: actual?.[field] })
    }
  }
  return lost
}

/**
 * Records lost by the faulted run: customer-360 rows missing (lostRows) plus CRM records with a
 * written field that differs (lostCrmValues), each record counted once.
 */
export async function lostRecords(faulted: Harness, reference: Harness): Promise<number> {
  const rows = (await lostRows(faulted.db, reference.db)).reduce((n, t) => n + t.keys.length, 0)
  const records = new Set(
    lostCrmValues(faulted.salesforce, reference.salesforce).map((l) => `${l.object}/${l.recordId}`),
  )
  return rows + records.size
}

/**
 * Asserts that the faulted run lost no row nor written CRM value against the reference and wrote
 * nothing twice; returns both figures for the closing table.
 */
export async function expectNothingLostOrDuplicated(
  faulted: Harness,
  reference: Harness,
): Promise<{ lost: number; duplicated: number }> {
  expect(await lostRows(faulted.db, reference.db)).toEqual([])
  expect(lostCrmValues(faulted.salesforce, reference.salesforce)).toEqual([])
  const duplicated = duplicateWrites(faulted.salesforce)
  expect(duplicated).toBe(0)
  return { lost: await lostRecords(faulted, reference), duplicated }
}

/**
 * Writes that set, on a record, a field to the value cs360's previous write of that field there
 * already set: a batch the CRM saved and cs360 sent again (a retry that did not know the first
 * attempt got through). A run without faults makes none; a later run only writes what changed.
 */
export function duplicateWrites(sandbox: SandboxServer): number {
  const last = new Map<string, string>()
  let duplicates = 0
  for (const entry of ledgerOf(sandbox)) {
    let repeated = false
    for (const [field, value] of Object.entries(entry.fields)) {
      const key = `${entry.object}\u0000${entry.recordId}\u0000${field}`
      const written = JSON.stringify(value)
      if (last.get(key) === written) repeated = true
      last.set(key, written)
    }
    if (repeated) duplicates += 1
  }
  return duplicates
}

function ledgerOf(sandbox: SandboxServer) {
  if (!sandbox.writes) throw new Error(`the ${sandbox.system} sandbox keeps no write ledger`)
  return sandbox.writes.entries
}

function currentFields(
  sandbox: SandboxServer,
  object: string,
  recordId: string,
): Record<string, unknown> | undefined {
  if (sandbox.system === 'salesforce')
    return (sandbox as SalesforceSandbox).store.table(object)?.records.get(recordId)
  if (sandbox.system === 'hubspot') {
    const tables = (sandbox as HubspotSandbox).store.tables
    return tables[object as keyof typeof tables]?.get(recordId)?.properties
  }
  throw new Error(`no record reader for the ${sandbox.system} sandbox`)
}

/** Each public table's primary key, when it is a natural key (not a run's or a generated id). */
async function naturalKeys(db: Kysely<Database>) {
  const found = await sql<{ table: string; columns: string[]; generated: boolean }>`
    select c.relname as table,
           array_agg(a.attname::text order by k.ord) as columns,
           bool_or(a.attidentity <> '' or pg_get_expr(d.adbin, d.adrelid) like 'nextval%'
                   or a.atttypid = 'uuid'::regtype) as generated
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
    where i.indisprimary and n.nspname = 'public' and c.relname not like 'kysely_%'
    group by c.relname
    order by c.relname`.execute(db)
  return found.rows.filter((t) => !t.generated && !t.columns.includes('run_id'))
}

async function keysOf(db: Kysely<Database>, table: string, columns: string[]) {
  const key = sql.join(
    columns.map((c) => sql`coalesce(${sql.ref(c)}::text, '')`),
    sql`, `,
  )
  const rows = await sql<{ key: string }>`
    select concat_ws('|', ${key}) as key from ${sql.table(table)}`.execute(db)
  return new Set(rows.rows.map((r) => r.key))
}

/**
 * A generated company in Salesforce and Zendesk, read in pages of 200: a run long enough to strike
 * in the middle of, with the CRM and one source reading side by side.
 */
export function crmAndSupportCompany(accounts: number, seed: number) {
  return {
    dataset: generateDataset({ accounts, seed, asOf: AS_OF }),
    configExtra: { salesforce: '    pageSize: 200\n' },
    only: ['salesforce', 'zendesk'],
  }
}

/** The reference run: the harness's dataset synced once by a worker in this process, no fault. */
export async function referenceRun(h: Harness): Promise<SyncAllResult> {
  const stop = await startWorker(h)
  try {
    return await runSync(h, 'sync-all:reference')
  } finally {
    await stop()
  }
}

/** The harness's config as a file the real command reads. */
export async function writeConfig(h: Harness): Promise<string> {
  const path = join(tmpdir(), `cs360-fault-${h.target.taskQueue}.yaml`)
  await writeFile(path, h.configYaml)
  return path
}

/** `cs360 sync --once --as-of AS_OF` as a child process, and its outcome once it exits. */
export async function startSyncOnce(
  h: Harness,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; done: Promise<CliResult> }> {
  const config = await writeConfig(h)
  const child = spawnCli(['--config', config, 'sync', '--once', '--as-of', AS_OF], {
    env: { ...cliEnv(h), ...env },
  })
  return { child, done: exitOf(child) }
}

/** Collects a child's output until it exits. */
export function exitOf(child: ChildProcess): Promise<CliResult> {
  return new Promise((done, fail) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : -1), stdout, stderr }))
  })
}

/** Polls `probe` every 50 ms until it returns true; fails after `timeoutMs` saying what it waited for. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Records read so far by one run step (e.g. 'extract:salesforce:Opportunity'), 0 before it starts. */
export async function stepProgress(
  db: Kysely<Database>,
  step: string,
  column: 'records_read' | 'records_written' = 'records_read',
): Promise<number> {
  const row = await db
    .selectFrom('sync_run_steps')
    .select(column)
    .where('step', '=', step)
    .executeTakeFirst()
  return Number(row?.[column] ?? 0)
}

/**
 * How many activity attempts of a workflow were retries (attempt 2 or later): proof that the
 * fault hit the run, and the figure a case's outcome reports.
 */
export async function activityRetries(h: Harness, workflowId?: string): Promise<number> {
  const id =
    workflowId ??
    (await h.db.selectFrom('sync_runs').select('workflow_id').executeTakeFirstOrThrow()).workflow_id
  const history = await h.client.workflow.getHandle(id).fetchHistory()
  return (history.events ?? []).filter(
    (e) => (e.activityTaskStartedEventAttributes?.attempt ?? 0) > 1,
  ).length
}
