import { StripeApiError, noSuch } from './errors.js'
import type { Entry, ListedKind, StripeRecord, StripeStore } from './store.js'

/** When and on whose behalf a change happened; `at` backdates it (e.g. 40 days ago). */
export interface ChangeOptions {
  /** Epoch ms of the change; default the account's clock. */
  at?: number
  /** The API request that caused it; automatic changes (a failed renewal charge) have none. */
  request?: { id: string | null; idempotency_key: string | null }
}

/**
 * Appends the event Stripe emits for a change: `data.object` is a snapshot of the object after
 * it, rendered later in the event's `api_version` (the account's default when it happened);
 * `*.updated` events carry the changed top-level fields' old values in `previous_attributes`.
 * https://docs.stripe.com/api/events/object
 */
export function recordEvent(
  store: StripeStore,
  type: string,
  object: StripeRecord,
  options: ChangeOptions & { previous?: Record<string, unknown> } = {},
): StripeRecord {
  const event: StripeRecord = {
    id: store.ids.next('evt', 24),
    object: 'event',
    api_version: store.accountApiVersion,
    created: options.at === undefined ? store.now() : Math.floor(options.at / 1000),
    data: {
      object: structuredClone(object),
      ...(options.previous ? { previous_attributes: options.previous } : {}),
    },
    livemode: false,
    pending_webhooks: 0,
    request: options.request ?? { id: null, idempotency_key: null },
    type,
  }
  store.insert('event', event)
  return event
}

/**
 * The fields that differ between two versions of an object, with their old values: hashes
 * (metadata, status_transitions) are compared key by key and report only their changed keys,
 * lists and scalars whole, as in Stripe's `previous_attributes`.
 */
export function previousAttributes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key]
    const now = after[key]
    if (JSON.stringify(old) === JSON.stringify(now)) continue
    changed[key] = isHash(old) && isHash(now) ? previousAttributes(old, now) : (old ?? null)
  }
  return changed
}

const isHash = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !('object' in v)

/**
 * Applies `change` to a live object and records `type` with its previous attributes; nothing is
 * recorded when nothing changed (Stripe emits no event for a no-op update).
 */
export function updateWithEvent(
  store: StripeStore,
  kind: ListedKind,
  id: string,
  type: string,
  change: (record: StripeRecord) => void,
  options: ChangeOptions,
): StripeRecord {
  const entry = liveEntry(store, kind, id)
  const before = structuredClone(entry.record)
  change(entry.record)
  const previous = previousAttributes(before, entry.record)
  if (Object.keys(previous).length > 0)
    recordEvent(store, type, entry.record, { ...options, previous })
  return entry.record
}

const NAMES: Record<ListedKind, string> = {
  customer: 'customer',
  subscription: 'subscription',
  invoice: 'invoice',
  event: 'event',
}

/** The object behind an id, or the 404 Stripe answers for it. */
export function liveEntry(store: StripeStore, kind: ListedKind, id: string, param = 'id'): Entry {
  const entry = store.get(kind, id)
  if (!entry || entry.deleted) throw new StripeApiError(noSuch(NAMES[kind], id, param))
  return entry
}

/** Unix seconds of a change. */
export const secondsOf = (store: StripeStore, options: ChangeOptions) =>
  options.at === undefined ? store.now() : Math.floor(options.at / 1000)
