import { describe, expect, it } from 'vitest'
import { healthBand } from './health-bands.js'
import { engagementScore, growthScore, scoreCrmHealth, weightedHealth } from './health-score.js'
import { renewalForecast } from './renewal-forecast.js'
import { healthWeightsSchema } from './settings.js'

const weights = healthWeightsSchema.parse({})

describe('health bands (004)', () => {
  it.each([
    [100, 'Healthy'],
    [80, 'Healthy'],
    [79.9, 'Stable'],
    [60, 'Stable'],
    [59.9, 'At-risk'],
    [40, 'At-risk'],
    [39.9, 'Critical'],
    [20, 'Critical'],
    [19.9, 'Emergency'],
    [0, 'Emergency'],
  ])('score %d is %s', (score, band) => {
    expect(healthBand(score)).toBe(band)
  })
})

describe('weighted health', () => {
  it('is the weighted sum when every component has data', () => {
    const result = weightedHealth([
      { name: 'usage', weight: 30, score: 80, reason: '' },
      { name: 'engagement', weight: 25, score: 60, reason: '' },
      { name: 'relationship', weight: 20, score: 100, reason: '' },
      { name: 'support', weight: 15, score: 40, reason: '' },
      { name: 'growth', weight: 10, score: 20, reason: '' },
    ])
    // 0.3*80 + 0.25*60 + 0.2*100 + 0.15*40 + 0.1*20 = 24 + 15 + 20 + 6 + 2
    expect(result).toEqual({ score: 67, band: 'Stable' })
  })

  it('renormalizes over the components that have data', () => {
    const result = weightedHealth([
      { name: 'usage', weight: 30, score: null, reason: '' },
      { name: 'engagement', weight: 25, score: 100, reason: '' },
      { name: 'relationship', weight: 20, score: 40, reason: '' },
      { name: 'growth', weight: 10, score: null, reason: '' },
    ])
    // (25*100 + 20*40) / 45 = 73.33
    expect(result).toEqual({ score: 73.3, band: 'Stable' })
  })
})

describe('CRM-only health', () => {
  it('bins engagement by days since the last activity', () => {
    expect([3, 10, 25, 45, 120, null].map(engagementScore)).toEqual([100, 80, 60, 40, 20, 20])
  })

  it('bins growth by year-over-year ARR change and skips new customers', () => {
    expect(growthScore(130, 100)).toBe(100)
    expect(growthScore(110, 100)).toBe(80)
    expect(growthScore(100, 100)).toBe(60)
    expect(growthScore(85, 100)).toBe(40)
    expect(growthScore(50, 100)).toBe(20)
    expect(growthScore(100, 0)).toBeNull()
  })

  it('scores a disengaged, contracting account with a doubtful renewal as Critical', () => {
    const result = scoreCrmHealth(
      {
        arr: 40_000,
        arrYearAgo: 60_000,
        daysSinceLastActivity: 95,
        renewalProbability: 30,
        nextRenewalDate: '2027-01-15',
      },
      weights,
    )
    // (25*20 + 20*30 + 10*20) / 55 = 23.6
    expect(result.score).toBe(23.6)
    expect(result.band).toBe('Critical')
    expect(result.components.find((c) => c.name === 'usage')?.score).toBeNull()
  })

  it('scores an engaged, expanding account with a committed renewal as Healthy', () => {
    const result = scoreCrmHealth(
      {
        arr: 180_000,
        arrYearAgo: 140_000,
        daysSinceLastActivity: 4,
        renewalProbability: 90,
        nextRenewalDate: '2027-03-01',
      },
      weights,
    )
    // (25*100 + 20*90 + 10*100) / 55 = 96.4
    expect(result).toMatchObject({ score: 96.4, band: 'Healthy' })
  })
})

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
