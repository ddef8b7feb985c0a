/**
 * The event types whose payload is a customer, subscription or invoice cs360 keeps: what the
 * events stream asks for with `types[]` (Stripe takes at most 20). Types that change nothing
 * cs360 stores (`invoice.upcoming`, `customer.subscription.trial_will_end`) are left out.
 * https://docs.stripe.com/api/events/types
 */
export const CUSTOMER_EVENTS = ['customer.created', 'customer.updated', 'customer.deleted']

export const SUBSCRIPTION_EVENTS = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.pending_update_applied',
  'customer.subscription.pending_update_expired',
]

export const INVOICE_EVENTS = [
  'invoice.created',
  'invoice.updated',
  'invoice.deleted',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_succeeded',
  'invoice.marked_uncollectible',
  'invoice.voided',
]

export const BILLING_EVENT_TYPES = [...CUSTOMER_EVENTS, ...SUBSCRIPTION_EVENTS, ...INVOICE_EVENTS]
