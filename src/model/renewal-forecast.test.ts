import { describe, expect, it } from 'vitest'
import { renewalForecast } from './renewal-forecast.js'

describe('renewal forecast (004 worked example)', () => {
  it('forecasts $147.5k of $225k due', () => {
    const result = renewalForecast([
      { arr: 100_000, healthScore: 85 },
      { arr: 50_000, healthScore: 45 },
      { arr: 75_000, healthScore: 25 },
    ])
    expect(result.due).toBe(225_000)
    expect(result.forecast).toBeCloseTo(147_500, 6)
    expect(result.rate).toBeCloseTo(0.6556, 3)
  })
})
