import type { StreamPage } from '../types.js'
import type { Coupon, InvoiceLine } from './schemas.js'

/**
 * What `read` fetched beside a page's records for `map`: when Stripe answered (the version of
 * every row the page yields), coupons behind item discounts, the full lines of invoices whose
 * list cut them short, and fresh copies of subscriptions whose event payload had discounts
 * (event payloads are never expanded).
 */
export interface PageContext {
  /** Unix seconds of Stripe's `Date` header on the page's answer. */
  observedAt: number
  coupons: ReadonlyMap<string, Coupon>
  lines: ReadonlyMap<string, InvoiceLine[]>
  subscriptions: ReadonlyMap<string, { record: unknown; at: number }>
}

export function pageContext(page: StreamPage): PageContext {
  const related = page.related as Partial<PageContext> | undefined
  return {
    observedAt: related?.observedAt ?? Math.floor(Date.now() / 1000),
    coupons: related?.coupons ?? new Map(),
    lines: related?.lines ?? new Map(),
    subscriptions: related?.subscriptions ?? new Map(),
  }
}
