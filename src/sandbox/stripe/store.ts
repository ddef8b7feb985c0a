import { LATEST_API_VERSION } from './api-version.js'
import type { StripeDataset } from './dataset-schema.js'
import { IdMint } from './ids.js'

/** A Stripe object as the sandbox keeps it: every field of both API-version spellings. */
export type StripeRecord = Record<string, unknown> & { id: string; object: string; created: number }

export type ListedKind = 'customer' | 'subscription' | 'invoice' | 'event'

export interface Entry {
  record: StripeRecord
  /** Insertion order: breaks ties between objects created in the same second. */
  seq: number
  /** Deleted customers (and deleted drafts): gone from lists, retrievable as `deleted: true`. */
  deleted?: boolean
}

/** Stripe keeps events for 30 days; older ones are neither listed nor retrievable. */
export const EVENT_RETENTION_SECONDS = 30 * 86_400

/**
 * The Stripe account's state: customers, subscriptions, invoices and the event log, plus the
 * discounts, coupons and prices they reference. Lists read it newest first as the API does.
 */
export class StripeStore {
  private readonly tables: Record<ListedKind, Map<string, Entry>> = {
    customer: new Map(),
    subscription: new Map(),
    invoice: new Map(),
    event: new Map(),
  }
  readonly discounts = new Map<string, StripeRecord>()
  readonly coupons = new Map<string, StripeRecord>()
  readonly prices = new Map<string, StripeRecord>()
  readonly ids = new IdMint()
  private sequence = 0
  private readonly sorted = new Map<ListedKind, Entry[]>()

  constructor(
    dataset: StripeDataset,
    /** The account's clock in epoch ms; tests move it. */
    readonly clock: () => number = Date.now,
    /** The version events are rendered in (the account's default API version). */
    readonly accountApiVersion: string = LATEST_API_VERSION,
  ) {
    for (const customer of dataset.customers) this.insert('customer', { ...customer })
    for (const subscription of dataset.subscriptions)
      this.insert('subscription', this.normalizeSubscription(structuredClone(subscription)))
    for (const invoice of dataset.invoices) this.insert('invoice', structuredClone(invoice))
  }

  /** Unix seconds on the account's clock. */
  now(): number {
    return Math.floor(this.clock() / 1000)
  }

  insert(kind: ListedKind, record: StripeRecord): Entry {
    const entry = { record, seq: this.sequence++ }
    this.tables[kind].set(record.id, entry)
    this.ids.reserve(record.id)
    this.sorted.delete(kind)
    return entry
  }

  get(kind: ListedKind, id: string): Entry | undefined {
    const entry = this.tables[kind].get(id)
    if (kind === 'event' && entry && entry.record.created < this.now() - EVENT_RETENTION_SECONDS)
      return undefined
    return entry
  }

  /** Every object of a kind, newest first (created, then insertion order), as lists page them. */
  ordered(kind: ListedKind): Entry[] {
    let list = this.sorted.get(kind)
    if (!list) {
      list = [...this.tables[kind].values()].sort(
        (a, b) => b.record.created - a.record.created || b.seq - a.seq,
      )
      this.sorted.set(kind, list)
    }
    if (kind !== 'event') return list
    const oldest = this.now() - EVENT_RETENTION_SECONDS
    return list.filter((e) => e.record.created >= oldest)
  }

  /** An id-valued field resolved for `expand[]`; undefined when nothing by that id exists. */
  lookup(kind: string, id: string): Record<string, unknown> | undefined {
    if (kind === 'discount') return this.discounts.get(id)
    if (kind === 'coupon') return this.coupons.get(id)
    if (kind === 'price') return this.prices.get(id)
    const entry = this.get(kind as ListedKind, id)
    if (!entry) return undefined
    return entry.deleted ? { id, object: kind, deleted: true } : entry.record
  }

  /**
   * Discounts arrive whole in the dataset; the API answers with their ids unless expanded, so
   * they move to their own table (coupons likewise), and prices are indexed for item updates.
   */
  private normalizeSubscription(sub: StripeRecord): StripeRecord {
    sub.discounts = this.takeDiscounts(sub.discounts)
    const items = (sub.items as { data: Record<string, unknown>[] }).data
    for (const item of items) {
      item.discounts = this.takeDiscounts(item.discounts)
      const price = item.price as StripeRecord
      this.prices.set(price.id, price)
    }
    return sub
  }

  takeDiscounts(value: unknown): string[] {
    if (!Array.isArray(value)) return []
    return value.map((discount: StripeRecord | string) => {
      if (typeof discount === 'string') return discount
      const source = discount.source as { type: string; coupon: StripeRecord | string }
      const coupon = source.coupon
      if (typeof coupon !== 'string') this.coupons.set(coupon.id, coupon)
      const couponId = typeof coupon === 'string' ? coupon : coupon.id
      this.discounts.set(discount.id, { ...discount, source: { ...source, coupon: couponId } })
      this.ids.reserve(discount.id)
      return discount.id
    })
  }
}
