import { describe, expect, it } from 'vitest'
import { sizesMarkdown, type BenchReport, type RunReport } from './report.js'

const run = (seconds: number, peakRssMb: number, extra: Partial<RunReport> = {}): RunReport => ({
  run: 'r',
  crmRecordsRead: 0,
  seconds,
  peakRssMb,
  systems: [
    { system: 'salesforce', steps: [], requests: 3, minimum: 3, ratio: 1, servedBySandbox: 4 },
    { system: 'zendesk', steps: [], requests: 3, minimum: 3, ratio: 1, servedBySandbox: 6 },
  ],
  requestCounts: {},
  atPublishedLimits: { seconds: 1, systems: [] },
  engineShare: 0.25,
  ...extra,
})

const report = (accounts: number, date: string, runs: RunReport[]): BenchReport => ({
  date,
  accounts,
  crm: 'salesforce',
  seed: 42,
  machine: { cpus: 2, memoryGb: 24 },
  benchSeconds: 600,
  runs,
  extract: [],
  load: [],
  naive: {
    systems: [],
    seconds: 10,
    requests: 500,
    atPublishedLimitsSeconds: 100,
    sample: null,
  },
})

describe('sizesMarkdown', () => {
  it('keeps the newest run of each size, smallest first, with peak RSS over every run', () => {
    const md = sizesMarkdown([
      report(10000, '2026-12-01', [run(900, 2100), run(30, 2400, { changed: { x: { y: 1 } } })]),
      report(500, '2026-11-01', [run(99, 1)]),
      report(500, '2026-11-28', [run(70, 700), run(3.5, 500, { changed: { x: { y: 1 } } })]),
    ])
    const rows = md.split('\n').filter((l) => /^\| \d/.test(l))
    expect(rows).toEqual([
      '| 500 | salesforce | 2026-11-28 | 10.0 | 70 | 3.5 | 25.0% | 700 | 50 |',
      '| 10000 | salesforce | 2026-12-01 | 10.0 | 900 | 30 | 25.0% | 2400 | 50 |',
    ])
  })

  it('says n/a for figures an older result lacks', () => {
    const old = report(2000, '2026-11-20', [run(146, 838)])
    delete old.naive
    delete old.benchSeconds
    const legacy = { ...old.runs[0]!, engineShare: undefined } as unknown as RunReport
    const md = sizesMarkdown([{ ...old, runs: [legacy] }])
    expect(md).toContain('| 2000 | salesforce | 2026-11-20 | n/a | 146 | n/a | n/a | 838 | n/a |')
  })
})
