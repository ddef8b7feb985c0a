import type Stripe from 'stripe'
import type { ConnectorContext } from '../types.js'
import { serverTime, stripeCall } from './client.js'
import type { StripeConfig } from './config.js'
import { BILLING_EVENT_TYPES } from './event-types.js'
import type { ListAnswer, ListCall, ListParams, Listed } from './forward-list.js'

type Ctx = ConnectorContext<StripeConfig>

const answer = <T extends Listed>(page: Stripe.ApiList<T> & Stripe.Response<unknown>) =>
  ({ data: page.data, has_more: page.has_more, observedAt: serverTime(page) }) as ListAnswer<T>

/** https://docs.stripe.com/api/customers/list (deleted customers are never listed) */
export const listCustomers =
  (ctx: Ctx): ListCall<Stripe.Customer> =>
  (params: ListParams) =>
    stripeCall(ctx, 'listing customers', (s) => s.customers.list(params)).then(answer)

/**
 * https://docs.stripe.com/api/subscriptions/list — `status=all` (canceled ones too); discounts
 * expanded down to their coupons (four levels, Stripe's maximum) and item discounts to objects
 * whose coupons `read` fetches, since MRR takes them off.
 */
export const listSubscriptions =
  (ctx: Ctx): ListCall<Stripe.Subscription> =>
  (params: ListParams) =>
    stripeCall(ctx, 'listing subscriptions', (s) =>
      s.subscriptions.list({
        ...params,
        status: 'all',
        expand: ['data.discounts.source.coupon', 'data.items.data.discounts'],
      }),
    ).then(answer)

/** https://docs.stripe.com/api/invoices/list */
export const listInvoices =
  (ctx: Ctx): ListCall<Stripe.Invoice> =>
  (params: ListParams) =>
    stripeCall(ctx, 'listing invoices', (s) => s.invoices.list(params)).then((page) =>
      answer(page as Stripe.ApiList<Stripe.Invoice & Listed> & Stripe.Response<unknown>),
    )

/** https://docs.stripe.com/api/events/list — only the types cs360 maps (event-types.ts). */
export const listEvents =
  (ctx: Ctx): ListCall<Stripe.Event> =>
  (params: ListParams) =>
    stripeCall(ctx, 'listing events', (s) =>
      s.events.list({ ...params, types: BILLING_EVENT_TYPES }),
    ).then(answer)
