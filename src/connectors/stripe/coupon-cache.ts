import type { StripeConfig } from './config.js'
import type { Coupon } from './schemas.js'

const caches = new WeakMap<StripeConfig, Map<string, Coupon>>()

/**
 * Coupons fetched so far for one config. A coupon's terms (percent or amount off, duration)
 * cannot change after it is created, so a process-long cache is safe.
 * https://docs.stripe.com/api/coupons/update (only metadata and name are updatable)
 */
export function couponCache(config: StripeConfig): Map<string, Coupon> {
  let cache = caches.get(config)
  if (!cache) {
    cache = new Map()
    caches.set(config, cache)
  }
  return cache
}
