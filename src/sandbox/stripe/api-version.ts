/**
 * The API version stripe-node 23.1 pins (`Stripe-Version: 2026-10-28.endive`), and the account's
 * default when a request names none.
 */
export const LATEST_API_VERSION = '2026-10-28.endive'

/**
 * `2025-03-31.basil` moved billing periods from the subscription onto its items and an invoice's
 * subscription under `parent.subscription_details`; the sandbox stores both spellings and each
 * answer keeps the one of the version it is rendered in.
 * https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-subscription-current-period-start-and-end
 * https://docs.stripe.com/changelog/basil/2025-03-31/adds-new-parent-field-to-invoicing-objects
 */
const BASIL = '2025-03-31'
/** The first API version (Stripe's versions are dates since 2011). */
const FIRST = '2011-01-01'

const VERSION = /^(\d{4}-\d{2}-\d{2})(?:\.([a-z]+))?$/

/** The version a request asked for, or null when Stripe would reject it. */
export function parseApiVersion(header: string | undefined, fallback: string): string | null {
  const version = header?.trim() || fallback
  const m = VERSION.exec(version)
  if (!m) return null
  const date = m[1]!
  if (date < FIRST || date > LATEST_API_VERSION.slice(0, 10)) return null
  return version
}

const isBasilOrLater = (version: string) => version.slice(0, 10) >= BASIL

/**
 * A deep copy of an answer in the shape of `version`: every subscription and invoice inside
 * (expanded ones too) keeps only the fields that version has. An event's payload keeps the
 * version the event was created in (its `api_version`), whatever the request asked for.
 * https://docs.stripe.com/upgrades#api-versions-and-events
 */
export function renderForVersion<T>(value: T, version: string): T {
  const visit = (node: unknown, basil: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, basil))
    if (node === null || typeof node !== 'object') return node
    const own = node as Record<string, unknown>
    const inner =
      own.object === 'event' && typeof own.api_version === 'string'
        ? isBasilOrLater(own.api_version)
        : basil
    const copy: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(own))
      copy[key] = visit(child, key === 'data' ? inner : basil)
    if (copy.object === 'subscription') adjustSubscription(copy, basil)
    if (copy.object === 'invoice') adjustInvoice(copy, basil)
    return copy
  }
  return visit(value, isBasilOrLater(version)) as T
}

function adjustSubscription(sub: Record<string, unknown>, basil: boolean): void {
  const items = (sub.items as { data?: Record<string, unknown>[] } | undefined)?.data ?? []
  if (basil) {
    delete sub.current_period_start
    delete sub.current_period_end
    return
  }
  const first = items[0]
  if (first && sub.current_period_start === undefined) {
    sub.current_period_start = first.current_period_start
    sub.current_period_end = first.current_period_end
  }
  for (const item of items) {
    delete item.current_period_start
    delete item.current_period_end
  }
}

function adjustInvoice(invoice: Record<string, unknown>, basil: boolean): void {
  const parent = invoice.parent as
    { subscription_details?: { subscription?: unknown } | null } | null | undefined
  if (basil) {
    delete invoice.subscription
    return
  }
  invoice.subscription ??= parent?.subscription_details?.subscription ?? null
  delete invoice.parent
}
