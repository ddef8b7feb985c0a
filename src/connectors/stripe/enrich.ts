import Stripe from 'stripe'
import { Cs360Error } from '../../errors.js'
import type { ConnectorContext } from '../types.js'
import { serverTime, stripeCall } from './client.js'
import type { StripeConfig } from './config.js'
import { couponSchema, invoiceLineSchema, type Coupon, type InvoiceLine } from './schemas.js'

type Ctx = ConnectorContext<StripeConfig>
type Loose = Record<string, unknown>

/**
 * Coupons of discounts that came with only their coupon's id (item discounts, which the list
 * cannot expand that deep), fetched once per read into `cache`. A coupon Stripe no longer has
 * is left out: the subscription is then quarantined with the discount named.
 * https://docs.stripe.com/api/coupons/retrieve
 */
export async function fetchCoupons(
  ctx: Ctx,
  subscriptions: unknown[],
  cache: Map<string, Coupon>,
): Promise<Map<string, Coupon>> {
  for (const id of couponIds(subscriptions)) {
    if (cache.has(id)) continue
    try {
      const coupon = await stripeCall(ctx, `reading coupon ${id}`, (s) => s.coupons.retrieve(id))
      const parsed = couponSchema.safeParse(coupon)
      if (parsed.success) cache.set(id, parsed.data)
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }
  return cache
}

function couponIds(subscriptions: unknown[]): Set<string> {
  const ids = new Set<string>()
  const visit = (discounts: unknown) => {
    for (const d of Array.isArray(discounts) ? (discounts as Loose[]) : []) {
      const coupon = (d?.source as Loose | undefined)?.coupon
      if (typeof coupon === 'string') ids.add(coupon)
    }
  }
  for (const sub of subscriptions as Loose[]) {
    visit(sub?.discounts)
    for (const item of ((sub?.items as Loose | undefined)?.data as Loose[] | undefined) ?? [])
      visit(item?.discounts)
  }
  return ids
}

/**
 * All lines of invoices whose embedded `lines` list was cut short (`has_more`), so past months'
 * MRR sees every subscription line.
 * https://docs.stripe.com/api/invoices/invoice_lines
 */
export async function fetchAllLines(ctx: Ctx, invoices: unknown[]) {
  const lines = new Map<string, InvoiceLine[]>()
  for (const invoice of invoices as Loose[]) {
    const embedded = invoice?.lines as { has_more?: boolean } | undefined
    if (!embedded?.has_more || typeof invoice.id !== 'string') continue
    const id = invoice.id
    const all: InvoiceLine[] = []
    let after: string | undefined
    for (;;) {
      const page = await stripeCall(ctx, `listing the lines of invoice ${id}`, (s) =>
        s.invoices.listLineItems(id, { limit: 100, ...(after ? { starting_after: after } : {}) }),
      )
      for (const line of page.data) {
        const parsed = invoiceLineSchema.safeParse(line)
        if (parsed.success) all.push(parsed.data)
      }
      if (!page.has_more || page.data.length === 0) break
      after = page.data.at(-1)!.id
    }
    lines.set(id, all)
  }
  return lines
}

/**
 * Event payloads are never expanded, and a discount cannot be fetched by id, so a subscription
 * event whose payload has discounts is mapped from a fresh copy with them expanded (true as of
 * when it was fetched).
 * https://docs.stripe.com/api/subscriptions/retrieve
 */
export async function fetchDiscountedSubscriptions(ctx: Ctx, events: unknown[]) {
  const fresh = new Map<string, { record: unknown; at: number }>()
  for (const event of events as Loose[]) {
    if (!String(event?.type).startsWith('customer.subscription.')) continue
    const sub = (event.data as Loose | undefined)?.object as Loose | undefined
    if (!sub || typeof sub.id !== 'string' || fresh.has(sub.id) || !hasDiscounts(sub)) continue
    const id = sub.id
    try {
      const record = await stripeCall(ctx, `reading subscription ${id}`, (s) =>
        s.subscriptions.retrieve(id, {
          expand: ['discounts.source.coupon', 'items.data.discounts'],
        }),
      )
      fresh.set(id, { record, at: serverTime(record) })
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }
  return fresh
}

function hasDiscounts(sub: Loose): boolean {
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0
  const items = ((sub.items as Loose | undefined)?.data as Loose[] | undefined) ?? []
  return nonEmpty(sub.discounts) || items.some((i) => nonEmpty(i?.discounts))
}

function isMissing(error: unknown): boolean {
  const cause = error instanceof Cs360Error ? error.cause : error
  return cause instanceof Stripe.errors.StripeInvalidRequestError && cause.statusCode === 404
}
