import type { HealthCell } from '../db/metrics/health-distribution.js'
import { HEALTH_BANDS } from '../model/health/bands.js'

const money = (value: number) => `$${Math.round(value).toLocaleString('en-US')}`

/** $950, $12k, $1.2M: short enough for a table cell. */
export function compactMoney(value: number): string {
  if (value >= 999_500) return `$${(value / 1_000_000).toFixed(1)}M`
  if (value >= 1_000) return `$${Math.round(value / 1_000)}k`
  return `$${Math.round(value)}`
}

/**
 * The health distribution as the demo prints it: accounts and ARR per band, then a compact
 * table of coverage tier × band (accounts and ARR per cell). Tiers in `tierOrder` first, in
 * that order (the config's, highest touch first), then any other, alphabetically.
 */
export function healthDistributionLines(
  cells: readonly HealthCell[],
  tierOrder: readonly string[],
): string[] {
  const cell = (tier: string | null, band: string) =>
    cells.find((c) => c.tier === tier && c.band === band)
  const totals = HEALTH_BANDS.map(({ band }) => cell(null, band))
  const accounts = totals.reduce((s, c) => s + (c?.accounts ?? 0), 0)
  const arr = totals.reduce((s, c) => s + (c?.arr ?? 0), 0)
  if (accounts === 0) return []
  const lines = [`health by band: ${'accounts'.padStart(12)} ${'ARR'.padStart(16)}  ARR share`]
  for (const { band } of HEALTH_BANDS) {
    const c = cell(null, band)
    const share = arr === 0 ? 0 : Math.round(((c?.arr ?? 0) / arr) * 100)
    lines.push(
      `  ${band.padEnd(14)}${String(c?.accounts ?? 0).padStart(12)} ${money(c?.arr ?? 0).padStart(16)}  ${String(share).padStart(5)}%`,
    )
  }
  const present = [...new Set(cells.flatMap((c) => (c.tier === null ? [] : [c.tier])))]
  const tiers = [
    ...tierOrder.filter((t) => present.includes(t)),
    ...present.filter((t) => !tierOrder.includes(t)).sort(),
  ]
  const width = Math.max(12, ...tiers.map((t) => t.length + 2))
  const column = 15
  lines.push('health by segment tier × band (accounts / ARR):')
  lines.push(
    `  ${''.padEnd(width)}${HEALTH_BANDS.map(({ band }) => band.padStart(column)).join('')}`,
  )
  for (const tier of tiers)
    lines.push(
      `  ${tier.padEnd(width)}${HEALTH_BANDS.map(({ band }) => {
        const c = cell(tier, band)
        return (c ? `${c.accounts} / ${compactMoney(c.arr)}` : '—').padStart(column)
      }).join('')}`,
    )
  return lines
}
