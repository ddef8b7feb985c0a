import { objectFields, KEY_PREFIX, SUPPORTED_OBJECTS, type FieldDescribe } from './catalog.js'
import type { CustomField, SalesforceDataset } from './dataset-schema.js'
import { newId, sfDatetime } from './ids.js'
import { normalizeValue } from './values.js'

export type SfRecord = Record<string, unknown> & { Id: string }

export interface SObjectTable {
  name: string
  fields: FieldDescribe[]
  byName: Map<string, FieldDescribe>
  records: Map<string, SfRecord>
}

/** The org's state: objects, their fields, and records. Mutations bump SystemModstamp. */
/** An org validation rule: returns an error message to reject a change, as Salesforce would. */
export type ValidationRule = (
  object: string,
  record: SfRecord,
  changes: Record<string, unknown>,
) => string | undefined

export class SalesforceStore {
  readonly objects = new Map<string, SObjectTable>()
  readonly validationRules: ValidationRule[] = []
  private sequence = 1
  /** Strictly increasing modification clock so every change gets a distinct SystemModstamp. */
  private lastStamp = 0

  constructor(
    dataset: SalesforceDataset,
    private readonly now: () => number = Date.now,
  ) {
    for (const name of SUPPORTED_OBJECTS) {
      const custom: CustomField[] = dataset.objects[name]?.customFields ?? []
      const fields = objectFields(name, custom)!
      this.objects.set(name.toLowerCase(), {
        name,
        fields,
        byName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
        records: new Map(),
      })
    }
    for (const object of Object.keys(dataset.objects)) {
      if (!this.table(object))
        throw new Error(
          `dataset: salesforce.objects.${object}: the sandbox does not serve ${object} (serves ${SUPPORTED_OBJECTS.join(', ')})`,
        )
    }
    for (const [object, records] of Object.entries(dataset.records)) {
      const table = this.table(object)
      if (!table)
        throw new Error(
          `dataset: salesforce.records.${object}: the sandbox does not serve ${object} (serves ${SUPPORTED_OBJECTS.join(', ')})`,
        )
      records.forEach((raw, index) => {
        const record: SfRecord = { Id: raw.Id }
        for (const [key, value] of Object.entries(raw)) {
          const field = table.byName.get(key.toLowerCase())
          if (!field)
            throw new Error(
              `dataset: salesforce.records.${object}[${index}].${key}: ${object} has no field ${key}; declare custom fields under salesforce.objects.${object}.customFields`,
            )
          const normalized = normalizeValue({ ...field, nillable: true }, value)
          if (!normalized.ok)
            throw new Error(`dataset: salesforce.records.${object}[${index}]: ${normalized.error}`)
          record[field.name] = normalized.value
        }
        this.fillSystemFields(table, record)
        table.records.set(record.Id, record)
      })
    }
  }

  table(object: string): SObjectTable | undefined {
    return this.objects.get(object.toLowerCase())
  }

  private stamp(): string {
    this.lastStamp = Math.max(this.now(), this.lastStamp + 1)
    return sfDatetime(this.lastStamp)
  }

  private fillSystemFields(table: SObjectTable, record: SfRecord): void {
    for (const field of table.fields) {
      if (record[field.name] !== undefined) continue
      if (field.name === 'IsDeleted') record.IsDeleted = false
      else if (
        field.type === 'datetime' &&
        ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'].includes(field.name)
      ) {
        record[field.name] = (record.SystemModstamp as string | undefined) ?? this.stamp()
      } else record[field.name] = null
    }
    if (table.name === 'Opportunity') {
      const stage = String(record.StageName ?? '')
      if (record.IsClosed === null) record.IsClosed = /^closed/i.test(stage)
      if (record.IsWon === null) record.IsWon = /^closed won$/i.test(stage)
    }
    if ((table.name === 'User' || table.name === 'Contact') && record.Name === null) {
      record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ')
    }
  }

  /** Applies field values to an existing record; returns an error code and message on failure. */
  update(
    object: string,
    id: string,
    values: Record<string, unknown>,
  ): { ok: true } | { ok: false; code: string; message: string; fields: string[] } {
    const table = this.table(object)!
    const record = table.records.get(id) ?? table.records.get(this.findByPrefix(table, id) ?? '')
    if (
      !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id) ||
      !id.startsWith(KEY_PREFIX[table.name] ?? '')
    ) {
      return {
        ok: false,
        code: 'MALFORMED_ID',
        message: `${table.name} ID: id value of incorrect type: ${id}`,
        fields: ['Id'],
      }
    }
    if (!record)
      return {
        ok: false,
        code: 'INVALID_CROSS_REFERENCE_KEY',
        message: 'invalid cross reference id',
        fields: [],
      }
    if (record.IsDeleted === true)
      return { ok: false, code: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }
    const changes: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(values)) {
      if (key === 'attributes' || key.toLowerCase() === 'id') continue
      const field = table.byName.get(key.toLowerCase())
      if (!field)
        return {
          ok: false,
          code: 'INVALID_FIELD',
          message: `No such column '${key}' on sobject of type ${table.name}`,
          fields: [key],
        }
      if (!field.updateable) {
        return {
          ok: false,
          code: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: [field.name],
        }
      }
      const normalized = normalizeValue(field, value)
      if (!normalized.ok)
        return {
          ok: false,
          code: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
          message: normalized.error,
          fields: [field.name],
        }
      changes[field.name] = normalized.value
    }
    for (const rule of this.validationRules) {
      const message = rule(table.name, record, changes)
      if (message)
        return { ok: false, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields: [] }
    }
    this.apply(record, changes)
    return { ok: true }
  }

  /** Writes validated changes and bumps the modification stamps. */
  apply(record: SfRecord, changes: Record<string, unknown>): void {
    Object.assign(record, changes)
    const stamp = this.stamp()
    record.LastModifiedDate = stamp
    record.SystemModstamp = stamp
  }

  insert(object: string, values: Record<string, unknown>): SfRecord {
    const table = this.table(object)!
    const id = newId(KEY_PREFIX[table.name] ?? '000', this.sequence++)
    const record: SfRecord = { Id: id }
    for (const [key, value] of Object.entries(values)) {
      if (key === 'attributes') continue
      const field = table.byName.get(key.toLowerCase())
      if (!field) throw new Error(`${table.name} has no field ${key}`)
      const normalized = normalizeValue({ ...field, nillable: true }, value)
      if (!normalized.ok) throw new Error(normalized.error)
      record[field.name] = normalized.value
    }
    const stamp = this.stamp()
    record.CreatedDate ??= stamp
    record.LastModifiedDate = stamp
    record.SystemModstamp = stamp
    this.fillSystemFields(table, record)
    table.records.set(id, record)
    return record
  }

  softDelete(object: string, id: string): boolean {
    const record = this.table(object)?.records.get(id)
    if (!record || record.IsDeleted === true) return false
    this.apply(record, { IsDeleted: true })
    return true
  }

  private findByPrefix(table: SObjectTable, id: string): string | undefined {
    if (id.length !== 15) return undefined
    for (const key of table.records.keys()) if (key.startsWith(id)) return key
    return undefined
  }
}
