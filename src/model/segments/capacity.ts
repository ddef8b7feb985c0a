import type { BookEntry, Csm } from './books.js'
import type { AccountsPerCsm, SegmentSettings } from './settings.js'
import { tiersByArr } from './tier.js'

/** CSMs a number of accounts calls for at each end of a tier's ratio. */
export interface CsmsNeeded {
  /** At the tier's fewest accounts per CSM, the way 004's 340-account example staffs it. */
  atTightest: number
  /** At its most accounts per CSM; 0 for a tier without a maximum (no dedicated CSM). */
  atLoosest: number
}

export interface TierSummary {
  tier: string
  accountsPerCsm: AccountsPerCsm
  accounts: number
  arr: number
  /** Accounts an override placed here, by reason. */
  overridden: Record<string, number>
  csmsNeeded: CsmsNeeded
}

export type Coverage = 'over-covered' | 'within' | 'under-covered'

export interface CsmBook {
  csm: Csm
  accounts: number
  arr: number
  byTier: Record<string, { accounts: number; arr: number }>
  /**
   * The book as a share of one CSM: Σ over tiers of accounts ÷ accounts per CSM, at the tight
   * and the loose end of each ratio. A mixed book weighs each account by its tier's ratio.
   */
  load: { atTightest: number; atLoosest: number }
  coverage: Coverage
}

export interface CapacityAnalysis {
  tiers: TierSummary[]
  total: { accounts: number; arr: number; csmsNeeded: CsmsNeeded }
  /** Active owners' books, heaviest first. */
  books: CsmBook[]
  /** Owners that are no longer active users: their accounts need a new CSM. */
  inactiveOwners: CsmBook[]
  /** Accounts without an owner. */
  unowned: { accounts: number; arr: number }
  /** Active owners holding a book today. */
  csmsToday: number
}

/** Loads are sums of fractions: 25 accounts at 1:25 must read as exactly one CSM. */
const EPSILON = 1e-9

export function csmsNeeded(accounts: number, ratio: AccountsPerCsm): CsmsNeeded {
  return {
    atTightest: Math.ceil(accounts / ratio.min - EPSILON),
    atLoosest: ratio.max === undefined ? 0 : Math.ceil(accounts / ratio.max - EPSILON),
  }
}

/**
 * A book is under-covered when even the loosest ratios leave it above one CSM (accounts get
 * less than their tier promises), over-covered when even the tightest leave it below one (the
 * CSM has room for more), within otherwise.
 */
export function coverageOf(load: CsmBook['load']): Coverage {
  if (load.atLoosest > 1 + EPSILON) return 'under-covered'
  if (load.atTightest < 1 - EPSILON) return 'over-covered'
  return 'within'
}

/**
 * 004's capacity view of a customer base: accounts and ARR per tier, each CSM's book against
 * the tiers' ratios, and the headcount the base implies (ceil per tier: each tier is staffed
 * by CSMs of its own, as 004 staffs enterprise, mid-market and SMB separately).
 */
export function analyzeCapacity(entries: BookEntry[], settings: SegmentSettings): CapacityAnalysis {
  const tiers = tiersByArr(settings)
  const ratio = new Map(tiers.map((t) => [t.id, t.accountsPerCsm]))
  const summaries = tiers.map((t): TierSummary => {
    const of = entries.filter((e) => e.tier === t.id)
    const overridden: Record<string, number> = {}
    for (const e of of)
      if (e.overriddenBy)
        overridden[e.overriddenBy] = (overridden[e.overriddenBy] ?? 0) + e.accounts
    const accounts = sum(of.map((e) => e.accounts))
    return {
      tier: t.id,
      accountsPerCsm: t.accountsPerCsm,
      accounts,
      arr: sum(of.map((e) => e.arr)),
      overridden,
      csmsNeeded: csmsNeeded(accounts, t.accountsPerCsm),
    }
  })
  const books = [...booksByOwner(entries, ratio).values()].sort(
    (a, b) => b.load.atTightest - a.load.atTightest || a.csm.name.localeCompare(b.csm.name),
  )
  const unowned = entries.filter((e) => e.csm === null)
  return {
    tiers: summaries,
    total: {
      accounts: sum(summaries.map((s) => s.accounts)),
      arr: sum(summaries.map((s) => s.arr)),
      csmsNeeded: {
        atTightest: sum(summaries.map((s) => s.csmsNeeded.atTightest)),
        atLoosest: sum(summaries.map((s) => s.csmsNeeded.atLoosest)),
      },
    },
    books: books.filter((b) => b.csm.active),
    inactiveOwners: books.filter((b) => !b.csm.active),
    unowned: { accounts: sum(unowned.map((e) => e.accounts)), arr: sum(unowned.map((e) => e.arr)) },
    csmsToday: books.filter((b) => b.csm.active).length,
  }
}

function booksByOwner(
  entries: BookEntry[],
  ratio: Map<string, AccountsPerCsm>,
): Map<string, CsmBook> {
  const books = new Map<string, CsmBook>()
  for (const e of entries) {
    if (!e.csm) continue
    const book = books.get(e.csm.id) ?? {
      csm: e.csm,
      accounts: 0,
      arr: 0,
      byTier: {},
      load: { atTightest: 0, atLoosest: 0 },
      coverage: 'within' as Coverage,
    }
    const tier = (book.byTier[e.tier] ??= { accounts: 0, arr: 0 })
    tier.accounts += e.accounts
    tier.arr += e.arr
    book.accounts += e.accounts
    book.arr += e.arr
    const r = ratio.get(e.tier)!
    book.load.atTightest += e.accounts / r.min
    book.load.atLoosest += r.max === undefined ? 0 : e.accounts / r.max
    books.set(e.csm.id, book)
  }
  for (const book of books.values()) book.coverage = coverageOf(book.load)
  return books
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
