import { describe, expect, it } from 'vitest'
import type { AccountSignals } from '../signals.js'
import { modelSettingsSchema } from '../settings.js'
import { healthBand } from './bands.js'
import { binScore } from './bins.js'
import { scoreHealth, weightedHealth } from './model.js'

const weights = modelSettingsSchema.parse({}).health
const configured = (health: unknown) => modelSettingsSchema.parse({ health }).health

const crmOnly: AccountSignals = {
  accountId: '001',
  crm: {
    arr: 40_000,
    arrYearAgo: 60_000,
    daysSinceLastActivity: 95,
    renewalProbability: 30,
    nextRenewalDate: '2027-01-15',
  },
}

const everything: AccountSignals = {
  accountId: '002',
  crm: {
    arr: 180_000,
    arrYearAgo: 140_000,
    daysSinceLastActivity: 4,
    renewalProbability: 90,
    nextRenewalDate: '2027-03-01',
  },
  usage: {
    activeUsers30d: 20,
    activeUsersPrior30d: 18,
    averageDailyUsers30d: 9,
    activeDays30d: 26,
    sessions30d: 420,
    events30d: 3_000,
    eventsPrior30d: 2_600,
    featuresUsed30d: 8,
    daysSinceLastActive: 0,
  },
  support: {
    tickets30d: 2,
    ticketsPrior30d: 3,
    urgentTickets30d: 0,
    openTickets: 1,
    medianResolutionHours90d: 6,
    csatGood90d: 9,
    csatBad90d: 1,
  },
  billing: {
    mrr: 15_000,
    mrrThreeMonthsAgo: 12_000,
    seats: 24,
    seatsThreeMonthsAgo: 20,
    failedPayments90d: 0,
    pastDueInvoices: 0,
  },
  // 3 promoters, 1 passive, 1 detractor: NPS (3 − 1) / 5 = 40.
  surveys: {
    nps: 40,
    npsRespondents: 5,
    promoters: 3,
    passives: 1,
    detractors: 1,
    npsWindowDays: 180,
  },
}

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

describe('measure bins', () => {
  it('follow 004’s login-frequency example', () => {
    const bins = [
      { min: 20, score: 100 },
      { min: 11, score: 80 },
      { min: 5, score: 60 },
      { min: 2, score: 40 },
      { min: 0, score: 20 },
    ]
    expect([0, 1, 2, 4, 5, 10, 11, 20, 21].map((v) => binScore(v, bins))).toEqual([
      20, 20, 40, 40, 60, 60, 80, 100, 100,
    ])
  })
})

describe('weighted health', () => {
  it('is the weighted sum when every component has data', () => {
    const result = weightedHealth([
      { weight: 30, score: 80 },
      { weight: 25, score: 60 },
      { weight: 20, score: 100 },
      { weight: 15, score: 40 },
      { weight: 10, score: 20 },
    ])
    // 0.3*80 + 0.25*60 + 0.2*100 + 0.15*40 + 0.1*20 = 24 + 15 + 20 + 6 + 2
    expect(result).toEqual({ score: 67, band: 'Stable' })
  })

  it('renormalizes over the components that have data', () => {
    const result = weightedHealth([
      { weight: 30, score: null },
      { weight: 25, score: 100 },
      { weight: 20, score: 40 },
      { weight: 10, score: null },
    ])
    // (25*100 + 20*40) / 45 = 73.33
    expect(result).toEqual({ score: 73.3, band: 'Stable' })
  })
})

describe('the cs360 health model', () => {
  it('scores a CRM-only account from what the CRM knows and flags what is missing', () => {
    const result = scoreHealth(crmOnly, weights)
    // relationship: touch 95 days ago → 20 (the rep's renewal probability is no health measure)
    // growth: ARR −33% → 20; (20*20 + 10*20) / 30 = 20
    expect(result.components.find((c) => c.name === 'relationship')!.score).toBe(20)
    expect(result.components.find((c) => c.name === 'growth')!.score).toBe(20)
    expect(result.score).toBe(20)
    expect(result.band).toBe('Critical')
    // Measure by measure: relationship has touch recency, not NPS (10 of its 20), growth only
    // ARR (5 of 25): 0.2 × 1/2 + 0.1 × 1/5.
    expect(result.observedWeight).toBe(0.12)
    expect(result.missing).toEqual([
      'usage: no product analytics linked to this account',
      'engagement: no product analytics linked to this account',
      'support: no support organization linked to this account',
    ])
    expect(result.drivers).toEqual([
      // 2/3 × 40 of the total before 1/3 × 40.
      'Last CRM activity 95 days ago',
      'ARR down 33% vs a year ago',
    ])
  })

  it('uses every source linked to the account, never scoring a missing one as 0', () => {
    const result = scoreHealth(everything, weights)
    expect(result.observedWeight).toBe(1)
    expect(result.missing).toEqual([])
    expect(result.band).toBe('Healthy')
    const usage = result.components.find((c) => c.name === 'usage')!
    // 21 logins per user → 100, 8 features → 100, 150 actions per user → 100
    expect(usage.score).toBe(100)
    const engagement = result.components.find((c) => c.name === 'engagement')!
    // DAU/MAU 45% → 80, 26 active days → 100, 20 of 24 seats → 100: (800+1000+500)/25 = 92
    expect(engagement.score).toBe(92)
  })

  it('turns a usage drop, urgent tickets and failed payments into the first drivers', () => {
    const struggling: AccountSignals = {
      ...everything,
      usage: { ...everything.usage!, activeUsers30d: 8, activeUsersPrior30d: 20 },
      support: { ...everything.support!, urgentTickets30d: 3, tickets30d: 9, ticketsPrior30d: 3 },
      billing: { ...everything.billing!, failedPayments90d: 2 },
    }
    const result = scoreHealth(struggling, weights)
    // Weight in the total × distance from 60: each support problem 15% × 1/3 × 40 = 2, the seat
    // share 25% × 1/5 × 20 = 1, ahead of the user drop's 10% × 1/5 × 40 = 0.8.
    expect(result.drivers).toEqual([
      '9 tickets in the last 30 days (up 200% vs the 30 before)',
      '3 urgent tickets this month',
      '8 of 24 paid seats active in the last 30 days',
    ])
    const growth = result.components.find((c) => c.name === 'growth')!
    expect(growth.measures.find((m) => m.name === 'userGrowth')!.reason).toBe(
      'Active users down 60% vs the prior 30 days',
    )
    expect(growth.measures.find((m) => m.name === 'paymentHealth')!.reason).toBe(
      '2 failed payments in 90 days',
    )
    expect(result.score).toBeLessThan(scoreHealth(everything, weights).score)
  })

  it('takes measure weights and bins from the config: a changed bin moves the score on the next run', () => {
    const base = scoreHealth(crmOnly, weights)
    // Touches count as recent up to 120 days: 95 days ago now scores 60.
    const lenient = scoreHealth(
      crmOnly,
      configured({
        measures: {
          touchRecency: {
            bins: [
              { min: -120, score: 60 },
              { min: -1e9, score: 20 },
            ],
          },
        },
      }),
    )
    expect(lenient.components.find((c) => c.name === 'relationship')!.score).toBe(60)
    expect(lenient.score).toBeGreaterThan(base.score)
    // A measure weighted 0 is left out of its component.
    const withoutArr = scoreHealth(crmOnly, configured({ measures: { arrGrowth: { weight: 0 } } }))
    expect(withoutArr.components.find((c) => c.name === 'growth')!.score).toBeNull()
  })

  it('refuses bins out of order and unknown measures, naming where', () => {
    expect(configured({ measures: { npsScore: { weight: 5 } } }).measures.npsScore).toEqual({
      weight: 5,
    })
    expect(() =>
      configured({
        measures: {
          touchRecency: {
            bins: [
              { min: 0, score: 20 },
              { min: 5, score: 80 },
            ],
          },
        },
      }),
    ).toThrow(/highest min down/)
    expect(() => configured({ measures: { logins: { weight: 3 } } })).toThrow()
  })
})

describe('npsScore: the relationship measure from survey answers', () => {
  const withNps = (nps: number | null, respondents: number): AccountSignals => ({
    ...everything,
    surveys: {
      nps,
      npsRespondents: respondents,
      promoters: 0,
      passives: 0,
      detractors: 0,
      npsWindowDays: 180,
    },
  })
  const npsMeasure = (signals: AccountSignals, settings = weights) =>
    scoreHealth(signals, settings)
      .components.find((c) => c.name === 'relationship')!
      .measures.find((m) => m.name === 'npsScore')

  it("bins by 004's NPS benchmarks: under 0 critical … 70 and up excellent", () => {
    const scores = [-100, -1, 0, 29, 30, 49.9, 50, 69, 70, 100].map(
      (v) => npsMeasure(withNps(v, 5))!.score,
    )
    expect(scores).toEqual([20, 20, 40, 40, 60, 60, 80, 80, 100, 100])
  })

  it('says what a CSM reads: the NPS, how many answered, over which window', () => {
    expect(npsMeasure(everything)!.reason).toBe('NPS +40 from 5 respondents in 180 days')
    expect(npsMeasure(withNps(-33.3, 3))!.reason).toBe('NPS -33 from 3 respondents in 180 days')
    expect(npsMeasure(withNps(0, 1))!.reason).toBe('NPS 0 from 1 respondent in 180 days')
  })

  it('weighs 10 beside touch recency in relationship: +40 (60) and a touch 4 days ago (100)', () => {
    const relationship = scoreHealth(everything, weights).components.find(
      (c) => c.name === 'relationship',
    )!
    expect(relationship.score).toBe(80)
    // Re-weighted by the config: three times the weight of touch recency.
    const heavy = configured({ measures: { npsScore: { weight: 30 } } })
    expect(
      scoreHealth(everything, heavy).components.find((c) => c.name === 'relationship')!.score,
    ).toBe(70)
  })

  it('without answers it is left out, not scored 0: its weight goes to touch recency', () => {
    for (const signals of [withNps(null, 0), { ...everything, surveys: undefined }]) {
      const result = scoreHealth(signals, weights)
      const relationship = result.components.find((c) => c.name === 'relationship')!
      expect(npsMeasure(signals)).toBeUndefined()
      expect(relationship.score).toBe(100)
      // Relationship's 20 counts half: 1 − 0.2 × 1/2.
      expect(result.observedWeight).toBe(0.9)
      expect(result.score).toBeGreaterThan(scoreHealth(everything, weights).score)
    }
  })
})
