import type { SegmentSettings } from './settings.js'
import { tierOf, type TierFacts } from './tier.js'

/** An account owner, who cs360 takes to be the account's CSM. */
export interface Csm {
  id: string
  name: string
  /** False when the CRM user is deactivated, deleted or unknown: the book needs a new owner. */
  active: boolean
}

/** Part of a book: one owner's accounts of one tier placed one way, counted and summed. */
export interface BookEntry {
  /** Null for accounts without an owner. */
  csm: Csm | null
  tier: string
  overriddenBy: string | null
  accounts: number
  arr: number
}

export interface OwnedAccount extends TierFacts {
  csm: Csm | null
}

/**
 * Tiers accounts one by one and folds them into book entries: the shape src/db/segments/
 * returns already aggregated in SQL, for callers holding accounts in memory.
 */
export function bookEntriesOf(accounts: OwnedAccount[], settings: SegmentSettings): BookEntry[] {
  const entries = new Map<string, BookEntry>()
  for (const account of accounts) {
    const { tier, overriddenBy } = tierOf(account, settings)
    const key = JSON.stringify([account.csm?.id ?? null, tier, overriddenBy])
    const entry = entries.get(key) ?? { csm: account.csm, tier, overriddenBy, accounts: 0, arr: 0 }
    entry.accounts += 1
    entry.arr += account.arr
    entries.set(key, entry)
  }
  return [...entries.values()]
}
