import { describe, expect, it } from 'vitest'
import { renewalForecastSettingsSchema } from './forecast-settings.js'
import { forecastRenewals, renewalProbabilityOf } from './renewal-forecast.js'

const settings = renewalForecastSettingsSchema.parse({})

describe("renewal forecast (004's example)", () => {
  it('A $100k at 85, B $50k at 45, C $75k at 25: $147.5k of $225k due (65.5%)', () => {
    const result = forecastRenewals(
      [
        { arr: 100_000, healthScore: 85 },
        { arr: 50_000, healthScore: 45 },
        { arr: 75_000, healthScore: 25 },
      ],
      settings,
    )
    expect(result.due).toBe(225_000)
    expect(result.forecast).toBeCloseTo(147_500, 6)
    // 65.56%, which 004 writes cut to one decimal.
    expect(Math.floor((result.forecast / result.due) * 1000) / 10).toBe(65.5)
    // B and C score below 60: at risk.
    expect(result.atRisk).toBe(125_000)
  })

  it("takes 004's probability at each band's floor", () => {
    const p = (score: number) => renewalProbabilityOf(score, settings.probabilityByHealth)
    expect([100, 80, 79.9, 60, 59, 40, 39, 20, 19, 0].map(p)).toEqual([
      0.95, 0.95, 0.85, 0.85, 0.6, 0.6, 0.3, 0.3, 0.1, 0.1,
    ])
  })

  it('uses configured probabilities and refuses bins out of order', () => {
    const bold = renewalForecastSettingsSchema.parse({
      probabilityByHealth: [
        { minHealth: 50, probability: 1 },
        { minHealth: 0, probability: 0.5 },
      ],
    })
    expect(forecastRenewals([{ arr: 100, healthScore: 10 }], bold).forecast).toBe(50)
    expect(
      renewalForecastSettingsSchema.safeParse({
        probabilityByHealth: [
          { minHealth: 0, probability: 0.5 },
          { minHealth: 50, probability: 1 },
        ],
      }).success,
    ).toBe(false)
  })
})
