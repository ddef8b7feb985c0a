import type { MappedRecord } from '../types.js'
import type { StripeConfig } from './config.js'
import { mapCustomer } from './mapping-customer.js'
import { mapInvoice } from './mapping-invoice.js'
import { mapSubscription } from './mapping-subscription.js'
import type { PageContext } from './page-context.js'
import { parseRecord } from './parse.js'
import { eventSchema } from './schemas.js'

const PAYLOAD = 'data.object'

/**
 * An event as the rows of the object it carries, true as of the event's `created` (a replayed
 * or late event never rolls a newer row back). `customer.deleted` and `invoice.deleted` mark
 * the row deleted. A subscription event whose payload has discounts maps the copy `read`
 * fetched with its coupons expanded. A payload that does not parse is quarantined under the
 * object's id (the event's when it has none), the reason naming the field inside `data.object`.
 * https://docs.stripe.com/api/events/object
 */
export function mapEvent(raw: unknown, config: StripeConfig, context: PageContext): MappedRecord {
  const parsed = parseRecord(eventSchema, raw)
  if (!parsed.ok) return parsed
  const event = parsed.value
  const object = event.data.object
  const at = event.created
  let mapped: MappedRecord
  if (event.type.startsWith('customer.subscription.')) {
    const fresh = context.subscriptions.get(String(object.id))
    mapped = fresh
      ? mapSubscription(fresh.record, { at: fresh.at }, context.coupons, PAYLOAD)
      : mapSubscription(object, { at }, context.coupons, PAYLOAD)
  } else if (event.type.startsWith('customer.')) {
    mapped = mapCustomer(
      object,
      config,
      { at, deleted: event.type === 'customer.deleted' },
      PAYLOAD,
    )
  } else if (event.type.startsWith('invoice.')) {
    const observed = { at, deleted: event.type === 'invoice.deleted' }
    mapped = mapInvoice(object, observed, context.lines.get(String(object.id)), PAYLOAD)
  } else {
    return { ok: true, rows: [] }
  }
  // Quarantined under the id of the object it carries: that is what an operator looks up.
  return mapped.ok
    ? mapped
    : { ok: false, sourceId: mapped.sourceId ?? event.id, reason: mapped.reason }
}
