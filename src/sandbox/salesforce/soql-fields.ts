import type { FieldDescribe } from './catalog.js'
import { SoqlError } from './soql-error.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'

interface Hop {
  reference: FieldDescribe
  target: SObjectTable
}

/** A field of the queried object or, through lookups, of a parent (`Account.Owner.Name`). */
export interface FieldPath {
  text: string
  field: FieldDescribe
  hops: Hop[]
}

export function resolvePath(store: SalesforceStore, table: SObjectTable, text: string): FieldPath {
  const parts = text.split('.')
  // A path may start with the object's own name: `Account.Name` from Account.
  if (parts.length > 1 && parts[0]!.toLowerCase() === table.name.toLowerCase()) parts.shift()
  const hops: Hop[] = []
  let current = table
  for (const relation of parts.slice(0, -1)) {
    const reference = current.fields.find(
      (f) => f.relationshipName?.toLowerCase() === relation.toLowerCase(),
    )
    const target = reference ? store.table(reference.referenceTo[0] ?? '') : undefined
    if (!reference || !target)
      throw new SoqlError(
        'INVALID_FIELD',
        `Didn't understand relationship '${relation}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        relation,
      )
    hops.push({ reference, target })
    current = target
  }
  return { text, field: fieldOf(current, parts[parts.length - 1]!), hops }
}

export function fieldOf(table: SObjectTable, name: string): FieldDescribe {
  const field = table.byName.get(name.toLowerCase())
  if (!field)
    throw new SoqlError(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      name,
    )
  return field
}

/** The value at the end of the path; null when a lookup on the way is empty. */
export function readPath(path: FieldPath, record: SfRecord): unknown {
  let current: SfRecord | undefined = record
  for (const hop of path.hops) {
    const id: unknown = current[hop.reference.name]
    current = typeof id === 'string' ? hop.target.records.get(id) : undefined
    if (!current) return null
  }
  return current[path.field.name] ?? null
}

/**
 * A query row: selected fields by their canonical names, parents nested under their
 * relationship name with their own `attributes`, as the REST API returns them.
 */
export function projectRow(
  paths: FieldPath[],
  table: SObjectTable,
  record: SfRecord,
  version: string,
): Record<string, unknown> {
  const row: Record<string, unknown> = { attributes: attributes(table, record, version) }
  for (const path of paths) {
    let target: Record<string, unknown> | null = row
    let current: SfRecord | undefined = record
    for (const hop of path.hops) {
      const name = hop.reference.relationshipName!
      const id: unknown = current?.[hop.reference.name]
      current = typeof id === 'string' ? hop.target.records.get(id) : undefined
      if (!current) {
        if (target && !(name in target)) target[name] = null
        target = null
        break
      }
      const nested: unknown = target![name]
      if (nested && typeof nested === 'object') target = nested as Record<string, unknown>
      else {
        const parent: Record<string, unknown> = {
          attributes: attributes(hop.target, current, version),
        }
        target![name] = parent
        target = parent
      }
    }
    if (target && current) target[path.field.name] = current[path.field.name] ?? null
  }
  return row
}

function attributes(table: SObjectTable, record: SfRecord, version: string) {
  return { type: table.name, url: `/services/data/${version}/sobjects/${table.name}/${record.Id}` }
}
