import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoadRate } from './load-rate.js'

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
  machine: { cpus: number; memoryGb: number }
  runs: RunReport[]
  /** The full sync's extract steps: rows landed a second, API and mapping included. */
  extract: ExtractRate[]
  load: LoadRate[]
}

const key = (r: BenchReport) => `${r.accounts}${r.crm === 'salesforce' ? '' : `-${r.crm}`}`
const BEGIN = (r: BenchReport) => `<!-- bench:${key(r)} -->`
const END = (r: BenchReport) => `<!-- /bench:${key(r)} -->`

/** Writes the JSON result and replaces this size's section of docs/benchmarks.md. */
export async function writeReport(report: BenchReport): Promise<string> {
  await mkdir(join('bench', 'results'), { recursive: true })
  const file = join('bench', 'results', `${report.date}-${key(report)}.json`)
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  const section = [BEGIN(report), markdown(report), END(report)].join('\n')
  const docs = join('docs', 'benchmarks.md')
  const current = await readFile(docs, 'utf8').catch(() => HEADER)
  const start = current.indexOf(BEGIN(report))
  const end = current.indexOf(END(report))
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END(report).length)
      : `${current.trimEnd()}\n\n${section}\n`
  await writeFile(docs, next)
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
  return file
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
