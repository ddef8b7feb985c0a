import { describe, expect, it } from 'vitest'
import { toUnits } from './money.js'
import { monthEndsWithin, monthsBetween } from './months.js'
import { subscriptionMrr } from './mrr.js'
import { subscriptionSchema, type Coupon } from './schemas.js'

const AT = Date.parse('2026-11-15T12:00:00Z') / 1000
const noCoupons = new Map<string, Coupon>()

function price(interval: 'day' | 'week' | 'month' | 'year', unitAmount: number, extra = {}) {
  return {
    id: `price_${interval}${unitAmount}`,
    currency: 'usd',
    unit_amount: unitAmount,
    recurring: { interval, interval_count: 1, usage_type: 'licensed' },
    ...extra,
  }
}

function subscription(
  items: { price: object; quantity?: number; discounts?: unknown[] }[],
  extra = {},
) {
  return subscriptionSchema.parse({
    id: 'sub_1',
    object: 'subscription',
    customer: 'cus_1',
    status: 'active',
    currency: 'usd',
    created: AT - 86_400 * 400,
    cancel_at_period_end: false,
    items: { data: items.map((item, i) => ({ id: `si_${i}`, ...item })) },
    ...extra,
  })
}

const coupon = (fields: Partial<Coupon>) => ({
  id: 'C',
  object: 'coupon',
  duration: 'forever',
  percent_off: null,
  amount_off: null,
  currency: null,
  ...fields,
})
const discount = (c: object, end: number | null = null) => ({
  id: 'di_1',
  object: 'discount',
  end,
  source: { type: 'coupon', coupon: c },
})

/** MRR in dollars. */
function mrr(sub: ReturnType<typeof subscription>, coupons = noCoupons) {
  const outcome = subscriptionMrr(sub, AT, coupons)
  if (!outcome.ok) throw new Error(outcome.reason)
  return { mrr: toUnits(outcome.value.mrr, 'usd'), seats: outcome.value.seats }
}

describe('MRR as the domain defines it', () => {
  it('counts a monthly price times its quantity', () => {
    expect(mrr(subscription([{ price: price('month', 4_400), quantity: 9 }]))).toEqual({
      mrr: 396,
      seats: 9,
    })
  })

  it('divides an annual price by 12 (and any interval to a month)', () => {
    expect(mrr(subscription([{ price: price('year', 48_000), quantity: 9 }])).mrr).toBe(360)
    expect(mrr(subscription([{ price: price('week', 1_200), quantity: 1 }])).mrr).toBe(52)
    const quarterly = price('month', 30_000, {
      recurring: { interval: 'month', interval_count: 3 },
    })
    expect(mrr(subscription([{ price: quarterly, quantity: 2 }])).mrr).toBe(200)
  })

  it('adds up items and counts seats of licensed items only', () => {
    const metered = price('month', 10, {
      recurring: { interval: 'month', interval_count: 1, usage_type: 'metered' },
    })
    const sub = subscription([
      { price: price('month', 4_400), quantity: 3 },
      { price: price('year', 12_000), quantity: 2 },
      { price: metered, quantity: 1 },
    ])
    expect(mrr(sub)).toEqual({ mrr: 132 + 20, seats: 5 })
  })

  it('takes a percent-off coupon off the total', () => {
    const sub = subscription([{ price: price('month', 4_400), quantity: 10 }], {
      discounts: [discount(coupon({ percent_off: 20 }))],
    })
    expect(mrr(sub).mrr).toBe(352)
  })

  it('takes an amount-off coupon off each invoice, per month of the interval', () => {
    const monthly = subscription([{ price: price('month', 4_400), quantity: 10 }], {
      discounts: [discount(coupon({ amount_off: 5_000, currency: 'usd' }))],
    })
    expect(mrr(monthly).mrr).toBe(390)
    const annual = subscription([{ price: price('year', 48_000), quantity: 10 }], {
      discounts: [discount(coupon({ amount_off: 12_000, currency: 'usd' }))],
    })
    expect(mrr(annual).mrr).toBe(400 - 10)
  })

  it('applies item discounts, then the subscription’s, and never goes below zero', () => {
    const sub = subscription(
      [
        {
          price: price('month', 10_000),
          quantity: 1,
          discounts: [discount(coupon({ percent_off: 50 }))],
        },
        { price: price('month', 10_000), quantity: 1 },
      ],
      { discounts: [discount(coupon({ percent_off: 10 }))] },
    )
    expect(mrr(sub).mrr).toBe(135)
    const free = subscription([{ price: price('month', 1_000), quantity: 1 }], {
      discounts: [discount(coupon({ amount_off: 5_000, currency: 'usd' }))],
    })
    expect(mrr(free).mrr).toBe(0)
  })

  it('ignores once coupons and discounts that have ended', () => {
    const sub = subscription([{ price: price('month', 4_400), quantity: 10 }], {
      discounts: [
        discount(coupon({ percent_off: 50, duration: 'once' })),
        discount(coupon({ percent_off: 50, duration: 'repeating' }), AT - 1),
      ],
    })
    expect(mrr(sub).mrr).toBe(440)
  })

  it('resolves a coupon given by id and names a discount it cannot resolve', () => {
    const sub = subscription([{ price: price('month', 4_400), quantity: 10 }], {
      discounts: [{ id: 'di_1', object: 'discount', end: null, source: { coupon: 'HALF' } }],
    })
    expect(
      mrr(sub, new Map([['HALF', coupon({ id: 'HALF', percent_off: 50 }) as Coupon]])).mrr,
    ).toBe(220)
    expect(subscriptionMrr(sub, AT, noCoupons)).toEqual({
      ok: false,
      reason: 'discounts.0: coupon not expanded or unknown',
    })
  })

  it('is 0 while trialing, paused, unpaid or ended, but counts past due', () => {
    const items = [{ price: price('month', 4_400), quantity: 10 }]
    for (const status of ['trialing', 'paused', 'unpaid', 'canceled', 'incomplete'])
      expect(mrr(subscription(items, { status })).mrr, status).toBe(0)
    expect(mrr(subscription(items, { status: 'past_due' })).mrr).toBe(440)
    expect(mrr(subscription(items, { status: 'trialing' })).seats).toBe(10)
  })

  it('prices tiers, packages and decimal unit amounts', () => {
    const tiers = [
      { up_to: 5, unit_amount: 1_000, flat_amount: 0 },
      { up_to: null, unit_amount: 500, flat_amount: 0 },
    ]
    const graduated = price('month', 0, {
      unit_amount: null,
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers,
    })
    expect(mrr(subscription([{ price: graduated, quantity: 8 }])).mrr).toBe(65)
    const volume = price('month', 0, {
      unit_amount: null,
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      tiers,
    })
    expect(mrr(subscription([{ price: volume, quantity: 8 }])).mrr).toBe(40)
    const packs = price('month', 2_000, { transform_quantity: { divide_by: 10, round: 'up' } })
    expect(mrr(subscription([{ price: packs, quantity: 25 }])).mrr).toBe(60)
    const decimal = price('month', 0, { unit_amount: null, unit_amount_decimal: '4400.5' })
    expect(mrr(subscription([{ price: decimal, quantity: 2 }])).mrr).toBe(88.01)
  })

  it('names the field when a tiered price comes without its tiers', () => {
    const tiered = price('month', 0, { unit_amount: null, billing_scheme: 'tiered' })
    expect(subscriptionMrr(subscription([{ price: tiered }]), AT, noCoupons)).toEqual({
      ok: false,
      reason: 'items.data.0.price.tiers: tiered price without its tiers',
    })
  })

  it('converts minor units per currency', () => {
    expect(toUnits(48_400, 'usd')).toBe(484)
    expect(toUnits(48_400, 'JPY')).toBe(48_400)
    expect(toUnits(12_345, 'kwd')).toBe(12.35)
  })
})

describe('calendar months', () => {
  const t = (iso: string) => Date.parse(iso) / 1000

  it('counts whole calendar months, clamping month ends, and fractions of one', () => {
    expect(monthsBetween(t('2025-12-02T02:00:00Z'), t('2026-12-02T02:00:00Z'))).toBe(12)
    expect(monthsBetween(t('2026-01-31T00:00:00Z'), t('2026-02-28T00:00:00Z'))).toBe(1)
    expect(monthsBetween(t('2026-04-01T00:00:00Z'), t('2026-04-16T00:00:00Z'))).toBe(0.5)
  })

  it('lists the month ends inside a period that have passed', () => {
    const ends = monthEndsWithin(
      t('2026-09-05T00:00:00Z'),
      t('2027-09-05T00:00:00Z'),
      t('2026-11-15T00:00:00Z'),
    )
    expect(ends.map((e) => new Date(e * 1000).toISOString())).toEqual([
      '2026-09-30T23:59:59.000Z',
      '2026-10-31T23:59:59.000Z',
    ])
  })
})
