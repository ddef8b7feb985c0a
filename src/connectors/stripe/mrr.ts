import type { Coupon, Discount, Price, Subscription, SubscriptionItem } from './schemas.js'

/**
 * Monthly recurring revenue as the domain defines it: each licensed item's price per billing
 * interval normalized to a month (a yearly price ÷ 12, a weekly one × 52/12, any interval count
 * divided out), times its quantity, less its discounts, then less the subscription's discounts;
 * 0 unless the subscription is paying (active or past due: a trial, a pause, an unpaid or ended
 * subscription brings no MRR). Metered items are usage, not recurring revenue, and count 0.
 * Amounts stay in the currency's minor units here.
 */
export interface SubscriptionMrr {
  /** Minor units per month after discounts; 0 unless paying. */
  mrr: number
  /** Sum of licensed items' quantities. */
  seats: number
  items: ItemMrr[]
}

export interface ItemMrr {
  id: string
  priceId: string
  interval: string | null
  intervalCount: number | null
  quantity: number
  /** Minor units per month after the item's own discounts (before the subscription's). */
  monthly: number
}

export type MrrOutcome = { ok: true; value: SubscriptionMrr } | { ok: false; reason: string }

const PAYING = new Set(['active', 'past_due'])
/** Months in one interval. */
const MONTHS: Record<string, number> = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 }

export function subscriptionMrr(
  sub: Subscription,
  at: number,
  coupons: ReadonlyMap<string, Coupon>,
): MrrOutcome {
  const items: ItemMrr[] = []
  for (const [i, item] of sub.items.data.entries()) {
    const where = `items.data.${i}`
    const monthly = itemMonthly(item, where)
    if (!monthly.ok) return monthly
    const discounted = applyDiscounts(monthly.value, item.discounts ?? [], {
      at,
      currency: sub.currency,
      months: monthsPerInterval(item.price),
      coupons,
      where: `${where}.discounts`,
    })
    if (!discounted.ok) return discounted
    items.push({
      id: item.id,
      priceId: item.price.id,
      interval: item.price.recurring?.interval ?? null,
      intervalCount: item.price.recurring?.interval_count ?? null,
      quantity: item.quantity ?? 1,
      monthly: discounted.value,
    })
  }
  const licensed = sub.items.data.filter((i) => i.price.recurring?.usage_type !== 'metered')
  const firstPrice = licensed[0]?.price
  const total = applyDiscounts(
    items.reduce((sum, item) => sum + item.monthly, 0),
    sub.discounts ?? [],
    {
      at,
      currency: sub.currency,
      months: firstPrice ? monthsPerInterval(firstPrice) : 1,
      coupons,
      where: 'discounts',
    },
  )
  if (!total.ok) return total
  return {
    ok: true,
    value: {
      mrr: PAYING.has(sub.status) ? total.value : 0,
      seats: licensed.reduce((sum, item) => sum + (item.quantity ?? 1), 0),
      items,
    },
  }
}

type Amount = { ok: true; value: number } | { ok: false; reason: string }

/** Months one billing interval of `price` spans (12 for yearly, 3 for every-3-months …). */
export function monthsPerInterval(price: Price): number {
  const recurring = price.recurring
  return recurring ? MONTHS[recurring.interval]! * recurring.interval_count : 1
}

/** The item's charge per month before discounts; metered and one-time prices count 0. */
function itemMonthly(item: SubscriptionItem, where: string): Amount {
  const price = item.price
  if (!price.recurring || price.recurring.usage_type === 'metered') return { ok: true, value: 0 }
  const perInterval = intervalAmount(price, item.quantity ?? 1, `${where}.price`)
  if (!perInterval.ok) return perInterval
  return { ok: true, value: perInterval.value / monthsPerInterval(price) }
}

/**
 * What one interval of `quantity` costs: per unit (with `transform_quantity` packages), or by
 * volume or graduated tiers.
 * https://docs.stripe.com/products-prices/pricing-models
 */
function intervalAmount(price: Price, quantity: number, where: string): Amount {
  if (price.billing_scheme === 'tiered') {
    if (!price.tiers?.length)
      return { ok: false, reason: `${where}.tiers: tiered price without its tiers` }
    return { ok: true, value: tieredAmount(price, quantity) }
  }
  const unit =
    price.unit_amount_decimal != null ? Number(price.unit_amount_decimal) : price.unit_amount
  if (unit == null) return { ok: false, reason: `${where}.unit_amount: missing` }
  const transform = price.transform_quantity
  const units = transform
    ? (transform.round === 'up' ? Math.ceil : Math.floor)(quantity / transform.divide_by)
    : quantity
  return { ok: true, value: unit * units }
}

function tieredAmount(price: Price, quantity: number): number {
  const tiers = price.tiers!
  const unitOf = (t: (typeof tiers)[number]) =>
    t.unit_amount_decimal != null ? Number(t.unit_amount_decimal) : (t.unit_amount ?? 0)
  if (price.tiers_mode === 'volume') {
    const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to) ?? tiers.at(-1)!
    return unitOf(tier) * quantity + (tier.flat_amount ?? 0)
  }
  let amount = 0
  let below = 0
  for (const tier of tiers) {
    if (quantity <= below) break
    const inTier = Math.min(quantity, tier.up_to ?? Infinity) - below
    amount += unitOf(tier) * inTier + (tier.flat_amount ?? 0)
    below = tier.up_to ?? Infinity
  }
  return amount
}

interface DiscountContext {
  at: number
  currency: string
  /** Months per invoice: an amount-off coupon takes its amount off every invoice. */
  months: number
  coupons: ReadonlyMap<string, Coupon>
  where: string
}

/**
 * Takes discounts off a monthly amount in order. A discount that has ended, or a `once` coupon
 * (it changes one invoice, not the recurring amount), takes nothing off; amounts never go below 0.
 * https://docs.stripe.com/billing/subscriptions/coupons
 */
function applyDiscounts(
  amount: number,
  discounts: (string | Discount)[],
  context: DiscountContext,
): Amount {
  let value = amount
  for (const [i, discount] of discounts.entries()) {
    const where = `${context.where}.${i}`
    if (typeof discount !== 'string' && discount.end != null && discount.end <= context.at) continue
    const coupon = couponOf(discount, context.coupons)
    if (!coupon) return { ok: false, reason: `${where}: coupon not expanded or unknown` }
    if (coupon.duration === 'once') continue
    if (coupon.percent_off != null) value *= 1 - coupon.percent_off / 100
    const off = amountOff(coupon, context.currency)
    if (off === undefined)
      return {
        ok: false,
        reason: `${where}: amount-off coupon ${coupon.id} has no ${context.currency} amount`,
      }
    value -= off / context.months
  }
  return { ok: true, value: Math.max(0, value) }
}

function amountOff(coupon: Coupon, currency: string): number | undefined {
  if (coupon.amount_off == null) return 0
  if (!coupon.currency || coupon.currency.toLowerCase() === currency.toLowerCase())
    return coupon.amount_off
  return coupon.currency_options?.[currency.toLowerCase()]?.amount_off
}

/** The coupon behind a discount: expanded, looked up by id, or (older versions) on the discount. */
export function couponOf(
  discount: string | Discount,
  coupons: ReadonlyMap<string, Coupon>,
): Coupon | undefined {
  if (typeof discount === 'string') return undefined
  const source = discount.source?.coupon
  if (source && typeof source !== 'string') return source
  if (typeof source === 'string') return coupons.get(source)
  return discount.coupon ?? undefined
}
