import type { ProbabilityBin, RenewalForecastSettings } from './forecast-settings.js'

/** The renewal probability of a health score: its bin's, or the last bin's below every floor. */
export function renewalProbabilityOf(healthScore: number, bins: readonly ProbabilityBin[]): number {
  const bin = bins.find((b) => healthScore >= b.minHealth) ?? bins[bins.length - 1]
  return bin?.probability ?? 0
}

export interface DueRenewal {
  arr: number
  healthScore: number
}

export interface QuarterForecast {
  /** ARR up for renewal. */
  due: number
  /** 004: Renewal Forecast = Σ (Renewal ARR × Probability). */
  forecast: number
  /** ARR of renewals whose account scores below `atRiskBelow`. */
  atRisk: number
}

export function forecastRenewals(
  renewals: readonly DueRenewal[],
  settings: Pick<RenewalForecastSettings, 'probabilityByHealth' | 'atRiskBelow'>,
): QuarterForecast {
  let due = 0
  let forecast = 0
  let atRisk = 0
  for (const r of renewals) {
    due += r.arr
    forecast += r.arr * renewalProbabilityOf(r.healthScore, settings.probabilityByHealth)
    if (r.healthScore < settings.atRiskBelow) atRisk += r.arr
  }
  return { due, forecast, atRisk }
}

export interface OpenExpansion {
  amount: number
  stage: string
  /** The CRM's own win probability, 0–100, for stages the settings do not list. */
  crmProbability: number | null
}

/** Expansion pipeline weighted by stage (004's Expansion Forecasting table). */
export function weightedExpansion(
  opportunities: readonly OpenExpansion[],
  stages: RenewalForecastSettings['expansionStages'],
): number {
  const byStage = new Map(Object.entries(stages).map(([s, p]) => [s.toLowerCase(), p]))
  return opportunities.reduce((sum, o) => {
    const probability = byStage.get(o.stage.toLowerCase()) ?? (o.crmProbability ?? 0) / 100
    return sum + o.amount * probability
  }, 0)
}
