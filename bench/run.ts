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
 * - a re-sync after 1% of every system's records changed (`--changed`, see
 *   src/sandbox/change-records.ts), against the same minimums;
 * - the engine's own time (sandboxes answering at once) against what the same requests take at
 *   the services' published rate limits and typical latency (bench/service-limits.ts,
 *   bench/overhead-model.ts): the engine's share of a sync's total; and one full sync at
 *   `--limits-check-accounts` with the sandboxes' rate limits on, predicted against measured;
 * - the naive baseline (bench/naive-baseline.ts): the same 1%-changed re-sync as a hand-written
 *   script does it with the same SDKs, its requests and time against cs360's;
 * - this process's peak RSS (the worker's; the sandboxes, Postgres and Temporal run apart).
 * - what the CRM's streams read again in the quiet run: echoes of cs360's own write-back.
 * - the model at scale (bench/model-scale.ts): scoring, plays and metrics over
 *   `--model-accounts` accounts (default 100,000) with a year of daily usage, in a database of
 *   their own; `--model-accounts 0` skips it.
 * `--crm hubspot` puts the company in HubSpot instead of Salesforce (write-back: ⌈changed / 100⌉).
 * `--changed 0.01` the fraction changed before the last re-sync, `--settle-seconds 65` the wait
 * after changing (Zendesk's exports leave out the newest minute); `--naive-sample 5000|all`
 * records an object the naive script reads one by one; `--limits-check-accounts 300` (0 skips)
 * and `--limits-check-latency-ms 250` the rate-limited check.
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
import { runNaiveBaseline, type NaiveBaseline } from './naive-baseline.js'
import { apiTime, engineShare, type RequestCounts } from './overhead-model.js'
import { writeReport, type LimitsCheck, type RunReport, type SystemReport } from './report.js'
import {
  startSandboxProcess,
  type SandboxCalls,
  type SandboxProcessOptions,
} from './sandbox-client.js'

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    crm: { type: 'string', default: 'salesforce' },
    'model-accounts': { type: 'string', default: '100000' },
    changed: { type: 'string', default: '0.01' },
    'naive-sample': { type: 'string', default: '5000' },
    'limits-check-accounts': { type: 'string', default: '300' },
    'limits-check-latency-ms': { type: 'string', default: '250' },
    'settle-seconds': { type: 'string', default: '65' },
  },
})
if (values.crm !== 'salesforce' && values.crm !== 'hubspot')
  throw new Error('--crm: salesforce or hubspot')
const crm: 'salesforce' | 'hubspot' = values.crm
const accounts = Number(values.accounts)
const seed = Number(values.seed)
if (!Number.isInteger(accounts) || accounts < 1) throw new Error('--accounts: a positive number')
const modelAccounts = Number(values['model-accounts'])
if (!Number.isInteger(modelAccounts) || modelAccounts < 0)
  throw new Error('--model-accounts: 0 (skip) or a positive number')
const changedFraction = Number(values.changed)
if (!(changedFraction > 0 && changedFraction <= 1))
  throw new Error('--changed: the fraction of records to change, in (0, 1]')
const naiveSample = values['naive-sample'] === 'all' ? null : Number(values['naive-sample'])
if (naiveSample !== null && !(Number.isInteger(naiveSample) && naiveSample > 0))
  throw new Error('--naive-sample: records read one by one per object, or "all"')
const checkAccounts = Number(values['limits-check-accounts'])
const checkLatencyMs = Number(values['limits-check-latency-ms'])
if (!Number.isInteger(checkAccounts) || checkAccounts < 0)
  throw new Error('--limits-check-accounts: 0 (skip) or a positive number')
if (!(checkLatencyMs >= 0)) throw new Error('--limits-check-latency-ms: milliseconds, 0 or more')
const settleSeconds = Number(values['settle-seconds'])
if (!(settleSeconds >= 0)) throw new Error('--settle-seconds: seconds, 0 or more')
const home = resolve('.cs360', 'bench')
await mkdir(home, { recursive: true })
const benchStarted = performance.now()
const today = new Date().toISOString().slice(0, 10)
// The generated company's activity runs to the end of its as-of day: as of today, some records
// would be stamped hours ahead of the clock, and an incremental stream's high-water mark with
// them, hiding the changes made before the re-sync. As of yesterday, every stamp is in the past.
const asOf = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
const say = (message: string) => console.log(`· ${message}`)

const pg = await startDatabase({
  url: process.env.DATABASE_URL,
  dataDir: join(home, 'postgres'),
  port: 0,
})
const temporal = await startTemporal({
  address: process.env.TEMPORAL_ADDRESS,
  inMemory: true,
  port: 0,
  uiPort: 0,
  cwd: process.cwd(),
})
const target = { address: temporal.address, namespace: 'default', taskQueue: 'cs360-bench' }

async function datasetFile(size: number): Promise<string> {
  say(`generating a company of ${size} accounts (seed ${seed})`)
  const path = join(home, `dataset-${size}-${seed}-${crm}.json`)
  await writeDataset(path, generateDataset({ accounts: size, seed, asOf, crm }))
  return path
}

/** A sandbox process, a fresh database and the deps a worker syncs them with. */
async function prepare(datasetPath: string, database: string, options?: SandboxProcessOptions) {
  const sandbox = await startSandboxProcess(datasetPath, options)
  const admin = connectDatabase(pg.url)
  await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin)
  await sql`create database ${sql.id(database)}`.execute(admin)
  await admin.destroy()
  const databaseUrl = Object.assign(new URL(pg.url), { pathname: `/${database}` }).toString()
  const db = connectDatabase(databaseUrl)
  await migrateToLatest(db)
  const parsed = parseConfig(sandbox.configYaml, sandbox.env)
  if (!parsed.ok) throw new Error(`bench config:\n${parsed.problems.map(formatProblem).join('\n')}`)
  const deps = { db, config: parsed.config, log: createLogger({}, () => undefined) }
  // `cs360 crm provision`, as a new user runs it before the first sync.
  const { connector, ctx } = await configuredConnector(deps, crm)
  const provisioned = await provisionWriteBackFields(crm, connector, ctx)
  if (provisioned.manual.length + provisioned.problems.length > 0)
    throw new Error([...provisioned.manual, ...provisioned.problems].join('\n'))
  const close = async () => {
    await sandbox.close()
    await db.destroy()
  }
  return { sandbox, db, databaseUrl, deps, config: parsed.config, close }
}
type Prepared = Awaited<ReturnType<typeof prepare>>

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

async function measuredRun(
  setup: Prepared,
  label: string,
): Promise<{ report: RunReport; runId: string }> {
  await setup.sandbox.reset()
  peakRss = process.memoryUsage().rss
  const started = performance.now()
  const { result } = await runSyncOnce(target, setup.deps, { trigger: 'bench', asOf })
  const seconds = (performance.now() - started) / 1000
  const served = await setup.sandbox.calls()
  say(`${label}: ${seconds.toFixed(1)} s`)
  // What the CRM's own streams read: after a write-back, the accounts cs360 itself changed.
  const crmReads = result.steps
    .filter((s) => s.step.startsWith(`extract:${crm}:`))
    .reduce((sum, s) => sum + s.recordsRead, 0)
  const requestCounts = countsOf(served)
  const atLimits = apiTime(requestCounts, { limits: 'published' })
  return {
    runId: result.runId,
    report: {
      run: label,
      crmRecordsRead: crmReads,
      seconds: Number(seconds.toFixed(2)),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      systems: await systemReports(setup, result, served),
      requestCounts,
      atPublishedLimits: {
        seconds: round(atLimits.seconds),
        systems: atLimits.systems.map((s) => ({
          ...s,
          readSeconds: round(s.readSeconds),
          writeSeconds: round(s.writeSeconds),
        })),
      },
      engineShare: Number(engineShare(seconds, atLimits.seconds).toFixed(4)),
    },
  }
}

const round = (n: number) => Number(n.toFixed(2))
const countsOf = (served: SandboxCalls): RequestCounts =>
  Object.fromEntries(Object.entries(served).map(([system, s]) => [system, s.classes]))

/** Per system: each step's requests against its minimum, and what the sandbox answered. */
async function systemReports(
  setup: Prepared,
  result: SyncAllResult,
  served: SandboxCalls,
): Promise<SystemReport[]> {
  const reports: SystemReport[] = []
  for (const system of Object.keys(setup.config.connectors)) {
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

const main = await prepare(await datasetFile(accounts), 'cs360_bench')
say('sandboxes ready in their own process')
const runs: RunReport[] = []
const runIds: string[] = []
const record = ({ report, runId }: { report: RunReport; runId: string }) => {
  runs.push(report)
  runIds.push(runId)
  return report
}
// Two quiet runs: the first reads back what the full sync wrote (where the CRM shows writes to
// incremental reads at once), the second what became visible only later (HubSpot's search
// index trails writes by seconds, and its lookback re-reads them on the run after).
record(await measuredRun(main, 'full sync'))
record(await measuredRun(main, 'incremental, nothing changed'))
record(await measuredRun(main, 'incremental again, nothing changed'))
const percent = `${+(changedFraction * 100).toFixed(2)}%`
const changed = await main.sandbox.change(changedFraction)
say(`changed ${percent} of every system's records: ${JSON.stringify(changed)}`)
// Zendesk's exports leave out the newest minute (HubSpot's search index trails writes by
// seconds): changes made between two syncs are older than that, so the re-sync waits as much.
say(`waiting ${settleSeconds} s for the changes to reach every export`)
await new Promise((r) => setTimeout(r, settleSeconds * 1000))
const resync = record(await measuredRun(main, `re-sync, ${percent} of records changed`))
resync.changed = changed

say(`the naive baseline: the same ${percent} re-sync, record by record with the SDKs`)
await main.sandbox.change(changedFraction)
const naive: NaiveBaseline = await runNaiveBaseline({
  config: main.config,
  sample: naiveSample,
  calls: main.sandbox.calls,
  reset: main.sandbox.reset,
})
clearInterval(sampler)

say('measuring the loader against a client-side COPY of the same rows')
const load: LoadRate[] = []
const tables = new Set<string>()
for (const system of Object.keys(main.config.connectors)) {
  for (const stream of (await loadConnector(system)).streams) {
    for (const t of stream.targets) {
      if (tables.has(t.table)) continue
      tables.add(t.table)
      const count = await main.db
        .selectFrom(t.table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      if (Number(count.n) > 0) load.push(await measureLoadRate(main.db, main.databaseUrl, t, 2000))
    }
  }
}

// The extract's own landing rate in the full sync (API, mapping and loader together) beside the
// COPY rate of the table its rows went to.
const extractSteps = await main.db
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
await main.close()

let limitsCheck: LimitsCheck | null = null
if (checkAccounts > 0) limitsCheck = await checkAgainstRateLimits(checkAccounts, checkLatencyMs)

/**
 * The overhead model against reality: a full sync of a small company with the sandboxes
 * answering at once (the engine's own time), then the same with their rate limits on at real
 * windows and `latencyMs` on every answer; predicted: the engine's time plus what the model
 * says the second run's requests cost at the sandbox's limits.
 */
async function checkAgainstRateLimits(size: number, latencyMs: number): Promise<LimitsCheck> {
  const path = await datasetFile(size)
  // Each a full sync of a fresh database, twice, the faster kept: other work on the machine
  // only ever slows a run down.
  const fastest = async (label: string, options?: SandboxProcessOptions) => {
    let best: { report: RunReport; runId: string } | undefined
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const setup = await prepare(path, 'cs360_bench_check', options)
      const run = await measuredRun(setup, label)
      await setup.close()
      if (!best || run.report.seconds < best.report.seconds) best = run
    }
    return best!
  }
  say(`rate limits check, ${size} accounts: the engine alone`)
  const engine = await fastest('full sync, sandboxes answering at once')
  say(`rate limits check, ${size} accounts: rate limits on, ${latencyMs} ms a response`)
  const measured = await fastest('full sync, rate limits on', {
    rateLimitTimeScale: 1,
    latencyMs,
  })
  const counts = measured.report.requestCounts
  const predictedApi = apiTime(counts, {
    limits: 'sandbox',
    timeScale: 1,
    latencySeconds: latencyMs / 1000,
  })
  // Systems sync side by side: one system's waiting can overlap another's engine work, so the
  // truth lies between the larger of the two and their sum.
  const predicted = engine.report.seconds + predictedApi.seconds
  const predictedLow = Math.max(engine.report.seconds, predictedApi.seconds)
  const refused = Object.values(counts)
    .flatMap((classes) => Object.values(classes))
    .reduce((sum, c) => sum + c.refused, 0)
  return {
    accounts: size,
    latencyMs,
    engineSeconds: engine.report.seconds,
    apiSeconds: round(predictedApi.seconds),
    predictedSeconds: round(predicted),
    predictedLowSeconds: round(predictedLow),
    measuredSeconds: measured.report.seconds,
    ratio: Number((measured.report.seconds / predicted).toFixed(3)),
    refused,
    systems: predictedApi.systems.map((s) => ({
      ...s,
      readSeconds: round(s.readSeconds),
      writeSeconds: round(s.writeSeconds),
    })),
  }
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
    config: main.config,
    say,
  })
}

const file = await writeReport({
  date: today,
  accounts,
  crm,
  seed,
  machine: {
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    // Other work on the machine slows every figure: the load when the bench ended says how much.
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  },
  benchSeconds: Math.round((performance.now() - benchStarted) / 1000),
  runs,
  extract,
  load,
  naive,
  limitsCheck,
  modelScale,
})
say(`results: ${file} and docs/benchmarks.md`)
await temporal.stop()
await pg.stop()
process.exit(0)
