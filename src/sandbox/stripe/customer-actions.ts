import { cancelSubscription } from './subscription-actions.js'
import { liveEntry, recordEvent, updateWithEvent, type ChangeOptions } from './events.js'
import type { StripeRecord, StripeStore } from './store.js'

/**
 * Fields of a customer update. Metadata merges key by key; a value of '' or null unsets that
 * key, and `metadata: null` (the API's `metadata=`) clears all of them.
 */
export interface CustomerChange {
  name?: string | null
  email?: string | null
  description?: string | null
  metadata?: Record<string, string | null> | null
}

/**
 * Updates a customer (`POST /v1/customers/:id`) and records `customer.updated`.
 * https://docs.stripe.com/api/customers/update
 */
export function updateCustomer(
  store: StripeStore,
  id: string,
  change: CustomerChange,
  options: ChangeOptions = {},
): StripeRecord {
  return updateWithEvent(
    store,
    'customer',
    id,
    'customer.updated',
    (customer) => {
      for (const key of ['name', 'email', 'description'] as const)
        if (change[key] !== undefined) customer[key] = change[key] || null
      if (change.metadata === null) customer.metadata = {}
      else if (change.metadata) {
        const metadata = { ...(customer.metadata as Record<string, string>) }
        for (const [key, value] of Object.entries(change.metadata)) {
          if (value === null || value === '') delete metadata[key]
          else metadata[key] = value
        }
        customer.metadata = metadata
      }
    },
    options,
  )
}

/**
 * Deletes a customer (`DELETE /v1/customers/:id`): Stripe cancels its subscriptions at once,
 * then the customer leaves every list and retrieves as `{id, object, deleted: true}`.
 * https://docs.stripe.com/api/customers/delete
 */
export function deleteCustomer(
  store: StripeStore,
  id: string,
  options: ChangeOptions = {},
): { id: string; object: 'customer'; deleted: true } {
  const entry = liveEntry(store, 'customer', id)
  for (const sub of store.ordered('subscription')) {
    const status = sub.record.status
    if (sub.record.customer === id && status !== 'canceled' && status !== 'incomplete_expired')
      cancelSubscription(store, sub.record.id, options)
  }
  entry.deleted = true
  recordEvent(store, 'customer.deleted', entry.record, options)
  return { id, object: 'customer', deleted: true }
}
