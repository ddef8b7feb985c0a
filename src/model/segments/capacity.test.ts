import { describe, expect, it } from 'vitest'
import { bookEntriesOf, type Csm, type OwnedAccount } from './books.js'
import { analyzeCapacity } from './capacity.js'
import { segmentSettingsSchema } from './settings.js'

const csm = (name: string, active = true): Csm => ({ id: `005-${name}`, name, active })

let nextId = 0
const accounts = (n: number, arr: number, owner: (i: number) => Csm | null): OwnedAccount[] =>
  Array.from({ length: n }, (_, i) => ({
    accountId: `001-${nextId++}`,
    arr,
    accountType: null,
    industry: null,
    csm: owner(i),
  }))

/**
 * 004's example: "$18M across 340 accounts. Current team: 6 CSMs … No formal segmentation …
 * 40 enterprise ($150K+), 120 mid-market ($30-150K), 180 SMB (under $30K)", staffed at
 * "Enterprise 1:15 … Mid-Market 1:40 … pooled CSM model, SMB tech-touch … + office hours", and
 * the plan "Add 2 CSMs (mid-market pool) … Total team: 11".
 *
 * 004 gives no per-tier headcount, so it is derived from its ratios. 1:15 and 1:40 are the tight
 * ends of 004's CSM-to-account table (Enterprise 1:15–25, Mid-Market 1:40–75); SMB's row there is
 * "1:100–200, Pooled/Tech touch", so the example's SMB office-hours pool is 1:100 at that end:
 *   enterprise  ⌈ 40 / 15⌉ = ⌈2.67⌉ = 3
 *   mid-market  ⌈120 / 40⌉ = ⌈3.00⌉ = 3
 *   SMB         ⌈180 / 100⌉ = ⌈1.80⌉ = 2
 *   total 8 CSMs = today's 6 + "Add 2 CSMs (mid-market pool)"; with the VP, the CS Ops hire and
 *   the renewal manager (roles no ratio sets) that is 004's "Total team: 11".
 * At the loose ends (1:25, 1:75, 1:200): ⌈1.6⌉ + ⌈1.6⌉ + ⌈0.9⌉ = 2 + 2 + 1 = 5.
 */
describe("capacity: 004's 340-account, $18M example", () => {
  const example = segmentSettingsSchema.parse({
    tiers: [
      { id: 'enterprise', minArr: 150_000, accountsPerCsm: { min: 15, max: 25 } },
      { id: 'mid-market', minArr: 30_000, accountsPerCsm: { min: 40, max: 75 } },
      { id: 'smb', minArr: 0, accountsPerCsm: { min: 100, max: 200 } },
    ],
  })
  // Six CSMs sharing every segment round-robin: "no formal segmentation".
  const team = ['Ada', 'Ben', 'Cai', 'Dee', 'Eli', 'Fox'].map((n) => csm(n))
  let turn = 0
  const roundRobin = () => team[turn++ % team.length]!
  // $9.6M + $6.6M + $1.8M = $18M, average ACV $52.9k ("Average ACV: $53K"); floors inclusive.
  const base = [
    ...accounts(20, 150_000, roundRobin),
    ...accounts(20, 330_000, roundRobin),
    ...accounts(60, 30_000, roundRobin),
    ...accounts(60, 80_000, roundRobin),
    ...accounts(90, 6_000, roundRobin),
    ...accounts(90, 14_000, roundRobin),
  ]
  const analysis = analyzeCapacity(bookEntriesOf(base, example), example)

  it('counts 40 / 120 / 180 accounts and $18M', () => {
    expect(analysis.tiers.map((t) => [t.tier, t.accounts])).toEqual([
      ['enterprise', 40],
      ['mid-market', 120],
      ['smb', 180],
    ])
    expect(analysis.total.accounts).toBe(340)
    expect(analysis.tiers.map((t) => t.arr)).toEqual([9_600_000, 6_600_000, 1_800_000])
    expect(analysis.total.arr).toBe(18_000_000)
  })

  it('implies 3 + 3 + 2 = 8 CSMs: today’s 6 and the 2 the example adds', () => {
    expect(analysis.tiers.map((t) => t.csmsNeeded.atTightest)).toEqual([3, 3, 2])
    expect(analysis.total.csmsNeeded.atTightest).toBe(8)
    expect(analysis.csmsToday).toBe(6)
    expect(analysis.total.csmsNeeded.atTightest - analysis.csmsToday).toBe(2)
    expect(analysis.tiers.map((t) => t.csmsNeeded.atLoosest)).toEqual([2, 2, 1])
    expect(analysis.total.csmsNeeded.atLoosest).toBe(5)
  })

  it('weighs each mixed book by its tiers: 6 or 7 enterprise + 20 mid-market + 30 SMB', () => {
    const ada = analysis.books.find((b) => b.csm.name === 'Ada')!
    expect(ada.byTier).toMatchObject({
      enterprise: { accounts: 7 },
      'mid-market': { accounts: 20 },
      smb: { accounts: 30 },
    })
    expect(ada.load.atTightest).toBeCloseTo(7 / 15 + 20 / 40 + 30 / 100, 12)
    expect(ada.load.atLoosest).toBeCloseTo(7 / 25 + 20 / 75 + 30 / 200, 12)
    expect(analysis.books.map((b) => b.coverage)).toEqual(Array(6).fill('within'))
    // The whole base is 7.47 CSMs of work at the tight ratios, held by 6.
    const work = analysis.books.reduce((s, b) => s + b.load.atTightest, 0)
    expect(work).toBeCloseTo(40 / 15 + 120 / 40 + 180 / 100, 12)
  })
})

describe("capacity against 004's default coverage model", () => {
  const defaults = segmentSettingsSchema.parse({})
  const ann = csm('Ann')
  const bo = csm('Bo')
  const cy = csm('Cy')
  const di = csm('Di')
  const ed = csm('Ed')
  const fay = csm('Fay')
  const gone = csm('Gus', false)
  const base = [
    ...accounts(30, 120_000, () => ann),
    ...accounts(8, 100_000, () => bo),
    ...accounts(20, 200_000, () => cy),
    ...accounts(60, 40_000, () => cy),
    ...accounts(5, 150_000, () => di),
    ...accounts(25, 15_000, () => di),
    ...accounts(250, 14_999, () => ed),
    ...accounts(5_000, 1_000, () => fay),
    ...accounts(12, 50_000, () => gone),
    ...accounts(3, 9_000, () => null),
  ]
  const analysis = analyzeCapacity(bookEntriesOf(base, defaults), defaults)
  const book = (name: string) =>
    [...analysis.books, ...analysis.inactiveOwners].find((b) => b.csm.name === name)!

  it('flags a book above 1:25 high touch under-covered and one below 1:10 over-covered', () => {
    expect(book('Ann').coverage).toBe('under-covered')
    expect(book('Ann').load.atLoosest).toBeCloseTo(30 / 25, 12)
    expect(book('Bo').coverage).toBe('over-covered')
    expect(book('Bo').load.atTightest).toBeCloseTo(8 / 10, 12)
  })

  it('weighs a mixed book: 20 high touch and 60 low touch, each in range alone, overload one CSM', () => {
    expect(book('Cy').load.atLoosest).toBeCloseTo(20 / 25 + 60 / 100, 12)
    expect(book('Cy').coverage).toBe('under-covered')
    // 5 / 10 + 25 / 50 is exactly one CSM at the tight ratios: within, not over-covered.
    expect(book('Di').coverage).toBe('within')
  })

  it('never overloads tech touch (1:500+) and calls 250 accounts of it spare capacity', () => {
    expect(book('Ed').coverage).toBe('over-covered')
    expect(book('Fay').load.atLoosest).toBe(0)
    expect(book('Fay').coverage).toBe('within')
  })

  it('keeps inactive owners and unowned accounts out of today’s CSMs but in the headcount', () => {
    expect(analysis.csmsToday).toBe(6)
    expect(analysis.inactiveOwners.map((b) => b.csm.name)).toEqual(['Gus'])
    expect(analysis.unowned).toEqual({ accounts: 3, arr: 27_000 })
    const tier = (id: string) => analysis.tiers.find((t) => t.tier === id)!
    expect(tier('high-touch').accounts).toBe(30 + 8 + 20 + 5)
    expect(tier('low-touch').accounts).toBe(60 + 25 + 12)
    expect(tier('tech-touch').accounts).toBe(250 + 5_000 + 3)
    expect(tier('high-touch').csmsNeeded).toEqual({
      atTightest: Math.ceil(63 / 10),
      atLoosest: Math.ceil(63 / 25),
    })
    expect(tier('tech-touch').csmsNeeded).toEqual({
      atTightest: Math.ceil(5_253 / 500),
      atLoosest: 0,
    })
    expect(analysis.total.accounts).toBe(base.length)
  })
})
