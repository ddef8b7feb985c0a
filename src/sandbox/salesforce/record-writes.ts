import type { SandboxResponse } from '../framework/http-server.js'
import { sfError, type SaveError } from './errors.js'
import { toId18 } from './ids.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'
import { coerceValue } from './values.js'

/** One record of a write request, read against its object's fields. */
export interface WriteRecord {
  table: SObjectTable
  /** The `Id` the request gave, as given. */
  id: string | undefined
  /** Canonical field name → value in stored form. */
  values: Record<string, unknown>
  /** The first constraint the values break (too long, out of range, malformed id). */
  invalid: SaveError | undefined
}

/**
 * Reads records the way Salesforce deserializes a request body: an unknown object or field, or
 * a value of the wrong JSON type, fails the whole request with a 400 before anything is saved.
 */
export function readWriteRecords(
  store: SalesforceStore,
  inputs: { type: string | undefined; fields: unknown }[],
  rawBody: string,
): { ok: true; records: WriteRecord[] } | { ok: false; response: SandboxResponse } {
  const records: WriteRecord[] = []
  for (const input of inputs) {
    if (!input.fields || typeof input.fields !== 'object' || Array.isArray(input.fields))
      return {
        ok: false,
        response: sfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of SObject'),
      }
    const table = input.type ? store.table(input.type) : undefined
    if (!table)
      return {
        ok: false,
        response: sfError(
          400,
          'INVALID_TYPE',
          input.type
            ? `sObject type '${input.type}' is not supported.`
            : 'Missing attributes.type for the record',
        ),
      }
    const record: WriteRecord = { table, id: undefined, values: {}, invalid: undefined }
    for (const [key, value] of Object.entries(input.fields)) {
      if (key === 'attributes') continue
      if (key.toLowerCase() === 'id') {
        record.id = typeof value === 'string' ? value : String(value)
        continue
      }
      const field = table.byName.get(key.toLowerCase())
      if (!field)
        return {
          ok: false,
          response: sfError(
            400,
            'INVALID_FIELD',
            `No such column '${key}' on sobject of type ${table.name}`,
          ),
        }
      const coerced = coerceValue(field, value)
      if (coerced.ok) record.values[field.name] = coerced.value
      else if (coerced.level === 'request') {
        const column = rawBody.indexOf(`"${key}"`) + 1
        return {
          ok: false,
          response: sfError(
            400,
            'JSON_PARSER_ERROR',
            `${coerced.message} at [line:1, column:${column}]`,
          ),
        }
      } else
        record.invalid ??= {
          statusCode: coerced.code,
          message: coerced.message,
          fields: [field.name],
        }
    }
    records.push(record)
  }
  return { ok: true, records }
}

export type Checked = { ok: true; record?: SfRecord } | { ok: false; error: SaveError }

/** What Salesforce checks when it saves an update of one record. */
export function checkUpdate(store: SalesforceStore, write: WriteRecord): Checked {
  const { table } = write
  if (!write.id) return fail('MISSING_ARGUMENT', 'Id not specified in an update call', [])
  const id = toId18(write.id)
  if (!id || !id.startsWith(table.keyPrefix))
    return fail('MALFORMED_ID', `${table.label} ID: id value of incorrect type: ${write.id}`, [
      'Id',
    ])
  const record = table.records.get(id)
  if (!record) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [])
  if (record.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted', [])
  const problem = checkValues(store, write, 'updateable') ?? validationRule(store, write, record)
  return problem ? { ok: false, error: problem } : { ok: true, record }
}

/** What Salesforce checks when it saves a new record. */
export function checkCreate(store: SalesforceStore, write: WriteRecord): Checked {
  if (write.id !== undefined)
    return fail('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id'])
  const missing = write.table.fields
    .filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== 'boolean')
    .filter((f) => write.values[f.name] === undefined || write.values[f.name] === null)
    .map((f) => f.name)
  if (missing.length > 0)
    return fail(
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    )
  const problem =
    checkValues(store, write, 'createable') ??
    validationRule(store, write, { Id: '', ...write.values })
  return problem ? { ok: false, error: problem } : { ok: true }
}

function checkValues(
  store: SalesforceStore,
  write: WriteRecord,
  access: 'createable' | 'updateable',
): SaveError | undefined {
  const fields = Object.keys(write.values).map((name) =>
    write.table.byName.get(name.toLowerCase())!,
  )
  const readOnly = fields.filter((f) => !f[access]).map((f) => f.name)
  if (readOnly.length > 0)
    return {
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: readOnly,
    }
  if (write.invalid) return write.invalid
  const cleared = fields
    .filter((f) => !f.nillable && write.values[f.name] === null)
    .map((f) => f.name)
  if (cleared.length > 0)
    return {
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${cleared.join(', ')}]`,
      fields: cleared,
    }
  for (const field of fields) {
    const value = write.values[field.name]
    if (field.type !== 'reference' || typeof value !== 'string') continue
    const targets = field.referenceTo.map((t) => store.table(t)).filter((t) => t !== undefined)
    if (!targets.some((t) => value.startsWith(t.keyPrefix)))
      return {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `${field.label}: id value of incorrect type: ${value}`,
        fields: [field.name],
      }
    const target = targets.find((t) => {
      const parent = t.records.get(value)
      return parent !== undefined && parent.IsDeleted !== true
    })
    if (!target)
      return {
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: 'invalid cross reference id',
        fields: [],
      }
  }
  return undefined
}

function validationRule(
  store: SalesforceStore,
  write: WriteRecord,
  record: SfRecord,
): SaveError | undefined {
  for (const rule of store.validationRules) {
    const message = rule(write.table.name, record, write.values)
    if (message) return { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields: [] }
  }
  return undefined
}

function fail(statusCode: string, message: string, fields: string[]): Checked {
  return { ok: false, error: { statusCode, message, fields } }
}
