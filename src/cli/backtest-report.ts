import type { BacktestEvaluation } from '../model/backtest/evaluate.js'

export interface BacktestRun {
  crm: string
  asOf: string
  until: string
  results: { name: string; evaluation: BacktestEvaluation }[]
}

/**
 * The back-test as a VP of CS reads it: one column per config, the ranking quality first, then
 * what each band went on to do, then the forecast's probabilities against the renewals decided.
 */
export function formatBacktest(run: BacktestRun): string {
  const first = run.results[0]!.evaluation
  const days = Math.round((Date.parse(run.until) - Date.parse(run.asOf)) / 86_400_000)
  const o = first.outcomes
  const lines = [
    `back-test of health in ${run.crm}: scored as of ${run.asOf}, outcomes to ${run.until} (${days} days)`,
    `${n(first.customers)} customers then: ${n(o.churned)} churned, ${n(o.contracted)} contracted, ${n(o.retained)} retained, ${n(o.expanded)} expanded, ${n(o.pending)} renewal still open (left out)`,
    'scored from time-stamped data only: the CRM keeps just the latest activity date, so touch recency is left out and its weight goes to the other measures',
    '',
  ]
  const labelWidth = 34
  const colWidth = Math.max(22, ...run.results.map((r) => r.name.length + 2))
  const row = (label: string, cells: string[]) =>
    `${label.padEnd(labelWidth)}${cells.map((c) => c.padStart(colWidth)).join('')}`
  const each = (f: (e: BacktestEvaluation) => string) => run.results.map((r) => f(r.evaluation))
  lines.push(
    row(
      '',
      run.results.map((r) => r.name),
    ),
  )
  lines.push(
    row(
      'AUC, churn',
      each((e) => auc(e.aucChurn)),
    ),
  )
  lines.push(
    row(
      'AUC, churn or contraction',
      each((e) => auc(e.aucChurnOrContraction)),
    ),
  )
  lines.push('churn / contraction rate by band')
  for (const [i, band] of first.byBand.entries())
    lines.push(
      row(
        `  ${band.band}`,
        each((e) => {
          const b = e.byBand[i]!
          return b.accounts === 0
            ? '—'
            : `${pct(b.churnRate)} / ${pct(b.contractionRate)} of ${n(b.accounts)}`
        }),
      ),
    )
  lines.push('renewals decided in the horizon: forecast probability vs renewed (count; ARR)')
  for (const [i, bin] of first.calibration.entries())
    lines.push(
      row(
        `  health ${bin.minHealth}+ at ${pct(bin.probability)}`,
        each((e) => {
          const c = e.calibration[i]!
          return c.renewalsDue === 0
            ? '—'
            : `${pct(c.renewalRate)}; ${pct(c.arrRenewalRate)} of ${n(c.renewalsDue)}`
        }),
      ),
    )
  lines.push(
    row(
      'forecast renewal ARR',
      each((e) => money(e.forecastArr)),
    ),
  )
  lines.push(
    row(
      'renewed ARR (expansion aside)',
      each((e) => money(e.renewedArr)),
    ),
  )
  return lines.join('\n')
}

const n = (v: number) => v.toLocaleString('en-US')
const auc = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3))
const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 1000) / 10}%`)
const money = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`
