import { objectCatalog, picklistEntry, SUPPORTED_OBJECTS, type FieldDescribe } from './catalog.js'
import type { SalesforceDataset } from './dataset-schema.js'
import { coerceValue } from './values.js'

export type SfRecord = Record<string, unknown> & { Id: string }

export interface SObjectTable {
  name: string
  label: string
  keyPrefix: string
  fields: FieldDescribe[]
  /** Fields by lower-case name: Salesforce field names are case-insensitive. */
  byName: Map<string, FieldDescribe>
  records: Map<string, SfRecord>
}

/** Tables of every object the sandbox serves, filled with the dataset's records. */
export function loadTables(dataset: SalesforceDataset): Map<string, SObjectTable> {
  const tables = new Map<string, SObjectTable>()
  for (const name of SUPPORTED_OBJECTS) {
    const catalog = objectCatalog(name, dataset.objects[name]?.customFields ?? [])!
    tables.set(name.toLowerCase(), {
      ...catalog,
      byName: new Map(catalog.fields.map((f) => [f.name.toLowerCase(), f])),
      records: new Map(),
    })
  }
  const served = SUPPORTED_OBJECTS.join(', ')
  for (const object of Object.keys(dataset.objects)) {
    if (!tables.has(object.toLowerCase()))
      throw new Error(
        `dataset: salesforce.objects.${object}: the sandbox does not serve ${object} (serves ${served})`,
      )
  }
  for (const [object, records] of Object.entries(dataset.records)) {
    const table = tables.get(object.toLowerCase())
    if (!table || table.name !== object)
      throw new Error(
        `dataset: salesforce.records.${object}: the sandbox does not serve ${object} (serves ${served})`,
      )
    records.forEach((raw, index) => {
      const record = readRecord(table, raw, `salesforce.records.${object}[${index}]`)
      if (table.records.has(record.Id))
        throw new Error(
          `dataset: salesforce.records.${object}[${index}].Id: ${record.Id} appears twice`,
        )
      table.records.set(record.Id, record)
    })
  }
  for (const table of tables.values()) addUsedPicklistValues(table)
  return tables
}

function readRecord(table: SObjectTable, raw: Record<string, unknown>, path: string): SfRecord {
  const record: SfRecord = { Id: raw.Id as string }
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'attributes') continue
    const field = table.byName.get(key.toLowerCase())
    if (!field)
      throw new Error(
        `dataset: ${path}.${key}: ${table.name} has no field ${key}; declare custom fields under salesforce.objects.${table.name}.customFields`,
      )
    const coerced = coerceValue(field, value)
    if (!coerced.ok) throw new Error(`dataset: ${path}.${key}: ${coerced.message}`)
    record[field.name] = coerced.value
  }
  return record
}

/** An org's picklists hold every value its records use; the describe shows them. */
function addUsedPicklistValues(table: SObjectTable): void {
  for (const field of table.fields) {
    if (field.type !== 'picklist') continue
    const known = new Set(field.picklistValues.map((p) => p.value))
    for (const record of table.records.values()) {
      const value = record[field.name]
      if (typeof value === 'string' && !known.has(value)) {
        known.add(value)
        field.picklistValues.push(picklistEntry(value))
      }
    }
  }
}
