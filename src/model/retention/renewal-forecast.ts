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
