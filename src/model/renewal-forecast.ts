/**
 * Renewal probability by health score, from the domain's renewal forecasting table (004):
 * 80–100 → 95%, 60–79 → 85%, 40–59 → 60%, 20–39 → 30%, 0–19 → 10%.
 */
export function renewalProbability(healthScore: number): number {
  if (healthScore >= 80) return 0.95
  if (healthScore >= 60) return 0.85
  if (healthScore >= 40) return 0.6
  if (healthScore >= 20) return 0.3
  return 0.1
}

export interface RenewalForecast {
  due: number
  forecast: number
  /** forecast / due, 0 when nothing is due. */
  rate: number
}

/** Renewal Forecast = Σ (Renewal ARR × Probability). */
export function renewalForecast(renewals: { arr: number; healthScore: number }[]): RenewalForecast {
  const due = renewals.reduce((sum, r) => sum + r.arr, 0)
  const forecast = renewals.reduce((sum, r) => sum + r.arr * renewalProbability(r.healthScore), 0)
  return { due, forecast, rate: due === 0 ? 0 : forecast / due }
}
