import { rowFor, type TargetRow } from '../../db/load-target.js'
import type { MappedRecord } from '../types.js'
import type { Observed } from './mapping-customer.js'
import { toUnits } from './money.js'
import { monthEndsWithin, monthOf } from './months.js'
import { subscriptionMrr, type SubscriptionMrr } from './mrr.js'
import { extraFields, iso, isoOrNull, parseRecord } from './parse.js'
import { idOf, subscriptionSchema, type Coupon, type Subscription } from './schemas.js'
import { SOURCE } from './source.js'

const MODELED = [
  'id',
  'object',
  'customer',
  'status',
  'currency',
  'created',
  'items',
  'trial_end',
  'cancel_at',
  'cancel_at_period_end',
  'canceled_at',
  'ended_at',
  'current_period_start',
  'current_period_end',
] as const

/** Never live: a first payment that failed. They bring no MRR history. */
const NEVER_LIVE = new Set(['incomplete', 'incomplete_expired'])

/**
 * A subscription as a billing_subscriptions row (MRR and seats as of `observed.at`, the current
 * billing period from its items, or from the subscription in versions before 2025-03-31) plus
 * its billing_mrr_monthly row for the month it was observed in — or, once ended, a 0 for the
 * month it ended in.
 */
export function mapSubscription(
  raw: unknown,
  observed: Observed,
  coupons: ReadonlyMap<string, Coupon>,
  at = '',
): MappedRecord {
  const parsed = parseRecord(subscriptionSchema, raw, at)
  if (!parsed.ok) return parsed
  const sub = parsed.value
  const computed = subscriptionMrr(sub, observed.at, coupons)
  if (!computed.ok)
    return { ok: false, sourceId: sub.id, reason: [at, computed.reason].filter(Boolean).join('.') }
  const mrr = computed.value
  const first = sub.items.data[0]
  const customer = idOf(sub.customer)
  const rows: TargetRow[] = [
    rowFor('billing_subscriptions', {
      source: SOURCE,
      source_id: sub.id,
      source_account_id: customer,
      status: sub.status,
      currency: sub.currency.toLowerCase(),
      mrr: toUnits(mrr.mrr, sub.currency),
      seats: mrr.seats,
      trial_end: isoOrNull(sub.trial_end),
      cancel_at: isoOrNull(sub.cancel_at),
      cancel_at_period_end: sub.cancel_at_period_end,
      canceled_at: isoOrNull(sub.canceled_at),
      ended_at: isoOrNull(sub.ended_at),
      current_period_start: isoOrNull(first?.current_period_start ?? sub.current_period_start),
      current_period_end: isoOrNull(first?.current_period_end ?? sub.current_period_end),
      items: JSON.stringify(itemsColumn(mrr, sub.currency)),
      source_created_at: iso(sub.created),
      source_updated_at: iso(observed.at),
      deleted_at: null,
      extra: extraFields(sub, MODELED),
    }),
  ]
  rows.push(...monthRows(sub, mrr, observed.at))
  return { ok: true, rows }
}

/**
 * A live subscription's MRR for the month it was observed in. An ended one's 0 for the month it
 * ended in and every later month its last billing period paid for: the invoice that paid ahead
 * would otherwise count those months (observed rows win over invoice-derived ones).
 */
function monthRows(sub: Subscription, mrr: SubscriptionMrr, observedAt: number) {
  if (NEVER_LIVE.has(sub.status)) return []
  const row = (month: string, value: number, seats: number) =>
    rowFor('billing_mrr_monthly', {
      source: SOURCE,
      subscription_source_id: sub.id,
      month,
      source_account_id: idOf(sub.customer),
      mrr: value,
      seats,
      source_updated_at: iso(observedAt),
    })
  const ended = sub.ended_at ?? (sub.status === 'canceled' ? (sub.canceled_at ?? observedAt) : null)
  if (ended === null) return [row(monthOf(observedAt), toUnits(mrr.mrr, sub.currency), mrr.seats)]
  const paidUntil = sub.items.data[0]?.current_period_end ?? sub.current_period_end ?? ended
  const months = new Set([
    monthOf(ended),
    ...monthEndsWithin(ended, paidUntil, observedAt).map(monthOf),
  ])
  return [...months].map((month) => row(month, 0, 0))
}

function itemsColumn(mrr: SubscriptionMrr, currency: string) {
  return mrr.items.map((item) => ({
    id: item.id,
    price: item.priceId,
    interval: item.interval,
    interval_count: item.intervalCount,
    quantity: item.quantity,
    mrr: toUnits(item.monthly, currency),
  }))
}
