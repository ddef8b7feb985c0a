import type { Router } from '../framework/router.js'
import { stripeEndpoint } from './endpoint.js'
import { StripeApiError, noSuch } from './errors.js'
import type { IdempotencyKeys } from './idempotency.js'
import type { StripeStore } from './store.js'

/**
 * Coupons the account's discounts use, by id.
 * https://docs.stripe.com/api/coupons/retrieve
 */
export function couponRoutes(router: Router, store: StripeStore, keys: IdempotencyKeys): void {
  router.on(
    'GET',
    '/v1/coupons/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req }) => {
        const coupon = store.coupons.get(req.params.id!)
        if (!coupon) throw new StripeApiError(noSuch('coupon', req.params.id!))
        return coupon
      },
    }),
  )
}
