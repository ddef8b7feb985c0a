import type { OverrideField, SegmentSettings, Tier, TierOverride } from './settings.js'

/** What tiering looks at for one customer account. */
export interface TierFacts {
  accountId: string
  arr: number
  accountType: string | null
  industry: string | null
}

export interface TierPlacement {
  tier: string
  /** The override's reason when one placed the account; null when its ARR did. */
  overriddenBy: string | null
}

/** Highest ARR floor first: the order in which an account is tested against the tiers. */
export function tiersByArr(settings: SegmentSettings): Tier[] {
  return [...settings.tiers].sort((a, b) => b.minArr - a.minArr)
}

export function overrideMatches(override: TierOverride, account: TierFacts): boolean {
  if (override.accounts.includes(account.accountId)) return true
  const field = override.crmField
  if (!field) return false
  const value = FIELD_VALUE[field.field](account)
  return value !== null && field.values.includes(value)
}

const FIELD_VALUE: Record<OverrideField, (account: TierFacts) => string | null> = {
  accountType: (a) => a.accountType,
  industry: (a) => a.industry,
}

/**
 * The tier of one account: the first override that matches it, else the highest tier whose
 * ARR floor it reaches (004: $100k+ high touch, $15k–$100k low touch, under $15k tech touch).
 */
export function tierOf(account: TierFacts, settings: SegmentSettings): TierPlacement {
  const override = settings.overrides.find((o) => overrideMatches(o, account))
  if (override) return { tier: override.tier, overriddenBy: override.reason }
  const tiers = tiersByArr(settings)
  const tier = tiers.find((t) => account.arr >= t.minArr) ?? tiers[tiers.length - 1]!
  return { tier: tier.id, overriddenBy: null }
}
