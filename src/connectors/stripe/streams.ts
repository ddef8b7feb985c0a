import type Stripe from 'stripe'
import { couponCache } from './coupon-cache.js'
import { fetchAllLines, fetchCoupons } from './enrich.js'
import type { Listed } from './forward-list.js'
import { listCustomers, listInvoices, listSubscriptions } from './lists.js'
import { listStream } from './list-stream.js'
import { mapCustomer } from './mapping-customer.js'
import { mapInvoice } from './mapping-invoice.js'
import { mapSubscription } from './mapping-subscription.js'
import {
  customersTarget,
  invoicesTarget,
  mrrMonthlyTarget,
  subscriptionsTarget,
} from './targets.js'

export { eventsStream } from './events-stream.js'

/** Customers → source_accounts, linked to CRM accounts by metadata and domain. */
export const customersStream = listStream<Stripe.Customer>({
  name: 'customers',
  targets: [customersTarget],
  list: listCustomers,
  map: (raw, config, context) => mapCustomer(raw, config, { at: context.observedAt }),
  interpretation: (config) => ({ identity: config.identity }),
})

/** Subscriptions (canceled ones too) → billing_subscriptions with MRR, and this month's MRR. */
export const subscriptionsStream = listStream<Stripe.Subscription>({
  name: 'subscriptions',
  targets: [subscriptionsTarget, mrrMonthlyTarget],
  list: listSubscriptions,
  enrich: async (ctx, records) => ({
    coupons: await fetchCoupons(ctx, records, couponCache(ctx.config)),
  }),
  map: (raw, _config, context) => mapSubscription(raw, { at: context.observedAt }, context.coupons),
})

/** Invoices → billing_invoices, and the past months' MRR their lines show. */
export const invoicesStream = listStream<Stripe.Invoice & Listed>({
  name: 'invoices',
  targets: [invoicesTarget, mrrMonthlyTarget],
  list: listInvoices,
  enrich: async (ctx, records) => ({ lines: await fetchAllLines(ctx, records) }),
  map: (raw, _config, context) =>
    mapInvoice(raw, { at: context.observedAt }, context.lines.get(String((raw as Listed).id))),
})
