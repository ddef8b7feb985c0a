import { StripeApiError, invalidParam, noSuch, stripeError } from './errors.js'
import { liveEntry, recordEvent, secondsOf, updateWithEvent, type ChangeOptions } from './events.js'
import type { StripeDataset } from './dataset-schema.js'
import type { StripeRecord, StripeStore } from './store.js'

export type SubscriptionStatus = StripeDataset['subscriptions'][number]['status']

/** One item of `items[]`: `id` updates that item, no `id` adds an item with `price`. */
export interface ItemChange {
  id?: string
  /** A price id the account has (one of the dataset's prices). */
  price?: string
  quantity?: number
}

/** Fields of a subscription update; `quantity` and `price` are shorthands for the first item. */
export interface SubscriptionChange {
  items?: ItemChange[]
  quantity?: number
  price?: string
  status?: SubscriptionStatus
  cancel_at_period_end?: boolean
  /** Unix seconds, or 'now' to end a trial at once. */
  trial_end?: number | 'now' | null
  /** Discounts as `expand[]=discounts.source.coupon` shows them; replaces the current ones. */
  discounts?: unknown[]
  metadata?: Record<string, string>
}

interface Item extends Record<string, unknown> {
  id: string
  quantity?: number
  price: StripeRecord
  current_period_start?: number
  current_period_end?: number
}

const itemsOf = (sub: StripeRecord) => (sub.items as { data: Item[] }).data

/**
 * Updates a subscription (`POST /v1/subscriptions/:id`) and records
 * `customer.subscription.updated` with `previous_attributes`.
 * https://docs.stripe.com/api/subscriptions/update
 */
export function updateSubscription(
  store: StripeStore,
  id: string,
  change: SubscriptionChange,
  options: ChangeOptions = {},
): StripeRecord {
  const sub = liveEntry(store, 'subscription', id).record
  const itemChanges = [...(change.items ?? [])]
  if (change.quantity !== undefined || change.price !== undefined)
    itemChanges.push({ id: itemsOf(sub)[0]?.id, price: change.price, quantity: change.quantity })
  const data = itemsOf(sub).map((item) => ({ ...item }))
  itemChanges.forEach((itemChange, i) => applyItem(store, data, itemChange, i))
  const at = secondsOf(store, options)
  return updateWithEvent(
    store,
    'subscription',
    id,
    'customer.subscription.updated',
    (record) => {
      record.items = { ...(record.items as object), data }
      if (change.status) record.status = change.status
      if (change.cancel_at_period_end !== undefined) {
        record.cancel_at_period_end = change.cancel_at_period_end
        record.cancel_at = change.cancel_at_period_end
          ? (data[0]?.current_period_end ?? null)
          : null
        record.canceled_at = change.cancel_at_period_end ? at : null
      }
      if (change.trial_end !== undefined) {
        record.trial_end = change.trial_end === 'now' ? at : change.trial_end
        if (change.trial_end === 'now' && record.status === 'trialing') record.status = 'active'
      }
      if (change.discounts) record.discounts = store.takeDiscounts(change.discounts)
      if (change.metadata) record.metadata = { ...(record.metadata as object), ...change.metadata }
    },
    options,
  )
}

function applyItem(store: StripeStore, data: Item[], change: ItemChange, index: number): void {
  const price = change.price === undefined ? undefined : store.prices.get(change.price)
  if (change.price !== undefined && !price)
    throw new StripeApiError(noSuch('price', change.price, `items[${index}][price]`))
  if (change.quantity !== undefined && (!Number.isInteger(change.quantity) || change.quantity < 0))
    throw new StripeApiError(
      invalidParam(
        'Invalid non-negative integer',
        `items[${index}][quantity]`,
        'parameter_invalid_integer',
      ),
    )
  if (change.id === undefined) {
    if (!price)
      throw new StripeApiError(
        invalidParam(
          `Missing required param: items[${index}][price].`,
          `items[${index}][price]`,
          'parameter_missing',
        ),
      )
    const first = data[0]
    data.push({
      id: store.ids.next('si', 14),
      object: 'subscription_item',
      price,
      quantity: change.quantity ?? 1,
      discounts: [],
      current_period_start: first?.current_period_start,
      current_period_end: first?.current_period_end,
    })
    return
  }
  const item = data.find((i) => i.id === change.id)
  if (!item) throw new StripeApiError(noSuch('subscription item', change.id, `items[${index}][id]`))
  if (change.quantity !== undefined) item.quantity = change.quantity
  if (price) item.price = price
}

/**
 * Cancels a subscription at once (`DELETE /v1/subscriptions/:id`): status `canceled`,
 * `canceled_at` and `ended_at` set, and `customer.subscription.deleted` recorded.
 * https://docs.stripe.com/api/subscriptions/cancel
 */
export function cancelSubscription(
  store: StripeStore,
  id: string,
  options: ChangeOptions = {},
): StripeRecord {
  const sub = liveEntry(store, 'subscription', id).record
  if (sub.status === 'canceled')
    throw new StripeApiError(
      stripeError(400, 'invalid_request_error', `Subscription ${id} is already canceled.`),
    )
  const at = secondsOf(store, options)
  Object.assign(sub, {
    status: 'canceled',
    canceled_at: at,
    ended_at: at,
    cancel_at_period_end: false,
    cancel_at: null,
  })
  recordEvent(store, 'customer.subscription.deleted', sub, options)
  return sub
}
