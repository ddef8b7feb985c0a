import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import type { LoadRate } from './load-rate.js'
import type { ModelScaleReport } from './model-scale.js'

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
  runs: RunReport[]
  /** The full sync's extract steps: rows landed a second, API and mapping included. */
  extract: ExtractRate[]
  load: LoadRate[]
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
maximum⌉ per write-back); the sandbox's own count of requests it answered is the cross-check.
The loader is compared with a client-side \`COPY FROM STDIN\` of the same rows into the same
database.
`

function markdown(r: BenchReport): string {
  const lines = [
    `## ${r.accounts.toLocaleString('en-US')} accounts in ${r.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} (${r.date}, seed ${r.seed}, ${r.machine.cpus} cores, ${r.machine.memoryGb} GB)`,
    '',
  ]
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
  }
  lines.push(
    '### Loader against COPY',
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
