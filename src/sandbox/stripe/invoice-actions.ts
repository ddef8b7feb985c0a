import { StripeApiError, invalidParam } from './errors.js'
import { liveEntry, recordEvent, secondsOf, updateWithEvent, type ChangeOptions } from './events.js'
import type { StripeRecord, StripeStore } from './store.js'

const DAY = 86_400
/** Smart Retries' default schedule: the next attempt a few days after a failure. */
const RETRY_AFTER_DAYS = 3

function openInvoice(store: StripeStore, id: string): StripeRecord {
  const invoice = liveEntry(store, 'invoice', id).record
  if (invoice.status !== 'open')
    throw new StripeApiError(
      invalidParam(
        `Invoice ${id} is ${String(invoice.status)}; only open invoices can be paid.`,
        'id',
        'invoice_not_open',
      ),
    )
  return invoice
}

/**
 * Pays an open invoice (`POST /v1/invoices/:id/pay`): `invoice.paid` and
 * `invoice.payment_succeeded`; a past-due subscription without other open invoices turns active.
 * https://docs.stripe.com/api/invoices/pay
 */
export function payInvoice(
  store: StripeStore,
  id: string,
  options: ChangeOptions = {},
): StripeRecord {
  openInvoice(store, id)
  const at = secondsOf(store, options)
  const invoice = updateWithEvent(
    store,
    'invoice',
    id,
    'invoice.paid',
    (record) => {
      Object.assign(record, {
        status: 'paid',
        paid: true,
        attempted: true,
        attempt_count: Number(record.attempt_count ?? 0) + 1,
        amount_paid: record.amount_due,
        amount_remaining: 0,
        next_payment_attempt: null,
        status_transitions: { ...(record.status_transitions as object), paid_at: at },
      })
    },
    options,
  )
  recordEvent(store, 'invoice.payment_succeeded', invoice, options)
  const subId = subscriptionOf(invoice)
  const sub = subId ? store.get('subscription', subId) : undefined
  const stillOpen = store
    .ordered('invoice')
    .some((e) => subscriptionOf(e.record) === subId && e.record.status === 'open')
  if (sub && sub.record.status === 'past_due' && !stillOpen)
    updateWithEvent(
      store,
      'subscription',
      sub.record.id,
      'customer.subscription.updated',
      (s) => {
        s.status = 'active'
      },
      options,
    )
  return invoice
}

/**
 * A failed charge of an open invoice: `attempt_count` grows, the next retry is scheduled, and
 * `invoice.payment_failed` is recorded; an active subscription turns `past_due` and its customer
 * `delinquent`, each with its own update event.
 * https://docs.stripe.com/billing/subscriptions/overview#failed-payments
 */
export function failInvoicePayment(
  store: StripeStore,
  id: string,
  options: ChangeOptions = {},
): StripeRecord {
  openInvoice(store, id)
  const at = secondsOf(store, options)
  const invoice = updateWithEvent(
    store,
    'invoice',
    id,
    'invoice.updated',
    (record) => {
      Object.assign(record, {
        attempted: true,
        attempt_count: Number(record.attempt_count ?? 0) + 1,
        next_payment_attempt: at + RETRY_AFTER_DAYS * DAY,
      })
    },
    options,
  )
  recordEvent(store, 'invoice.payment_failed', invoice, options)
  const subId = subscriptionOf(invoice)
  const sub = subId ? store.get('subscription', subId) : undefined
  if (sub && sub.record.status === 'active')
    updateWithEvent(
      store,
      'subscription',
      sub.record.id,
      'customer.subscription.updated',
      (s) => {
        s.status = 'past_due'
      },
      options,
    )
  const customer = store.get('customer', String(invoice.customer))
  if (customer && !customer.deleted)
    updateWithEvent(
      store,
      'customer',
      customer.record.id,
      'customer.updated',
      (c) => {
        c.delinquent = true
      },
      options,
    )
  return invoice
}

/**
 * Updates an invoice's description or metadata (`POST /v1/invoices/:id`) and records
 * `invoice.updated`; metadata merges key by key, '' unsets a key.
 * https://docs.stripe.com/api/invoices/update
 */
export function updateInvoice(
  store: StripeStore,
  id: string,
  change: { description?: string | null; metadata?: Record<string, string> },
  options: ChangeOptions = {},
): StripeRecord {
  return updateWithEvent(
    store,
    'invoice',
    id,
    'invoice.updated',
    (record) => {
      if (change.description !== undefined) record.description = change.description || null
      if (change.metadata) {
        const metadata = { ...(record.metadata as Record<string, string> | undefined) }
        for (const [key, value] of Object.entries(change.metadata))
          if (value === '') delete metadata[key]
          else metadata[key] = value
        record.metadata = metadata
      }
    },
    options,
  )
}

/** The invoice's subscription in either API-version spelling. */
export function subscriptionOf(invoice: StripeRecord): string | null {
  const parent = invoice.parent as { subscription_details?: { subscription?: string } } | null
  return (
    parent?.subscription_details?.subscription ?? (invoice.subscription as string | null) ?? null
  )
}
