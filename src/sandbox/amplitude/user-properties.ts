type Properties = Record<string, unknown>

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/**
 * Applies an `$identify` event's operations to a user's properties, as Amplitude does before
 * stamping them on the user's later events. A flat object (a tracked event's
 * `user_properties`) counts as `$set`.
 * https://amplitude.com/docs/apis/analytics/identify#identification-parameter-keys
 */
export function applyUserProperties(current: Properties, operations: unknown): Properties {
  if (typeof operations !== 'object' || operations === null) return current
  const ops = operations as Record<string, unknown>
  const isOps = Object.keys(ops).some((k) => k.startsWith('$'))
  if (!isOps) return { ...current, ...ops }
  let next: Properties = '$clearAll' in ops ? {} : { ...current }
  const each = (op: string, apply: (key: string, value: unknown) => void) => {
    const entries = ops[op]
    if (typeof entries === 'object' && entries !== null)
      for (const [key, value] of Object.entries(entries)) apply(key, value)
  }
  each('$setOnce', (k, v) => {
    if (!(k in next)) next[k] = v
  })
  each('$set', (k, v) => (next[k] = v))
  each('$add', (k, v) => (next[k] = (Number(next[k]) || 0) + (Number(v) || 0)))
  each('$append', (k, v) => (next[k] = [...asList(next[k] ?? []), ...asList(v)]))
  each('$prepend', (k, v) => (next[k] = [...asList(v), ...asList(next[k] ?? [])]))
  each('$postInsert', (k, v) => {
    const list = asList(next[k] ?? [])
    next[k] = [...list, ...asList(v).filter((x) => !list.includes(x))]
  })
  each('$preInsert', (k, v) => {
    const list = asList(next[k] ?? [])
    next[k] = [...asList(v).filter((x) => !list.includes(x)), ...list]
  })
  each('$remove', (k, v) => {
    const gone = asList(v)
    next[k] = asList(next[k] ?? []).filter((x) => !gone.includes(x))
  })
  each('$unset', (k) => {
    next = Object.fromEntries(Object.entries(next).filter(([key]) => key !== k))
  })
  return next
}
