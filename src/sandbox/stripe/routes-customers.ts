import type { Router } from '../framework/router.js'
import { deleteCustomer, updateCustomer, type CustomerChange } from './customer-actions.js'
import { stripeEndpoint } from './endpoint.js'
import { StripeApiError, invalidParam, noSuch } from './errors.js'
import type { FormParams } from './form-params.js'
import type { IdempotencyKeys } from './idempotency.js'
import { stringParam } from './list-params.js'
import { listPage } from './list-page.js'
import type { StripeStore } from './store.js'

/**
 * Customers: list (`email`, `created`), retrieve (a deleted one as `{id, object, deleted}`),
 * update and delete.
 * https://docs.stripe.com/api/customers
 */
export function customerRoutes(router: Router, store: StripeStore, keys: IdempotencyKeys): void {
  router.on(
    'GET',
    '/v1/customers',
    stripeEndpoint(store, keys, {
      params: ['created', 'email', 'ending_before', 'limit', 'starting_after', 'test_clock'],
      handle: ({ params }) => {
        const email = stringParam(params, 'email')
        return listPage(store.ordered('customer'), params, {
          url: '/v1/customers',
          kind: 'customer',
          // Stripe documents the e-mail filter as case-sensitive.
          matches: (c) => email === undefined || c.email === email,
        })
      },
    }),
  )
  router.on(
    'GET',
    '/v1/customers/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req }) => {
        const entry = store.get('customer', req.params.id!)
        if (!entry) throw new StripeApiError(noSuch('customer', req.params.id!))
        return entry.deleted
          ? { id: entry.record.id, object: 'customer', deleted: true }
          : entry.record
      },
    }),
  )
  router.on(
    'POST',
    '/v1/customers/:id',
    stripeEndpoint(store, keys, {
      params: ['name', 'email', 'description', 'metadata'],
      handle: ({ req, params, change }) =>
        updateCustomer(store, req.params.id!, customerChange(params), change),
    }),
  )
  router.on(
    'DELETE',
    '/v1/customers/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req, change }) => deleteCustomer(store, req.params.id!, change),
    }),
  )
}

function customerChange(params: FormParams): CustomerChange {
  const change: CustomerChange = {}
  for (const key of ['name', 'email', 'description'] as const) {
    const value = stringParam(params, key)
    if (value !== undefined) change[key] = value
  }
  const metadata = params.metadata
  if (metadata !== undefined) {
    // `metadata=` (empty) would clear every key; a hash sets or (with '') unsets single keys.
    if (typeof metadata === 'string' || Array.isArray(metadata)) {
      if (metadata !== '') throw new StripeApiError(invalidParam('Invalid hash', 'metadata'))
      change.metadata = null
    } else {
      change.metadata = Object.fromEntries(
        Object.entries(metadata).map(([k, v]) => {
          if (typeof v !== 'string')
            throw new StripeApiError(invalidParam('Invalid string', `metadata[${k}]`))
          return [k, v]
        }),
      )
    }
  }
  return change
}
