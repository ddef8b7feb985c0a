import { loadTarget, sourceRecordTarget } from '../../db/load-target.js'

/**
 * Where Stripe rows land. Every row is versioned by when it was true at Stripe (the list
 * read's server time or the event's `created`), so an event replayed or read late never rolls
 * a newer row back; a customer, subscription or invoice with `deleted_at` counts as deleted.
 */
export const customersTarget = sourceRecordTarget('source_accounts')
export const subscriptionsTarget = sourceRecordTarget('billing_subscriptions')
export const invoicesTarget = sourceRecordTarget('billing_invoices')
export const mrrMonthlyTarget = loadTarget({
  table: 'billing_mrr_monthly',
  key: ['source', 'subscription_source_id', 'month'],
  versionColumn: 'source_updated_at',
})
