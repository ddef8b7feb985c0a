import type { FieldDescribe } from './catalog.js'
import { sfDatetime } from './ids.js'

/**
 * Checks a JSON value against a field's type and normalizes it to the form Salesforce returns
 * (datetimes as +0000). Returns an error message for a wrong type.
 */
export function normalizeValue(
  field: FieldDescribe,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (value === null)
    return field.nillable
      ? { ok: true, value: null }
      : { ok: false, error: `${field.name} is required` }
  switch (field.type) {
    case 'int':
      return Number.isInteger(value) ? { ok: true, value } : bad(field, value)
    case 'double':
    case 'currency':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : bad(field, value)
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : bad(field, value)
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { ok: true, value }
        : bad(field, value)
    case 'datetime': {
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
      return Number.isNaN(ms) ? bad(field, value) : { ok: true, value: sfDatetime(ms) }
    }
    case 'id':
    case 'reference':
      return typeof value === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)
        ? { ok: true, value }
        : bad(field, value)
    default:
      if (typeof value !== 'string') return bad(field, value)
      if (field.length > 0 && value.length > field.length) {
        return {
          ok: false,
          error: `${field.name}: data value too large: ${value.slice(0, 20)}… (max length=${field.length})`,
        }
      }
      return { ok: true, value }
  }
}

function bad(field: FieldDescribe, value: unknown): { ok: false; error: string } {
  return { ok: false, error: `${field.name}: value not of required type: ${JSON.stringify(value)}` }
}

/** Comparable form of a stored value for WHERE and ORDER BY. */
export function comparable(field: FieldDescribe, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (field.type === 'datetime') return Date.parse(String(value))
  if (
    typeof value === 'string' &&
    field.type !== 'date' &&
    field.type !== 'id' &&
    field.type !== 'reference'
  ) {
    return value.toLowerCase()
  }
  return value as string | number | boolean
}
