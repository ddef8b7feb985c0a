import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import type { ChangedRecords } from '../src/sandbox/change-records.js'
import type { LoadRate } from './load-rate.js'
import type { ModelScaleReport } from './model-scale.js'
import type { NaiveBaseline } from './naive-baseline.js'
import type { RequestCounts, SystemApiTime } from './overhead-model.js'
import { SERVICE_LIMITS, type Allowance } from './service-limits.js'

export interface StepReport {
  step: string
  records: number
  /** Requests the engine sent, counted from the wire. */
  requests: number
  /** The fewest the API allows; null when the stream does not say. */
  minimum: number | null
}

export interface SystemReport {
  system: string
  steps: StepReport[]
  requests: number
  minimum: number | null
  /** minimum / requests: 1.00 means not one request more than the API requires. */
  ratio: number | null
  servedBySandbox: number | null
}

export interface RunReport {
  run: string
  /** Records the CRM of record's streams read (in a quiet run: cs360's own writes, read back). */
  crmRecordsRead: number
  seconds: number
  peakRssMb: number
  systems: SystemReport[]
  /** What the sandbox answered, by the allowance each request counts against. */
  requestCounts: RequestCounts
  /** The same requests at the services' published limits and typical latency. */
  atPublishedLimits: { seconds: number; systems: SystemApiTime[] }
  /** The engine's own time over itself plus `atPublishedLimits` (aim: at most 0.1). */
  engineShare: number
  /** Records changed in the sandboxes before this run. */
  changed?: ChangedRecords
}

/** A full sync with the sandboxes' rate limits on, against the overhead model's prediction. */
export interface LimitsCheck {
  accounts: number
  latencyMs: number
  /** The same full sync with the sandboxes answering at once. */
  engineSeconds: number
  /** The model's time for the limited run's requests at the sandbox's limits. */
  apiSeconds: number
  /** Engine plus API: nothing overlaps. */
  predictedSeconds: number
  /** The larger of the two: the engine's work overlaps the API's waiting entirely. */
  predictedLowSeconds: number
  measuredSeconds: number
  /** measured / predicted (the sum). */
  ratio: number
  /** Requests the sandboxes refused with a 429 (the model assumes none). */
  refused: number
  systems: SystemApiTime[]
}

export interface ExtractRate {
  step: string
  rows: number
  seconds: number
  rowsPerSecond: number
  /** COPY's rate into the table the stream's rows land in, measured in the same run. */
  copyRowsPerSecond: number | null
  ratio: number | null
}

export interface BenchReport {
  date: string
  accounts: number
  crm: 'salesforce' | 'hubspot'
  seed: number
  /** loadAverage: the 1-minute load when the bench ended (other work slows every figure). */
  machine: { cpus: number; memoryGb: number; loadAverage?: number }
  /** The whole benchmark's wall time, generation and every check included. */
  benchSeconds?: number
  runs: RunReport[]
  /** The full sync's extract steps: rows landed a second, API and mapping included. */
  extract: ExtractRate[]
  load: LoadRate[]
  naive?: NaiveBaseline
  limitsCheck?: LimitsCheck | null
  /** Scoring, plays and metrics over a generated customer-360 (null: `--model-accounts 0`). */
  modelScale?: ModelScaleReport | null
}

const key = (r: BenchReport) => `${r.accounts}${r.crm === 'salesforce' ? '' : `-${r.crm}`}`

/** Writes the JSON result and replaces this size's section of docs/benchmarks.md. */
export async function writeReport(report: BenchReport): Promise<string> {
  await mkdir(join('bench', 'results'), { recursive: true })
  const file = join('bench', 'results', `${report.date}-${key(report)}.json`)
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  const docs = join('docs', 'benchmarks.md')
  let current = await readFile(docs, 'utf8').catch(() => HEADER)
  current = replaceSection(current, key(report), markdown(report))
  current = replaceSection(current, 'service-limits', serviceLimitsMarkdown())
  current = replaceSection(current, 'sizes', sizesMarkdown(await allReports()))
  if (report.modelScale)
    current = replaceSection(
      current,
      `model-${report.modelScale.accounts}`,
      modelScaleMarkdown(report, report.modelScale),
    )
  // Formatted as `npm run lint` checks it (aligned tables), so a bench run leaves the repo clean.
  const options = (await resolveConfig(docs)) ?? {}
  await writeFile(docs, await format(current, { ...options, filepath: docs }))
  for (const run of report.runs) {
    console.log(`\n${run.run}: ${run.seconds} s, peak RSS ${run.peakRssMb} MB`)
    console.table(
      run.systems.map((s) => ({
        system: s.system,
        requests: s.requests,
        minimum: s.minimum,
        ratio: s.ratio,
        sandbox: s.servedBySandbox,
      })),
    )
  }
  console.table(
    report.runs.map((r) => ({
      run: r.run,
      'engine s': r.seconds,
      'API s at published limits': r.atPublishedLimits.seconds,
      'engine share': r.engineShare,
    })),
  )
  if (report.naive) console.table(report.naive.systems)
  if (report.limitsCheck) console.log('rate limits check:', report.limitsCheck)
  console.table(report.extract)
  console.table(report.load)
  if (report.modelScale) {
    const m = report.modelScale
    console.log(
      `\nthe model at ${m.accounts} accounts (${m.scoredAccounts} scored), ${m.usageRows} usage rows over ${m.usageDays} days:`,
    )
    console.table(
      m.steps.map((s) => ({
        step: s.step,
        seconds: s.seconds,
        accounts: s.accounts,
        'accounts/s': s.accountsPerSecond,
        'usage rows read': s.usageRowsRead,
        'usage rows/s': s.usageRowsPerSecond,
        'plain scan rows/s': s.usageRowsRead > 0 ? m.usageScan.rowsPerSecond : null,
      })),
    )
  }
  return file
}

/** Replaces the section between `<!-- bench:name -->` and its end marker, or appends it. */
function replaceSection(document: string, name: string, body: string): string {
  const begin = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const section = [begin, body, end].join('\n')
  const start = document.indexOf(begin)
  const stop = document.indexOf(end)
  return start >= 0 && stop > start
    ? document.slice(0, start) + section + document.slice(stop + end.length)
    : `${document.trimEnd()}\n\n${section}\n`
}

const HEADER = `# Benchmarks

Written by \`npm run bench\` (see bench/run.ts): each figure beside the physical limit it is
compared with, measured in the same run. Requests are counted from the requests the engine sent;
"minimum" is the fewest the APIs allow (⌈records / page maximum⌉ per stream, ⌈written / batch
maximum⌉ per write-back: 200 a request to Salesforce, 100 to HubSpot); the sandbox's own count
of requests it answered is the cross-check. The loader is compared with a client-side
\`COPY FROM STDIN\` of the same rows into the same database (aim: at least half its rate).

Each size runs four syncs: the full sync, two re-syncs with nothing changed (minimum reads, no
writes), and a re-sync after 1% of the records of every object cs360 syncs changed in every
system (\`--changed 0.01\`; src/sandbox/change-records.ts changes them through each system's own
update path, so SystemModstamp, hs_lastmodifieddate, Zendesk's updated_at and
generated_timestamp move and Stripe records a \`*.updated\` event, then waits
\`--settle-seconds 65\` because Zendesk's exports leave out the newest minute). Amplitude is left
out of the change: its events never change and new ones reach the Export API hours later.

Times: in those four syncs the sandboxes answer at once and refuse nothing (paced connectors
pace to windows a hundred times shorter), so each time is the engine's own. Beside it, "API s at
published limits" is what the same requests take at the real services' published allowances and
an assumed typical latency (bench/service-limits.ts, table at the end, sources cited), computed
from the requests each system answered (bench/overhead-model.ts: each system one request at a
time, systems side by side, write-back after), and the engine's share of the sum (aim: at most
10%). A full sync of \`--limits-check-accounts 300\` accounts with the sandboxes' rate limits on,
at real windows and \`--limits-check-latency-ms 250\` on every answer, checks that computation:
predicted against measured, the faster of two runs each. The prediction is a range:
the engine's own time on the same company and the model's API time at the sandbox's limits,
from the larger of the two (one system's waiting overlaps another's engine work entirely) to
their sum (nothing overlaps).

The naive baseline (bench/naive-baseline.ts) is the 1%-changed re-sync as a hand-written script
does it with the same SDKs (jsforce, @hubspot/api-client, node-zendesk, stripe-node; the Export
API over fetch): list every object's ids, read each record, write every CRM account, no diff;
at most \`--naive-sample 5000\` records an object are read one by one and the rest extrapolated
(one request each; time in proportion), so large sizes stay runnable.
`

function markdown(r: BenchReport): string {
  const lines = [
    `## ${r.accounts.toLocaleString('en-US')} accounts in ${r.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} (${r.date}, seed ${r.seed}, ${r.machine.cpus} cores, ${r.machine.memoryGb} GB)`,
    '',
  ]
  if (r.benchSeconds !== undefined)
    lines.push(
      `The whole benchmark took ${(r.benchSeconds / 60).toFixed(1)} minutes${r.machine.loadAverage === undefined ? '' : ` (load average ${r.machine.loadAverage} when it ended)`}; ` +
        `the worker's peak RSS over the four syncs was ${Math.max(...r.runs.slice(0, 4).map((run) => run.peakRssMb))} MB.`,
      '',
    )
  for (const run of r.runs) {
    lines.push(
      `### ${run.run}: ${run.seconds} s, worker peak RSS ${run.peakRssMb} MB; the CRM's streams read ${run.crmRecordsRead} records`,
      '',
    )
    lines.push(
      '| system | step | records | requests | minimum | ratio |',
      '|---|---|---:|---:|---:|---:|',
    )
    for (const s of run.systems) {
      for (const step of s.steps)
        lines.push(
          `| ${s.system} | ${step.step} | ${step.records} | ${step.requests} | ${step.minimum ?? 'n/a'} | ${step.minimum === null ? 'n/a' : (step.minimum / Math.max(1, step.requests)).toFixed(2)} |`,
        )
      lines.push(
        `| **${s.system}** | all (sandbox answered ${s.servedBySandbox ?? 'n/a'}) | | **${s.requests}** | **${s.minimum ?? 'n/a'}** | **${s.ratio ?? 'n/a'}** |`,
      )
    }
    lines.push('')
    if (run.changed)
      lines.push(
        `Changed before this run, in each system's API (stamps moved): ${changedText(run.changed)}.`,
        '',
      )
  }
  lines.push(...overheadMarkdown(r))
  if (r.limitsCheck) lines.push(...limitsCheckMarkdown(r.limitsCheck))
  if (r.naive) lines.push(...naiveMarkdown(r, r.naive))
  const reaching = r.load.filter((l) => l.ratio >= 0.5).length
  lines.push(
    '### Loader against COPY',
    '',
    `Aim: at least half of COPY's rate. ${reaching} of ${r.load.length} tables reach it.`,
    '',
    '',
    '| table | rows | loader rows/s | COPY rows/s | ratio |',
    '|---|---:|---:|---:|---:|',
  )
  for (const l of r.load)
    lines.push(
      `| ${l.table} | ${l.rows} | ${l.loaderRowsPerSecond} | ${l.copyRowsPerSecond} | ${l.ratio} |`,
    )
  return lines.join('\n')
}

function modelScaleMarkdown(r: BenchReport, m: ModelScaleReport): string {
  const load = r.machine.loadAverage === undefined ? '' : `, load average ${r.machine.loadAverage}`
  const lines = [
    `## The model at ${m.accounts.toLocaleString('en-US')} accounts (${r.date}, seed ${r.seed}, ${r.machine.cpus} cores, ${r.machine.memoryGb} GB${load})`,
    '',
    `${m.scoredAccounts.toLocaleString('en-US')} customers scored; ${m.usageRows.toLocaleString('en-US')} usage_daily rows over ${m.usageDays} days; ` +
      `database ${m.databaseGb} GB, loaded with COPY in ${m.loadSeconds} s, vacuum analyze ${m.vacuumAnalyzeSeconds} s. ` +
      `The floor: a plain scan of the ${m.usageScan.rows.toLocaleString('en-US')} usage rows in the look-back window, ` +
      `id arrays included, reads ${m.usageScan.rowsPerSecond.toLocaleString('en-US')} rows/s (${m.usageScan.seconds} s).`,
    '',
    '| step | seconds | accounts | accounts/s | usage rows read | usage rows/s | plain scan rows/s | result |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const s of m.steps)
    lines.push(
      `| ${s.step} | ${s.seconds} | ${s.accounts} | ${s.accountsPerSecond} | ${s.usageRowsRead} | ${s.usageRowsPerSecond ?? 'n/a'} | ${s.usageRowsRead > 0 ? m.usageScan.rowsPerSecond : 'n/a'} | ${summary(s.result)} |`,
    )
  lines.push(
    '',
    '| table | rows loaded | seconds | rows/s |',
    '|---|---:|---:|---:|',
    ...m.load.map((t) => `| ${t.table} | ${t.rows} | ${t.seconds} | ${t.rowsPerSecond} |`),
  )
  return lines.join('\n')
}

function summary(result: Record<string, unknown>): string {
  return Object.entries(result)
    .map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ')
    .replace(/\|/g, '/')
}

const round2 = (n: number) => Number(n.toFixed(2))
const pct = (share: number) => `${(share * 100).toFixed(1)}%`

function changedText(changed: ChangedRecords): string {
  return Object.entries(changed)
    .map(
      ([system, objects]) =>
        `${system} ${Object.entries(objects)
          .map(([object, n]) => `${n} ${object}`)
          .join(', ')}`,
    )
    .join('; ')
}

function binding(systems: SystemApiTime[]): string {
  const bound = systems.filter((s) => s.binding).map((s) => `${s.system} ${s.binding}`)
  return bound.length > 0 ? bound.join(', ') : 'none (latency only)'
}

function overheadMarkdown(r: BenchReport): string[] {
  const lines = [
    '### Engine overhead',
    '',
    "The engine's own time (the sandboxes answer at once) beside what the same requests take at " +
      "the services' published rate limits and typical latency (the table of limits below); aim: " +
      "the engine at most 10% of the total. The API time is the slowest system's reads plus every " +
      'write-back, each system one request at a time.',
    '',
    '| run | requests | engine s | API s at published limits | limits that bind | engine share | worker peak RSS MB |',
    '|---|---:|---:|---:|---|---:|---:|',
  ]
  for (const run of r.runs) {
    const requests = run.atPublishedLimits.systems.reduce((sum, s) => sum + s.requests, 0)
    lines.push(
      `| ${run.run} | ${requests} | ${run.seconds} | ${run.atPublishedLimits.seconds} | ${binding(run.atPublishedLimits.systems)} | ${pct(run.engineShare)} | ${run.peakRssMb} |`,
    )
  }
  lines.push('')
  return lines
}

function limitsCheckMarkdown(c: LimitsCheck): string[] {
  return [
    `### The overhead model against the sandboxes' rate limits (${c.accounts} accounts)`,
    '',
    `A full sync with the sandboxes' rate limits on at real windows and ${c.latencyMs} ms added to every answer, ` +
      `against the prediction: the engine's own time on the same company (${c.engineSeconds} s, sandboxes answering at once) ` +
      `plus the model's ${c.apiSeconds} s for the requests it sent at the sandbox's limits; as systems sync side by side, ` +
      `one's waiting can overlap another's engine work, so the prediction is a range: the larger of the two up to their sum. ` +
      `Requests refused with a 429: ${c.refused}.`,
    '',
    '| predicted s (overlapped – sum) | measured s | measured / sum | within | limits that bind |',
    '|---|---:|---:|---|---|',
    `| ${c.predictedLowSeconds} – ${c.predictedSeconds} | ${c.measuredSeconds} | ${c.ratio} | ${within(c)} | ${binding(c.systems)} |`,
    '',
  ]
}

function within(c: LimitsCheck): string {
  if (c.measuredSeconds < c.predictedLowSeconds) return 'faster than predicted'
  return c.measuredSeconds <= c.predictedSeconds ? 'yes' : 'slower than predicted'
}

function naiveMarkdown(r: BenchReport, n: NaiveBaseline): string[] {
  const resync = r.runs.find((run) => run.changed)
  const sample =
    n.sample === null
      ? 'every record read one by one'
      : `at most ${n.sample} records an object read one by one, the rest extrapolated (one request each, time in proportion)`
  const lines = [
    '### Naive baseline',
    '',
    `The same re-sync as a hand-written script does it with the same SDKs (bench/naive-baseline.ts): list every ` +
      `object's ids, read each record, write every CRM account, no diff; ${sample}. Beside it, cs360's re-sync.`,
    '',
    '| system | records | naive requests | cs360 requests | naive / cs360 | naive s | naive s at published limits | cs360 s at published limits |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ]
  let cs360Requests = 0
  for (const s of n.systems) {
    const mine = resync?.systems.find((x) => x.system === s.system)?.servedBySandbox ?? null
    const mineAtLimits = resync?.atPublishedLimits.systems.find((x) => x.system === s.system)
    cs360Requests += mine ?? 0
    lines.push(
      `| ${s.system} | ${s.records} | ${s.fullRequests} | ${mine ?? 'n/a'} | ${mine ? (s.fullRequests / mine).toFixed(1) : 'n/a'} | ${s.fullSeconds} | ${s.atPublishedLimitsSeconds} | ${mineAtLimits ? round2(mineAtLimits.readSeconds + mineAtLimits.writeSeconds) : 'n/a'} |`,
    )
  }
  lines.push(
    `| **all** | | **${n.requests}** | **${cs360Requests}** | **${(n.requests / Math.max(1, cs360Requests)).toFixed(1)}** | **${n.seconds}** | **${n.atPublishedLimitsSeconds}** | **${resync?.atPublishedLimits.seconds ?? 'n/a'}** |`,
    '',
  )
  if (resync) {
    const engine = resync.seconds + (resync.atPublishedLimits.seconds ?? 0)
    lines.push(
      `Time with the sandboxes answering at once: the script ${n.seconds} s, cs360 ${resync.seconds} s ` +
        `(${(n.seconds / Math.max(0.01, resync.seconds)).toFixed(1)}×). At the services' published limits: the script ` +
        `${n.atPublishedLimitsSeconds} s of API time alone, cs360 ${round2(engine)} s in all, its own time included ` +
        `(${(n.atPublishedLimitsSeconds / Math.max(0.01, engine)).toFixed(1)}×).`,
      '',
    )
  }
  return lines
}

const allowance = (a: Allowance | null) =>
  a ? `${a.requests} per ${a.seconds === 1 ? 'second' : `${a.seconds} s`}` : '—'

function serviceLimitsMarkdown(): string {
  const lines = [
    "## The services' limits the engine overhead is computed with",
    '',
    'From bench/service-limits.ts. Allowances are published (source in the last column; —: no ' +
      'per-second or per-minute allowance, a daily one at most); the typical latency of a page ' +
      "request is this benchmark's assumption (no service publishes one).",
    '',
    '| system | requests | published allowance | sandbox enforces | assumed latency s | source |',
    '|---|---|---|---|---:|---|',
  ]
  for (const s of SERVICE_LIMITS)
    for (const c of s.classes)
      lines.push(
        `| ${s.system} | ${c.name} | ${allowance(c.published)} | ${allowance(c.sandbox)} | ${s.typicalLatencySeconds} | ${c.source.replace(/\|/g, '/')} |`,
      )
  return lines.join('\n')
}

/** Every result file bench/results holds, oldest first. */
async function allReports(): Promise<BenchReport[]> {
  const dir = join('bench', 'results')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
  return Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as BenchReport),
  )
}

/**
 * One line a size and CRM, from its newest result: the times and the worker's peak RSS side by
 * side, so the 10,000- and 100,000-account runs read against each other.
 */
export function sizesMarkdown(reports: BenchReport[]): string {
  const newest = new Map<string, BenchReport>()
  for (const r of reports) {
    const current = newest.get(key(r))
    if (!current || current.date <= r.date) newest.set(key(r), r)
  }
  const rows = [...newest.values()].sort(
    (a, b) => a.accounts - b.accounts || a.crm.localeCompare(b.crm),
  )
  const lines = [
    '## At each size',
    '',
    'The newest run of each size (bench/results); n/a: a run made before the figure was measured.',
    '',
    '| accounts | CRM | date | whole bench min | full sync s | 1%-changed re-sync s | engine share, full sync | worker peak RSS MB | naive / cs360 requests |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const full = r.runs[0]
    const resync = r.runs.find((run) => run.changed)
    const naive = r.naive && resync ? r.naive.requests / Math.max(1, served(resync)) : null
    lines.push(
      `| ${r.accounts} | ${r.crm} | ${r.date} | ${r.benchSeconds === undefined ? 'n/a' : (r.benchSeconds / 60).toFixed(1)} | ` +
        `${full?.seconds ?? 'n/a'} | ${resync?.seconds ?? 'n/a'} | ${full?.engineShare === undefined ? 'n/a' : pct(full.engineShare)} | ` +
        `${Math.max(...r.runs.map((run) => run.peakRssMb))} | ${naive === null ? 'n/a' : naive.toFixed(0)} |`,
    )
  }
  return lines.join('\n')
}

const served = (run: RunReport) => run.systems.reduce((sum, s) => sum + (s.servedBySandbox ?? 0), 0)
