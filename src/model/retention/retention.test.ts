import { describe, expect, it } from 'vitest'
import { classifyMovement } from './movement.js'
import {
  grossRevenueRetention,
  logoRetention,
  netRevenueRetention,
  retentionRates,
  retentionTotals,
} from './retention.js'

describe("NRR and GRR (004's $1M example)", () => {
  const example = {
    startingMrr: 1_000_000,
    expansionMrr: 150_000,
    contractionMrr: 30_000,
    churnedMrr: 50_000,
  }

  it('NRR = ($1,000,000 + $150,000 − $30,000 − $50,000) / $1,000,000 = 107%', () => {
    expect(netRevenueRetention(example)).toBe(107)
  })

  it('GRR = ($1,000,000 − $30,000 − $50,000) / $1,000,000 = 92%, expansion not counted', () => {
    expect(grossRevenueRetention(example)).toBe(92)
    expect(grossRevenueRetention({ ...example, expansionMrr: 900_000 })).toBe(92)
  })

  it('is the same example account by account, and new customers stay outside the cohort', () => {
    const totals = retentionTotals([
      { startMrr: 400_000, endMrr: 550_000, paidBefore: true }, // +150k expansion
      { startMrr: 300_000, endMrr: 270_000, paidBefore: true }, // −30k contraction
      { startMrr: 50_000, endMrr: 0, paidBefore: true }, // −50k churn
      { startMrr: 250_000, endMrr: 250_000, paidBefore: true },
      { startMrr: 0, endMrr: 80_000, paidBefore: false }, // new: outside the cohort
      { startMrr: 0, endMrr: 20_000, paidBefore: true }, // came back: outside the cohort too
      { startMrr: 0, endMrr: 0, paidBefore: true }, // gone before the period
    ])
    expect(totals).toEqual({
      startingMrr: 1_000_000,
      expansionMrr: 150_000,
      contractionMrr: 30_000,
      churnedMrr: 50_000,
      newMrr: 80_000,
      reactivationMrr: 20_000,
      endingMrr: 1_170_000,
      startingLogos: 4,
      retainedLogos: 3,
      churnedLogos: 1,
      newLogos: 1,
      reactivatedLogos: 1,
    })
    expect(retentionRates(totals)).toEqual({ nrr: 107, grr: 92, logoRetention: 75 })
  })

  it('has no rate without a starting cohort', () => {
    expect(
      retentionRates(retentionTotals([{ startMrr: 0, endMrr: 10, paidBefore: false }])),
    ).toEqual({ nrr: null, grr: null, logoRetention: null })
    expect(logoRetention(0, 0)).toBeNull()
  })
})

describe('MRR movement of one account', () => {
  const move = (startMrr: number, endMrr: number, paidBefore = false) =>
    classifyMovement({ startMrr, endMrr, paidBefore })

  it('classifies each movement at its boundary', () => {
    expect(move(100, 101)).toBe('expansion')
    expect(move(100, 100)).toBe('retained')
    expect(move(100, 99)).toBe('contraction')
    expect(move(100, 0.01)).toBe('contraction')
    expect(move(100, 0)).toBe('churn')
    expect(move(0, 1)).toBe('new')
    expect(move(0, 1, true)).toBe('reactivation')
    expect(move(0, 0, true)).toBeNull()
    // Paying before only matters outside the cohort.
    expect(move(100, 120, true)).toBe('expansion')
  })
})
