import { StripeApiError, invalidParam } from './errors.js'

/** Fields holding another object's id that `expand[]` can replace, and what they point at. */
const EXPANDABLE: Record<string, string> = {
  customer: 'customer',
  subscription: 'subscription',
  latest_invoice: 'invoice',
  invoice: 'invoice',
  discounts: 'discount',
  coupon: 'coupon',
  price: 'price',
}

/** Stripe expands at most four levels (`data.discounts.source.coupon`). */
const MAX_DEPTH = 4

export type Lookup = (kind: string, id: string) => Record<string, unknown> | undefined

/**
 * Replaces id-valued fields named by `expand[]` paths with the objects, in place on `root` (a
 * copy of the answer). A path walks lists (`data`, `items.data`) and expands the ids it passes
 * through, so `data.discounts.source.coupon` expands the discounts and then their coupons.
 * https://docs.stripe.com/api/expanding_objects
 */
export function expandPaths(root: Record<string, unknown>, paths: string[], lookup: Lookup): void {
  for (const path of paths) {
    const segments = path.split('.')
    if (segments.length > MAX_DEPTH)
      throw new StripeApiError(
        invalidParam(
          `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
          'expand',
        ),
      )
    visit(root, segments, 0, path, lookup)
  }
}

function visit(node: unknown, segments: string[], index: number, path: string, lookup: Lookup) {
  if (node === null || node === undefined) return
  if (Array.isArray(node)) {
    for (const element of node) visit(element, segments, index, path, lookup)
    return
  }
  if (typeof node !== 'object') throw cannotExpand(path)
  const holder = node as Record<string, unknown>
  const key = segments[index]!
  if (!(key in holder)) throw cannotExpand(path)
  const kind = EXPANDABLE[key]
  const resolve = (value: unknown) => {
    if (typeof value !== 'string') return value
    if (!kind) throw cannotExpand(path)
    const found = lookup(kind, value)
    return found ? structuredClone(found) : value
  }
  const value = holder[key]
  holder[key] = Array.isArray(value) ? value.map(resolve) : resolve(value)
  const last = index === segments.length - 1
  if (last) {
    if (!kind) throw cannotExpand(path)
    return
  }
  visit(holder[key], segments, index + 1, path, lookup)
}

const cannotExpand = (path: string) =>
  new StripeApiError(invalidParam(`This property cannot be expanded (${path}).`, 'expand'))
