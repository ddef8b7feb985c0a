import type { Router } from '../framework/router.js'
import { stripeEndpoint } from './endpoint.js'
import { StripeApiError, invalidParam, noSuch } from './errors.js'
import type { FormParams } from './form-params.js'
import type { IdempotencyKeys } from './idempotency.js'
import { enumParam, integerParam, rangeParam, stringParam } from './list-params.js'
import { listPage } from './list-page.js'
import type { StripeRecord, StripeStore } from './store.js'
import {
  cancelSubscription,
  updateSubscription,
  type ItemChange,
  type SubscriptionChange,
} from './subscription-actions.js'

const STATUS_FILTERS = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const

/**
 * Subscriptions: list (canceled ones only with `status=canceled|ended|all`), retrieve, update
 * and cancel.
 * https://docs.stripe.com/api/subscriptions
 */
export function subscriptionRoutes(
  router: Router,
  store: StripeStore,
  keys: IdempotencyKeys,
): void {
  router.on(
    'GET',
    '/v1/subscriptions',
    stripeEndpoint(store, keys, {
      params: [
        'automatic_tax',
        'collection_method',
        'created',
        'current_period_end',
        'current_period_start',
        'customer',
        'ending_before',
        'limit',
        'price',
        'starting_after',
        'status',
        'test_clock',
      ],
      handle: ({ params }) =>
        listPage(store.ordered('subscription'), params, {
          url: '/v1/subscriptions',
          kind: 'subscription',
          matches: subscriptionFilter(params),
        }),
    }),
  )
  router.on(
    'GET',
    '/v1/subscriptions/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req }) => {
        const entry = store.get('subscription', req.params.id!)
        if (!entry) throw new StripeApiError(noSuch('subscription', req.params.id!))
        return entry.record
      },
    }),
  )
  router.on(
    'POST',
    '/v1/subscriptions/:id',
    stripeEndpoint(store, keys, {
      params: ['items', 'cancel_at_period_end', 'trial_end', 'metadata', 'proration_behavior'],
      handle: ({ req, params, change }) =>
        updateSubscription(store, req.params.id!, subscriptionChange(params), change),
    }),
  )
  router.on(
    'DELETE',
    '/v1/subscriptions/:id',
    stripeEndpoint(store, keys, {
      params: ['cancellation_details', 'invoice_now', 'prorate'],
      handle: ({ req, change }) => cancelSubscription(store, req.params.id!, change),
    }),
  )
}

function subscriptionFilter(params: FormParams): (sub: StripeRecord) => boolean {
  const status = enumParam(params, 'status', STATUS_FILTERS)
  const customer = stringParam(params, 'customer')
  const price = stringParam(params, 'price')
  const collection = stringParam(params, 'collection_method')
  const periodStart = rangeParam(params, 'current_period_start')
  const periodEnd = rangeParam(params, 'current_period_end')
  const items = (s: StripeRecord) =>
    (
      s.items as {
        data: {
          price: { id: string }
          current_period_start?: number
          current_period_end?: number
        }[]
      }
    ).data
  return (s) => {
    const first = items(s)[0]
    if (status === undefined && s.status === 'canceled') return false
    if (status === 'ended' && s.status !== 'canceled' && s.status !== 'incomplete_expired')
      return false
    if (status && status !== 'all' && status !== 'ended' && s.status !== status) return false
    if (customer !== undefined && s.customer !== customer) return false
    if (price !== undefined && !items(s).some((i) => i.price.id === price)) return false
    if (collection !== undefined && s.collection_method !== collection) return false
    if (periodStart && !periodStart(first?.current_period_start ?? s.current_period_start))
      return false
    if (periodEnd && !periodEnd(first?.current_period_end ?? s.current_period_end)) return false
    return true
  }
}

function subscriptionChange(params: FormParams): SubscriptionChange {
  const change: SubscriptionChange = {}
  const items = params.items
  if (items !== undefined) {
    if (!Array.isArray(items)) throw new StripeApiError(invalidParam('Invalid array', 'items'))
    change.items = items.map((item, i): ItemChange => {
      if (typeof item !== 'object' || Array.isArray(item))
        throw new StripeApiError(invalidParam('Invalid hash', `items[${i}]`))
      const quantity = item.quantity
      return {
        id: typeof item.id === 'string' ? item.id : undefined,
        price: typeof item.price === 'string' ? item.price : undefined,
        quantity:
          quantity === undefined ? undefined : integerParam(quantity, `items[${i}][quantity]`),
      }
    })
  }
  const cancel = enumParam(params, 'cancel_at_period_end', ['true', 'false'] as const)
  if (cancel !== undefined) change.cancel_at_period_end = cancel === 'true'
  const trialEnd = params.trial_end
  if (trialEnd !== undefined)
    change.trial_end = trialEnd === 'now' ? 'now' : integerParam(trialEnd, 'trial_end')
  const metadata = params.metadata
  if (metadata !== undefined && typeof metadata === 'object' && !Array.isArray(metadata))
    change.metadata = Object.fromEntries(
      Object.entries(metadata).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
  return change
}
