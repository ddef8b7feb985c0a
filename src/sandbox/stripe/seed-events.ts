import { recordEvent } from './events.js'
import { EVENT_RETENTION_SECONDS, type ListedKind, type StripeStore } from './store.js'

const CREATED: Partial<Record<ListedKind, string>> = {
  customer: 'customer.created',
  subscription: 'customer.subscription.created',
  invoice: 'invoice.created',
}

/**
 * A real account's event log holds the last 30 days; the dataset has no log, so the objects it
 * created within that window get their `*.created` events at their creation time. Their payload
 * is the object as loaded (a real `invoice.created` would show the invoice still a draft).
 */
export function seedCreationEvents(store: StripeStore): void {
  const since = store.now() - EVENT_RETENTION_SECONDS
  for (const kind of ['customer', 'subscription', 'invoice'] as const) {
    for (const entry of [...store.ordered(kind)].reverse()) {
      if (entry.record.created < since) continue
      recordEvent(store, CREATED[kind]!, entry.record, { at: entry.record.created * 1000 })
    }
  }
}
