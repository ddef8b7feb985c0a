import type { FieldDescribe } from './catalog.js'
import { isSfDate, parseSfDatetime, sfDatetime } from './datetimes.js'
import { toId18 } from './ids.js'

/**
 * A JSON value read into a field. Salesforce deserializes the whole request body before it
 * saves anything, so a value of the wrong JSON type fails the request (400 JSON_PARSER_ERROR);
 * a value of the right type that breaks the field's constraints fails only its record.
 */
export type Coercion =
  | { ok: true; value: unknown }
  | { ok: false; level: 'request'; message: string }
  | { ok: false; level: 'record'; code: string; message: string }

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function coerceValue(field: FieldDescribe, value: unknown): Coercion {
  if (value === null) return { ok: true, value: null }
  if (typeof value === 'object') return unreadable(field, value)
  switch (field.type) {
    case 'int': {
      const n = toNumber(value)
      if (n === undefined || !Number.isInteger(n)) return unreadable(field, value)
      return Math.abs(n) > 2_147_483_647 ? outOfRange(field, n) : { ok: true, value: n }
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n = toNumber(value)
      return n === undefined ? unreadable(field, value) : numberInRange(field, n)
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value }
      if (typeof value === 'string' && /^(true|false)$/i.test(value))
        return { ok: true, value: value.toLowerCase() === 'true' }
      return unreadable(field, value)
    case 'date':
      return typeof value === 'string' && isSfDate(value)
        ? { ok: true, value }
        : unreadable(field, value)
    case 'datetime': {
      const ms = typeof value === 'string' ? parseSfDatetime(value) : undefined
      return ms === undefined ? unreadable(field, value) : { ok: true, value: sfDatetime(ms) }
    }
    case 'id':
    case 'reference': {
      const id = typeof value === 'string' ? toId18(value) : undefined
      if (id) return { ok: true, value: id }
      return {
        ok: false,
        level: 'record',
        code: 'MALFORMED_ID',
        message: `${field.label}: id value of incorrect type: ${String(value)}`,
      }
    }
    default:
      return text(field, String(value))
  }
}

function text(field: FieldDescribe, value: string): Coercion {
  if (field.length > 0 && value.length > field.length)
    return {
      ok: false,
      level: 'record',
      code: 'STRING_TOO_LONG',
      message: `${field.label}: data value too large: ${value} (max length=${field.length})`,
    }
  if (field.type === 'email' && value !== '' && !EMAIL.test(value))
    return {
      ok: false,
      level: 'record',
      code: 'INVALID_EMAIL_ADDRESS',
      message: `${field.label}: invalid email address: ${value}`,
    }
  return { ok: true, value }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value)
  return undefined
}

/** Salesforce stores a number rounded to the field's scale, within its precision. */
function numberInRange(field: FieldDescribe, n: number): Coercion {
  const factor = 10 ** field.scale
  const rounded = Math.round(n * factor) / factor
  const integerDigits = field.precision - field.scale
  if (field.precision > 0 && Math.abs(rounded) >= 10 ** integerDigits) return outOfRange(field, n)
  return { ok: true, value: rounded }
}

function outOfRange(field: FieldDescribe, n: number): Coercion {
  return {
    ok: false,
    level: 'record',
    code: 'NUMBER_OUTSIDE_VALID_RANGE',
    message: `${field.label}: value outside of valid range on numeric field: ${n}`,
  }
}

const JAVA_TYPES: Partial<Record<FieldDescribe['type'], string>> = {
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
}

function unreadable(field: FieldDescribe, value: unknown): Coercion {
  const [token, shown] = jsonToken(value)
  return {
    ok: false,
    level: 'request',
    message: `Cannot deserialize instance of ${JAVA_TYPES[field.type] ?? 'string'} from ${token} value ${shown} or request may be missing a required field`,
  }
}

function jsonToken(value: unknown): [string, string] {
  if (Array.isArray(value)) return ['START_ARRAY', '[']
  if (typeof value === 'object' && value !== null) return ['START_OBJECT', '{']
  if (typeof value === 'string') return ['VALUE_STRING', value]
  if (typeof value === 'boolean') return [value ? 'VALUE_TRUE' : 'VALUE_FALSE', String(value)]
  return [Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT', String(value)]
}

/** Comparable form of a stored value for WHERE and ORDER BY: text compares case-insensitively. */
export function comparable(field: FieldDescribe, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (field.type === 'datetime') return parseSfDatetime(String(value)) ?? Date.parse(String(value))
  if (typeof value === 'string' && !['date', 'id', 'reference'].includes(field.type))
    return value.toLowerCase()
  return value as string | number | boolean
}
