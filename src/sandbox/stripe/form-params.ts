/** A value of Stripe's bracket notation: a string, a list (`expand[]`) or a hash (`metadata[k]`). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue }
export type FormParams = Record<string, FormValue>

/** A parameter whose brackets contradict each other (`a=1&a[b]=2`), named as Stripe names it. */
export class FormError extends Error {
  constructor(readonly param: string) {
    super(`Invalid hash: ${param}`)
  }
}

/**
 * Parses Stripe's form encoding (query strings of GETs, bodies of POSTs) into nested values the
 * way Stripe's API reads it: `metadata[k]=v` → hash, `expand[]=a&expand[]=b` → list,
 * `items[0][price]=p` → list of hashes, `created[gte]=1` → hash. The framework's form parser keeps
 * keys flat, so Stripe routes parse the raw text here.
 * https://docs.stripe.com/api/request-parameters (form-encoded, bracket notation)
 */
export function parseStripeForm(text: string): FormParams {
  const root: FormParams = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const path = keyPath(key)
    if (!path) throw new FormError(key)
    assign(root, path, value, key)
  }
  return compactLists(root) as FormParams
}

/** `items[0][price]` → ['items', '0', 'price']; `expand[]` → ['expand', '']. */
function keyPath(key: string): string[] | null {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
  if (!m) return null
  const rest = [...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1]!)
  return [m[1]!, ...rest]
}

type Node = Record<string, FormValue> | FormValue[]

function assign(root: FormParams, path: string[], value: string, key: string): void {
  let node: Node = root
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!
    const last = i === path.length - 1
    const nextIsList = !last && (path[i + 1] === '' || /^\d+$/.test(path[i + 1]!))
    if (Array.isArray(node)) {
      // `[]` appends; `[3]` addresses a position (kept sparse until compactLists).
      const index = segment === '' ? node.length : Number(segment)
      if (!/^\d*$/.test(segment)) throw new FormError(key)
      if (last) node[index] = value
      else node = child(node, index, nextIsList, key)
    } else if (last) {
      if (node[segment] !== undefined && typeof node[segment] !== 'string') throw new FormError(key)
      node[segment] = value
    } else {
      node = child(node, segment, nextIsList, key)
    }
  }
}

function child(parent: Node, at: string | number, list: boolean, key: string): Node {
  const existing = (parent as Record<string | number, FormValue | undefined>)[at]
  if (existing === undefined) {
    const created: Node = list ? [] : {}
    ;(parent as Record<string | number, FormValue>)[at] = created
    return created
  }
  if (typeof existing === 'string' || Array.isArray(existing) !== list) throw new FormError(key)
  return existing
}

/** Sparse `items[0]`, `items[2]` become a dense list in index order, as Stripe reads them. */
function compactLists(value: FormValue): FormValue {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactLists)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)]))
}
