import { addDays, at, unixSeconds } from '../dataset/dates.js'
import type { Segment } from '../dataset/ground-truth-schema.js'
import type { Random } from '../dataset/random.js'

export type Interval = 'year' | 'month'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Stripe-shaped ids (`cus_` + 14, `in_1` + 24 …), unique within the dataset. */
export function stripeIds(random: Random) {
  const used = new Set<string>()
  return (prefix: string, length: number): string => {
    for (;;) {
      const id = `${prefix}_${length >= 24 ? '1' : ''}${random.chars(length, BASE62)}`
      if (!used.has(id)) {
        used.add(id)
        return id
      }
    }
  }
}

/** Per-seat list prices in cents; paying monthly costs about 10% more. */
const PLANS: Record<Segment, { name: string; year: number; month: number }> = {
  enterprise: { name: 'Enterprise', year: 108_000, month: 9_900 },
  'mid-market': { name: 'Business', year: 72_000, month: 6_600 },
  smb: { name: 'Team', year: 48_000, month: 4_400 },
}

export const PRODUCT_NAME = 'cs360 Demo Platform'

export type StripePrice = ReturnType<typeof priceObject>

function priceObject(
  id: string,
  product: string,
  created: number,
  segment: Segment,
  interval: Interval,
) {
  const plan = PLANS[segment]
  const amount = plan[interval]
  return {
    id,
    object: 'price' as const,
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: 'usd',
    livemode: false,
    lookup_key: `${plan.name.toLowerCase()}_${interval}ly`,
    metadata: {},
    nickname: `${plan.name} (${interval}ly, per seat)`,
    product,
    recurring: { interval, interval_count: 1, meter: null, usage_type: 'licensed' },
    tax_behavior: 'exclusive',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: amount,
    unit_amount_decimal: String(amount),
  }
}

/**
 * The price book: one product, a per-seat price per plan and billing interval, set up a month
 * before the first customer signed.
 */
export function priceBook(firstCustomer: string, id: ReturnType<typeof stripeIds>) {
  const product = id('prod', 14)
  const created = unixSeconds(at(addDays(firstCustomer, -30), 40_000))
  const prices = new Map<string, StripePrice>()
  for (const segment of ['enterprise', 'mid-market', 'smb'] as const) {
    for (const interval of ['year', 'month'] as const) {
      prices.set(
        `${segment}/${interval}`,
        priceObject(id('price', 24), product, created, segment, interval),
      )
    }
  }
  return (segment: Segment, interval: Interval) => prices.get(`${segment}/${interval}`)!
}

/** Seats an ARR buys at the plan's price (at least one). */
export function seatsFor(arr: number, price: StripePrice, interval: Interval): number {
  const perYear = (price.unit_amount * (interval === 'year' ? 1 : 12)) / 100
  return Math.max(1, Math.round(arr / perYear))
}
