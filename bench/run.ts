/**
 * `npm run bench`: one cold syncAll and one warm (nothing changed) against the sandbox, reported
 * as ratios to the physical limits rather than as timings alone:
 * - API calls against the minimum (⌈records / 2,000⌉ query pages per object, ⌈changed / 200⌉
 *   collection writes): 1.00 means not one call more than the APIs require;
 * - rows landed per second by the extract against the same server's bulk insert rate for rows of
 *   the same shape (generate_series → INSERT … SELECT), the ceiling of any loader.
 * Usage: npm run bench -- [--accounts 20000] [--seed 42]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { parseConfig } from '../src/config/load.js'
import { runSyncOnce } from '../src/cli/run-sync.js'
import { connectDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createLogger } from '../src/logger.js'
import { startDatabase } from '../src/runtime/postgres.js'
import { startTemporal } from '../src/runtime/temporal-server.js'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import { startSandbox } from '../src/sandbox/start-sandbox.js'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import type { SalesforceSandbox } from '../src/sandbox/salesforce/server.js'

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
  },
})
const accounts = Number(values.accounts)
const home = resolve('.cs360', 'bench')
const asOf = '2026-11-22'

const pg = await startDatabase({
  url: process.env.DATABASE_URL,
  dataDir: join(home, 'postgres'),
  port: 0,
})
const admin = connectDatabase(pg.url)
await sql`drop database if exists cs360_bench with (force)`.execute(admin)
await sql`create database cs360_bench`.execute(admin)
await admin.destroy()
const url = new URL(pg.url)
url.pathname = '/cs360_bench'
const db = connectDatabase(url.toString())
await migrateToLatest(db)
const temporal = await startTemporal({
  address: process.env.TEMPORAL_ADDRESS,
  inMemory: true,
  port: 0,
  uiPort: 0,
  cwd: process.cwd(),
})
const dataset = generateDataset({ accounts, seed: Number(values.seed), asOf })
const sandbox = await startSandbox(dataset, 0)
const sf = sandbox.server<SalesforceSandbox>('salesforce')!
const parsed = parseConfig(sandbox.configYaml({ only: ['salesforce'] }), sandbox.env)
if (!parsed.ok) throw new Error('bench config invalid')
const deps = { db, config: parsed.config, log: createLogger({}, () => undefined) }
const target = { address: temporal.address, namespace: 'default', taskQueue: 'cs360-bench' }

const counts = {
  User: sf.records('User').length,
  Account: sf.records('Account').length,
  Opportunity: sf.records('Opportunity').length,
}
const pages = (n: number) => Math.max(1, Math.ceil(n / 2000))

async function measuredRun(label: string, changed: (r: SyncAllResult) => Record<string, number>) {
  sf.calls.reset()
  const started = performance.now()
  const { result } = await runSyncOnce(target, deps, { trigger: 'bench', asOf })
  const seconds = (performance.now() - started) / 1000
  const reads = sf.calls.count((c) => c.method === 'GET' && c.path.includes('/query'))
  const writes = sf.calls.writes().length
  const readsChanged = changed(result)
  const minReads = Object.values(readsChanged).reduce((s, n) => s + pages(n), 0)
  const minWrites = Math.ceil(result.written / 200)
  return { label, seconds, result, reads, writes, minReads, minWrites }
}

const cold = await measuredRun('cold', () => counts)
const stepRows = await db
  .selectFrom('sync_run_steps')
  .select(['step', 'records_upserted', 'started_at', 'finished_at'])
  .where('run_id', '=', cold.result.runId)
  .execute()
const extractRows = stepRows
  .filter((s) => s.step.startsWith('extract:'))
  .reduce((s, r) => s + r.records_upserted, 0)
const extractTime = stepRows
  .filter((s) => s.step.startsWith('extract:') && s.finished_at)
  .reduce((s, r) => s + (r.finished_at!.getTime() - r.started_at.getTime()) / 1000, 0)
const warm = await measuredRun('warm (no source change)', (r) =>
  Object.fromEntries(
    r.steps.filter((s) => s.step.startsWith('extract:')).map((s) => [s.step, s.recordsRead]),
  ),
)

// Ceiling: the same server inserting rows of the accounts table's shape, with no API or app in between.
const ceilingRows = Math.max(extractRows, 10_000)
const ceilingStart = performance.now()
await sql`create temp table bench_ceiling (like opportunities including defaults)`.execute(db)
await sql`
  insert into bench_ceiling (source, source_id, account_source_id, name, opportunity_type, stage, amount, probability, close_date, is_closed, is_won, contract_start, contract_end, owner_source_id, source_updated_at)
  select 'bench', 'id' || g, 'acc' || (g % 1000), 'Opportunity ' || g, 'Renewal', 'Closed Won', g * 1.5, 100, date '2026-01-01' + (g % 365), true, true, date '2026-01-01', date '2026-12-31', 'own', now()
  from generate_series(1, ${ceilingRows}) g`.execute(db)
const ceilingRate = ceilingRows / ((performance.now() - ceilingStart) / 1000)
const extractRate = extractRows / extractTime

const report = {
  accounts,
  records: counts,
  runs: [cold, warm].map((r) => ({
    run: r.label,
    seconds: Number(r.seconds.toFixed(2)),
    readCalls: r.reads,
    minimumReadCalls: r.minReads,
    writeCalls: r.writes,
    minimumWriteCalls: r.minWrites,
    apiCallRatio: Number(((r.minReads + r.minWrites) / Math.max(1, r.reads + r.writes)).toFixed(3)),
    written: r.result.written,
  })),
  load: {
    extractRowsPerSecond: Math.round(extractRate),
    bulkInsertRowsPerSecond: Math.round(ceilingRate),
    ratio: Number((extractRate / ceilingRate).toFixed(3)),
  },
}
console.table(report.runs)
console.log(
  `extract landed ${extractRows} rows at ${report.load.extractRowsPerSecond}/s; the server's bulk insert ceiling is ${report.load.bulkInsertRowsPerSecond}/s (ratio ${report.load.ratio}; the gap is the API round trips and JSON)`,
)
await mkdir(home, { recursive: true })
await writeFile(join(home, 'result.json'), JSON.stringify(report, null, 2))
console.log(`written ${join(home, 'result.json')}`)
await sandbox.close()
await db.destroy()
await temporal.stop()
await pg.stop()
process.exit(0)
