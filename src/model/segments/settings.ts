import { z } from 'zod'

/**
 * How many accounts one CSM covers in a tier. 004 gives ranges ("1:10-25"): below `min` a CSM
 * has room to spare, above `max` the accounts get less attention than the tier promises. No
 * `max` is 004's "1:500+ (or no dedicated CSM)": tech touch never overloads anyone.
 */
export const accountsPerCsmSchema = z
  .object({
    min: z.number().positive(),
    max: z.number().positive().optional(),
  })
  .strict()
  .refine((r) => r.max === undefined || r.max >= r.min, 'max must be at least min')

export const tierSchema = z
  .object({
    /** The name reports, scorecards and the CRM see (e.g. `high-touch`). */
    id: z.string().min(1),
    /** Lowest ARR of the tier, inclusive; the lowest tier must start at 0. */
    minArr: z.number().min(0),
    accountsPerCsm: accountsPerCsmSchema,
  })
  .strict()

/** Account fields an override may test, as cs360 stores them from the CRM. */
export const OVERRIDE_FIELDS = ['accountType', 'industry'] as const

/**
 * An account placed in a tier whatever its ARR: 004's "Strategic designation → High Touch"
 * and the complexity that makes a small account need more (or a simple large one less).
 */
export const tierOverrideSchema = z
  .object({
    /** Why, shown in reports: `strategic`, `complexity` … */
    reason: z.string().min(1),
    tier: z.string().min(1),
    /** CRM account ids. */
    accounts: z.array(z.string().min(1)).default([]),
    /** Accounts whose CRM field holds one of these values (Salesforce Account.Type, HubSpot lifecycle stage, industry). */
    crmField: z
      .object({ field: z.enum(OVERRIDE_FIELDS), values: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (o) => o.accounts.length > 0 || o.crmField !== undefined,
    'name the accounts or a crmField to match',
  )

/** 004's coverage model: high touch ≥ $100k ARR, low touch $15k–$100k, tech touch < $15k. */
const DEFAULT_TIERS: z.input<typeof tierSchema>[] = [
  { id: 'high-touch', minArr: 100_000, accountsPerCsm: { min: 10, max: 25 } },
  { id: 'low-touch', minArr: 15_000, accountsPerCsm: { min: 50, max: 100 } },
  { id: 'tech-touch', minArr: 0, accountsPerCsm: { min: 500 } },
]

/**
 * Segments by ARR with per-account overrides (first matching override wins). Tiers may be
 * listed in any order; each account lands in the tier with the highest `minArr` it reaches.
 */
export const segmentSettingsSchema = z
  .object({
    tiers: z.array(tierSchema).min(1).default(DEFAULT_TIERS),
    overrides: z.array(tierOverrideSchema).default([]),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const ids = settings.tiers.map((t) => t.id)
    settings.tiers.forEach((tier, i) => {
      if (ids.indexOf(tier.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'id'], message: `${tier.id} twice` })
      if (settings.tiers.findIndex((t) => t.minArr === tier.minArr) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'minArr'],
          message: `two tiers start at ${tier.minArr}`,
        })
    })
    if (!settings.tiers.some((t) => t.minArr === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['tiers'],
        message: 'one tier must start at minArr 0, or some accounts would have no tier',
      })
    settings.overrides.forEach((override, i) => {
      if (!ids.includes(override.tier))
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'tier'],
          message: `names ${override.tier}; the tiers are ${ids.join(', ')}`,
        })
    })
  })

export type SegmentSettings = z.infer<typeof segmentSettingsSchema>
export type Tier = z.infer<typeof tierSchema>
export type TierOverride = z.infer<typeof tierOverrideSchema>
export type AccountsPerCsm = z.infer<typeof accountsPerCsmSchema>
export type OverrideField = (typeof OVERRIDE_FIELDS)[number]
