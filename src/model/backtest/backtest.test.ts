import { describe, expect, it } from 'vitest'
import { renewalForecastSettingsSchema } from '../retention/forecast-settings.js'
import { churnAuc } from './auc.js'
import { evaluateBacktest } from './evaluate.js'
import type { BacktestAccount } from './outcomes.js'

const forecast = renewalForecastSettingsSchema.parse({})

describe('churnAuc', () => {
  it('is the share of churner/stayer pairs where the churner scored lower, ties half', () => {
    // Churners 10 and 50 against stayers 40, 60 and 50: 10 beats all three; 50 loses to 40,
    // beats 60 and ties 50: (3 + 1.5) / 6.
    const accounts = [
      { score: 10, churned: true },
      { score: 50, churned: true },
      { score: 40, churned: false },
      { score: 60, churned: false },
      { score: 50, churned: false },
    ]
    expect(churnAuc(accounts)).toBe(0.75)
    expect(churnAuc(accounts.map((a) => ({ ...a, score: 100 - a.score })))).toBe(0.25)
  })

  it('is 1 for a perfect ranking, 0.5 when every score ties, null without both groups', () => {
    expect(churnAuc([1, 2, 3].map((score) => ({ score, churned: score === 1 })))).toBe(1)
    expect(churnAuc([5, 5, 5].map((score, i) => ({ score, churned: i === 0 })))).toBe(0.5)
    expect(churnAuc([{ score: 1, churned: true }])).toBeNull()
    expect(churnAuc([])).toBeNull()
  })

  it('matches the pairwise count on a larger sample', () => {
    const accounts = Array.from({ length: 300 }, (_, i) => ({
      score: (i * 37) % 101,
      churned: (i * 13) % 7 === 0,
    }))
    let wins = 0
    let pairs = 0
    for (const c of accounts.filter((a) => a.churned))
      for (const s of accounts.filter((a) => !a.churned)) {
        pairs += 1
        wins += c.score < s.score ? 1 : c.score === s.score ? 0.5 : 0
      }
    expect(churnAuc(accounts)).toBeCloseTo(wins / pairs, 12)
  })
})

const account = (over: Partial<BacktestAccount>): BacktestAccount => ({
  accountId: 'a',
  tier: 'low-touch',
  arr: 10_000,
  score: 70,
  band: 'Stable',
  outcome: 'retained',
  renewalDue: false,
  renewedArr: null,
  ...over,
})

describe('evaluateBacktest', () => {
  it('counts churn and contraction by band, leaving pending outcomes out', () => {
    const result = evaluateBacktest(
      [
        account({ score: 15, band: 'Emergency', outcome: 'churned' }),
        account({ score: 18, band: 'Emergency', outcome: 'retained' }),
        account({ score: 45, band: 'At-risk', outcome: 'contracted' }),
        account({ score: 45, band: 'At-risk', outcome: 'pending' }),
        account({ score: 90, band: 'Healthy', outcome: 'expanded' }),
      ],
      forecast,
    )
    expect(result.customers).toBe(5)
    expect(result.outcomes).toEqual({
      churned: 1,
      contracted: 1,
      retained: 1,
      expanded: 1,
      pending: 1,
    })
    const band = (name: string) => result.byBand.find((b) => b.band === name)!
    expect(band('Emergency')).toMatchObject({ accounts: 2, churned: 1, churnRate: 0.5 })
    expect(band('At-risk')).toMatchObject({ accounts: 1, contracted: 1, contractionRate: 1 })
    expect(band('Critical')).toMatchObject({ accounts: 0, churnRate: null })
    // Churner 15 is below both stayers but one (18 vs 15: win), so 3 of 3 pairs.
    expect(result.aucChurn).toBe(1)
  })

  it('sets the forecast probability of each health bin against the renewals decided', () => {
    const result = evaluateBacktest(
      [
        // Healthy (95%): two renewals of $100k, one renewed with an upsell, one lost.
        account({ score: 85, arr: 100_000, renewalDue: true, renewedArr: 120_000 }),
        account({ score: 90, arr: 100_000, renewalDue: true, renewedArr: 0, outcome: 'churned' }),
        // At-risk (60%): $50k renewed at $40k.
        account({ score: 50, arr: 50_000, renewalDue: true, renewedArr: 40_000 }),
        // Still open: not counted.
        account({ score: 50, arr: 50_000, renewalDue: true, renewedArr: 0, outcome: 'pending' }),
        // Not due in the horizon.
        account({ score: 10, arr: 70_000 }),
      ],
      forecast,
    )
    const bin = (min: number) => result.calibration.find((c) => c.minHealth === min)!
    expect(bin(80)).toMatchObject({
      probability: 0.95,
      renewalsDue: 2,
      renewed: 1,
      renewalRate: 0.5,
      arrDue: 200_000,
      arrRenewed: 100_000,
      arrRenewalRate: 0.5,
    })
    expect(bin(40)).toMatchObject({ renewalsDue: 1, renewed: 1, arrRenewed: 40_000 })
    expect(bin(0)).toMatchObject({ renewalsDue: 0, renewalRate: null })
    // 200k × 0.95 + 50k × 0.6 forecast; 100k + 40k renewed.
    expect(result.forecastArr).toBe(220_000)
    expect(result.renewedArr).toBe(140_000)
  })
})
