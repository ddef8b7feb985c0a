/**
 * `check`'s warnings for configured type values no record carries (a renewal type spelled
 * otherwise than the CRM's, a default the org never used): mapping compares exactly, so such a
 * value silently marks nothing. A list left at its default is only worth a warning when none of
 * it matches; a list the user wrote is checked value by value.
 */
export function unmatchedTypeWarnings(list: {
  /** Config path of the list, e.g. connectors.salesforce.opportunities.renewalTypes. */
  path: string
  /** What the values are compared with, e.g. `Opportunity Type`. */
  field: string
  configured: readonly string[]
  isDefault: boolean
  /** Values at least one record carries. */
  seen: readonly string[]
}): string[] {
  const unmatched = list.configured.filter((value) => !list.seen.includes(value))
  const values = `values seen: ${list.seen.length > 0 ? list.seen.join(', ') : 'none'}`
  if (list.isDefault) {
    if (unmatched.length < list.configured.length) return []
    const key = list.path.slice(list.path.lastIndexOf('.') + 1)
    return [
      `${list.path}: the default (${list.configured.map((v) => `"${v}"`).join(', ')}) matches no ${list.field} (${values}) — set ${key} to the types this CRM uses`,
    ]
  }
  return unmatched.map(
    (value) =>
      `${list.path}: "${value}" matches no ${list.field} (${values}) — fix the spelling or remove it`,
  )
}

/** Whether a configured list is the schema's default (same values, any order). */
export function isDefaultList(
  configured: readonly string[],
  byDefault: readonly string[],
): boolean {
  return (
    configured.length === byDefault.length &&
    [...configured].sort().every((v, i) => v === [...byDefault].sort()[i])
  )
}
