import { sfDatetime } from './datetimes.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'
import { coerceValue } from './values.js'

/**
 * Changes made as a person in the Salesforce UI would make them, for tests that simulate
 * activity at the source. Values are type-checked like API writes, but read-only fields such
 * as LastActivityDate may change, as Salesforce itself changes them.
 */
export function userUpdate(
  store: SalesforceStore,
  object: string,
  id: string,
  fields: Record<string, unknown>,
): SfRecord {
  const table = tableOf(store, object)
  const record = table.records.get(id)
  if (!record || record.IsDeleted === true)
    throw new Error(`no live ${object} ${id} in the sandbox`)
  store.apply(table, record, checked(table, fields))
  return { ...record }
}

export function userInsert(
  store: SalesforceStore,
  object: string,
  fields: Record<string, unknown>,
): SfRecord {
  const table = tableOf(store, object)
  return { ...store.create(table, checked(table, fields)) }
}

export function userSoftDelete(store: SalesforceStore, object: string, id: string): void {
  const table = tableOf(store, object)
  const record = table.records.get(id)
  if (!record || record.IsDeleted === true)
    throw new Error(`no live ${object} ${id} in the sandbox`)
  store.softDelete(table, record)
}

export function userPurge(store: SalesforceStore, object: string, id: string): void {
  if (!tableOf(store, object).records.delete(id))
    throw new Error(`no ${object} ${id} in the sandbox`)
}

/** A change stamped in the past, as a long transaction that commits after later ones. */
export function userCommitLate(
  store: SalesforceStore,
  object: string,
  id: string,
  fields: Record<string, unknown>,
  secondsAgo: number,
): SfRecord {
  userUpdate(store, object, id, fields)
  const record = tableOf(store, object).records.get(id)!
  const stamp = sfDatetime(Date.parse(record.SystemModstamp as string) - secondsAgo * 1000)
  record.SystemModstamp = stamp
  record.LastModifiedDate = stamp
  return { ...record }
}

/** Copies of an object's records as the org holds them now. */
export function snapshot(
  store: SalesforceStore,
  object: string,
  includeDeleted: boolean,
): SfRecord[] {
  return [...tableOf(store, object).records.values()]
    .filter((r) => includeDeleted || r.IsDeleted !== true)
    .map((r) => ({ ...r }))
}

function tableOf(store: SalesforceStore, object: string): SObjectTable {
  const table = store.table(object)
  if (!table) throw new Error(`the sandbox does not serve ${object}`)
  return table
}

function checked(table: SObjectTable, fields: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    const field = table.byName.get(key.toLowerCase())
    if (!field || field.name === 'Id') throw new Error(`${table.name} has no settable field ${key}`)
    const coerced = coerceValue(field, value)
    if (!coerced.ok) throw new Error(`${table.name}.${field.name}: ${coerced.message}`)
    values[field.name] = coerced.value
  }
  return values
}
