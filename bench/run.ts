/**
 * `npm run bench [-- --accounts 10000] [--seed 42]`: a generated company in every system, served
 * by the sandboxes in a process of their own, synced by the real pipeline (a Temporal worker in
 * this process). Every figure stands beside the limit it is compared with:
 * - requests per system and stream, counted from the requests the engine actually sent, against
 *   the fewest the APIs allow (⌈records / page maximum⌉ reads, ⌈written / batch maximum⌉ writes),
 *   for a full sync and an incremental one with nothing changed; the sandbox's own count of the
 *   requests it answered is reported beside them as a cross-check;
 * - the loader's rows a second against a client-side COPY of the same rows into the same
 *   database;
 * - this process's peak RSS (the worker's; the sandboxes, Postgres and Temporal run apart).
 * - what the CRM's streams read again in the quiet run: echoes of cs360's own write-back.
 * - the model at scale (bench/model-scale.ts): scoring, plays and metrics over
 *   `--model-accounts` accounts (default 100,000) with a year of daily usage, in a database of
 *   their own; `--model-accounts 0` skips it.
 * `--crm hubspot` puts the company in HubSpot instead of Salesforce (write-back: ⌈changed / 100⌉).
 * Results: bench/results/<date>-<accounts>[-hubspot].json and a table in docs/benchmarks.md.
 */
import { mkdir } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { configuredConnector } from '../src/activities/deps.js'
import { provisionWriteBackFields } from '../src/activities/write-back-fields.js'
import { runSyncOnce } from '../src/cli/run-sync.js'
import { parseConfig, formatProblem } from '../src/config/load.js'
import { loadConnector } from '../src/connectors/registry.js'
import { connectDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createLogger } from '../src/logger.js'
import { stepMinimumRequests } from '../src/report/run/api-minimums.js'
import { startDatabase } from '../src/runtime/postgres.js'
import { startTemporal } from '../src/runtime/temporal-server.js'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import { writeDataset } from '../src/sandbox/dataset/schema.js'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import { measureLoadRate, type LoadRate } from './load-rate.js'
import { measureModelScale, type ModelScaleReport } from './model-scale.js'
import { writeReport, type RunReport, type SystemReport } from './report.js'
import { startSandboxProcess } from './sandbox-client.js'

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    crm: { type: 'string', default: 'salesforce' },
    'model-accounts': { type: 'string', default: '100000' },
  },
})
const crm = values.crm
if (crm !== 'salesforce' && crm !== 'hubspot') throw new Error('--crm: salesforce or hubspot')
const accounts = Number(values.accounts)
const seed = Number(values.seed)
if (!Number.isInteger(accounts) || accounts < 1) throw new Error('--accounts: a positive number')
const modelAccounts = Number(values['model-accounts'])
if (!Number.isInteger(modelAccounts) || modelAccounts < 0)
  throw new Error('--model-accounts: 0 (skip) or a positive number')
const home = resolve('.cs360', 'bench')
await mkdir(home, { recursive: true })
const asOf = new Date().toISOString().slice(0, 10)
const say = (message: string) => console.log(`· ${message}`)

say(`generating a company of ${accounts} accounts (seed ${seed})`)
const datasetPath = join(home, `dataset-${accounts}-${seed}-${crm}.json`)
await writeDataset(datasetPath, generateDataset({ accounts, seed, asOf, crm }))
const sandbox = await startSandboxProcess(datasetPath)
say('sandboxes ready in their own process')

const pg = await startDatabase({
  url: process.env.DATABASE_URL,
  dataDir: join(home, 'postgres'),
  port: 0,
})
const admin = connectDatabase(pg.url)
await sql`drop database if exists cs360_bench with (force)`.execute(admin)
await sql`create database cs360_bench`.execute(admin)
await admin.destroy()
const databaseUrl = Object.assign(new URL(pg.url), { pathname: '/cs360_bench' }).toString()
const db = connectDatabase(databaseUrl)
await migrateToLatest(db)
const temporal = await startTemporal({
  address: process.env.TEMPORAL_ADDRESS,
  inMemory: true,
  port: 0,
  uiPort: 0,
  cwd: process.cwd(),
})
const parsed = parseConfig(sandbox.configYaml, sandbox.env)
if (!parsed.ok) throw new Error(`bench config:\n${parsed.problems.map(formatProblem).join('\n')}`)
const deps = { db, config: parsed.config, log: createLogger({}, () => undefined) }
{
  // `cs360 crm provision`, as a new user runs it before the first sync.
  const { connector, ctx } = await configuredConnector(deps, crm)
  const provisioned = await provisionWriteBackFields(crm, connector, ctx)
  if (provisioned.manual.length + provisioned.problems.length > 0)
    throw new Error([...provisioned.manual, ...provisioned.problems].join('\n'))
}
const target = { address: temporal.address, namespace: 'default', taskQueue: 'cs360-bench' }

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

const runIds: string[] = []

async function measuredRun(label: string): Promise<RunReport> {
  await sandbox.reset()
  peakRss = process.memoryUsage().rss
  const started = performance.now()
  const { result } = await runSyncOnce(target, deps, { trigger: 'bench', asOf })
  const seconds = (performance.now() - started) / 1000
  runIds.push(result.runId)
  const served = await sandbox.calls()
  say(`${label}: ${seconds.toFixed(1)} s`)
  // What the CRM's own streams read: after a write-back, the accounts cs360 itself changed.
  const crmReads = result.steps
    .filter((s) => s.step.startsWith(`extract:${crm}:`))
    .reduce((sum, s) => sum + s.recordsRead, 0)
  return {
    run: label,
    crmRecordsRead: crmReads,
    seconds: Number(seconds.toFixed(2)),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    systems: await systemReports(result, served),
  }
}

/** Per system: each step's requests against its minimum, and what the sandbox answered. */
async function systemReports(
  result: SyncAllResult,
  served: Awaited<ReturnType<typeof sandbox.calls>>,
): Promise<SystemReport[]> {
  const systems = Object.keys(parsed.ok ? parsed.config.connectors : {})
  const reports: SystemReport[] = []
  for (const system of systems) {
    const connectors = { [system]: await loadConnector(system) }
    const steps = []
    for (const step of result.steps) {
      if (step.step.split(':')[1] !== system) continue
      const counted = stepMinimumRequests(step, connectors)
      if (counted) steps.push({ step: step.step, requests: step.apiCalls, ...counted })
    }
    const requests = steps.reduce((sum, s) => sum + s.requests, 0)
    const known = steps.every((s) => s.minimum !== null)
    const minimum = known ? steps.reduce((sum, s) => sum + s.minimum!, 0) : null
    reports.push({
      system,
      steps,
      requests,
      minimum,
      ratio: minimum === null ? null : Number((minimum / Math.max(1, requests)).toFixed(3)),
      servedBySandbox: served[system]?.all ?? null,
    })
  }
  return reports
}

// Two quiet runs: the first reads back what the full sync wrote (where the CRM shows writes to
// incremental reads at once), the second what became visible only later (HubSpot's search
// index trails writes by seconds, and its lookback re-reads them on the run after).
const runs = [
  await measuredRun('full sync'),
  await measuredRun('incremental, nothing changed'),
  await measuredRun('incremental again, nothing changed'),
]
clearInterval(sampler)

say('measuring the loader against a client-side COPY of the same rows')
const load: LoadRate[] = []
const tables = new Set<string>()
for (const system of Object.keys(parsed.config.connectors)) {
  for (const stream of (await loadConnector(system)).streams) {
    for (const t of stream.targets) {
      if (tables.has(t.table)) continue
      tables.add(t.table)
      const count = await db
        .selectFrom(t.table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      if (Number(count.n) > 0) load.push(await measureLoadRate(db, databaseUrl, t, 2000))
    }
  }
}

// The extract's own landing rate in the full sync (API, mapping and loader together) beside the
// COPY rate of the table its rows went to.
const extractSteps = await db
  .selectFrom('sync_run_steps')
  .selectAll()
  .where('run_id', '=', runIds[0]!)
  .where('step', 'like', 'extract:%')
  .execute()
const extract = []
for (const step of extractSteps) {
  const [, system, streamName] = step.step.split(':')
  const stream = (await loadConnector(system!)).streams.find((s) => s.name === streamName)
  const copy = load.find((l) => l.table === stream?.targets[0]?.table)
  const seconds = (step.finished_at!.getTime() - step.started_at.getTime()) / 1000
  const rows = step.records_upserted + step.records_deleted
  const rowsPerSecond = Math.round(rows / Math.max(seconds, 0.001))
  extract.push({
    step: step.step,
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond,
    copyRowsPerSecond: copy?.copyRowsPerSecond ?? null,
    ratio: copy ? Number((rowsPerSecond / copy.copyRowsPerSecond).toFixed(3)) : null,
  })
}

let modelScale: ModelScaleReport | null = null
if (modelAccounts > 0) {
  say(`the model at scale: ${modelAccounts} accounts with a year of daily usage`)
  modelScale = await measureModelScale({
    serverUrl: pg.url,
    crm,
    accounts: modelAccounts,
    seed,
    asOf,
    config: parsed.config,
    say,
  })
}

const file = await writeReport({
  date: asOf,
  accounts,
  crm,
  seed,
  machine: {
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    // Other work on the machine slows every figure: the load when the bench ended says how much.
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  },
  runs,
  extract,
  load,
  modelScale,
})
say(`results: ${file} and docs/benchmarks.md`)
await sandbox.close()
await db.destroy()
await temporal.stop()
await pg.stop()
process.exit(0)
