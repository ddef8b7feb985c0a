import type { FieldDescribe } from './catalog.js'
import { addDays, parseSfDatetime } from './datetimes.js'
import { toId18 } from './ids.js'
import { SoqlError, unsupported } from './soql-error.js'

export type Scalar = string | number | boolean | null
/** A date literal (TODAY, LAST_N_DAYS:30) covers whole UTC days, `from` and `to` inclusive. */
export interface DayRange {
  from: string
  to: string
}

const TEXT = new Set(['string', 'textarea', 'url', 'email', 'phone', 'picklist'])
const NUMERIC = new Set(['int', 'double', 'currency', 'percent'])

export function isText(field: FieldDescribe): boolean {
  return TEXT.has(field.type)
}

/**
 * A literal as the comparable form of `field`'s values (see values.ts `comparable`). Salesforce
 * type-checks literals against the field: a quoted date, an unquoted text or a date where a
 * datetime belongs is an error, not a silent conversion.
 */
export function literalValue(
  field: FieldDescribe,
  raw: string,
  literalType: string | undefined,
  today: string,
  dateVariable?: number,
): Scalar | DayRange {
  if (literalType === 'NULL') return null
  const wrong = (expected: string, quoted: boolean) =>
    new SoqlError(
      'INVALID_FIELD',
      `value of filter criterion for field '${field.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
      raw,
    )
  if (field.type === 'id' || field.type === 'reference') {
    if (literalType !== 'STRING') throw wrong('id', true)
    const id = toId18(unquote(raw))
    if (!id)
      throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${unquote(raw)}`, raw)
    return id
  }
  if (TEXT.has(field.type)) {
    if (literalType !== 'STRING') throw wrong('string', true)
    return unquote(raw).toLowerCase()
  }
  if (field.type === 'boolean') {
    if (literalType !== 'BOOLEAN') throw wrong('boolean', false)
    return raw.toUpperCase() === 'TRUE'
  }
  if (NUMERIC.has(field.type)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw wrong(field.type, false)
    return Number(raw)
  }
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL')
    return dayRange(raw, dateVariable ?? 0, today)
  if (field.type === 'date') {
    if (literalType !== 'DATE') throw wrong('date', false)
    return raw
  }
  // datetime
  const ms = literalType === 'DATETIME' ? parseSfDatetime(raw) : undefined
  if (ms === undefined) throw wrong('dateTime', false)
  return ms
}

/** The text of a quoted SOQL string literal (`'O\'Brien'` → `O'Brien`). */
export function unquote(raw: string): string {
  const body = raw.replace(/^'([\s\S]*)'$/, '$1')
  return body.replace(/\\(.)/g, (_m, c: string) => ESCAPES[c] ?? c)
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }

/** LIKE pattern: `%` any run, `_` one character, `\%` and `\_` themselves; case-insensitive. */
export function likePattern(raw: string): RegExp {
  const body = raw.replace(/^'([\s\S]*)'$/, '$1')
  let source = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (c === '\\' && i + 1 < body.length) {
      const next = body[++i]!
      source += escapeRegExp(ESCAPES[next] ?? next)
    } else if (c === '%') source += '[\\s\\S]*'
    else if (c === '_') source += '[\\s\\S]'
    else source += escapeRegExp(c)
  }
  return new RegExp(`^${source}$`, 'i')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function dayRange(literal: string, n: number, today: string): DayRange {
  const name = literal.split(':')[0]!.toUpperCase()
  const [year, month] = today.split('-').map(Number) as [number, number]
  const monthStart = (offset: number) => {
    const d = new Date(Date.UTC(year, month - 1 + offset, 1))
    return d.toISOString().slice(0, 10)
  }
  const monthRange = (offset: number): DayRange => ({
    from: monthStart(offset),
    to: addDays(monthStart(offset + 1), -1),
  })
  const yearRange = (offset: number): DayRange => ({
    from: `${year + offset}-01-01`,
    to: `${year + offset}-12-31`,
  })
  switch (name) {
    case 'TODAY':
      return { from: today, to: today }
    case 'YESTERDAY':
      return { from: addDays(today, -1), to: addDays(today, -1) }
    case 'TOMORROW':
      return { from: addDays(today, 1), to: addDays(today, 1) }
    case 'LAST_N_DAYS':
      return { from: addDays(today, -n), to: today }
    case 'NEXT_N_DAYS':
      return { from: addDays(today, 1), to: addDays(today, n) }
    case 'THIS_MONTH':
      return monthRange(0)
    case 'LAST_MONTH':
      return monthRange(-1)
    case 'NEXT_MONTH':
      return monthRange(1)
    case 'THIS_YEAR':
      return yearRange(0)
    case 'LAST_YEAR':
      return yearRange(-1)
    case 'NEXT_YEAR':
      return yearRange(1)
    default:
      throw unsupported(`the date literal ${literal}`)
  }
}
