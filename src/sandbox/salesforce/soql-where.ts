import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js'
import { SoqlError, unsupported } from './soql-error.js'
import { readPath, resolvePath, type FieldPath } from './soql-fields.js'
import { isText, likePattern, literalValue, type DayRange, type Scalar } from './soql-literals.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'
import { comparable } from './values.js'

type Predicate = (record: SfRecord) => boolean
type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition }

/** The parser's right-leaning clause chain; its union types hide `operator` on some members. */
interface ClauseNode {
  left?: Condition | null
  operator?: string
  right?: ClauseNode
}

/**
 * The WHERE clause as a predicate. The parser keeps parentheses as counts on each condition, so
 * the clause is flattened to tokens and parsed again with SOQL precedence: NOT, AND, OR.
 */
export function compileWhere(
  store: SalesforceStore,
  table: SObjectTable,
  where: WhereClause,
): Predicate {
  const tokens: Token[] = []
  flatten(where as unknown as ClauseNode, tokens)
  let i = 0
  const orExpr = (): Predicate => {
    let left = andExpr()
    while (tokens[i] === 'OR') {
      i++
      const [l, r] = [left, andExpr()]
      left = (rec) => l(rec) || r(rec)
    }
    return left
  }
  const andExpr = (): Predicate => {
    let left = notExpr()
    while (tokens[i] === 'AND') {
      i++
      const [l, r] = [left, notExpr()]
      left = (rec) => l(rec) && r(rec)
    }
    return left
  }
  const notExpr = (): Predicate => {
    const token = tokens[i++]
    if (token === 'NOT') {
      const inner = notExpr()
      return (rec) => !inner(rec)
    }
    if (token === '(') {
      const inner = orExpr()
      if (tokens[i++] !== ')') throw new SoqlError('MALFORMED_QUERY', 'unexpected token: missing )')
      return inner
    }
    if (token && typeof token === 'object') return compileCondition(store, table, token.condition)
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${String(token ?? 'end of query')}`)
  }
  const predicate = orExpr()
  if (i !== tokens.length)
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${String(tokens[i])}`)
  return predicate
}

function flatten(node: ClauseNode | undefined, out: Token[]): void {
  if (!node) return
  if (node.left) {
    const condition = node.left as Condition & { openParen?: number; closeParen?: number }
    for (let k = 0; k < (condition.openParen ?? 0); k++) out.push('(')
    out.push({ condition })
    for (let k = 0; k < (condition.closeParen ?? 0); k++) out.push(')')
  }
  if (node.operator === 'AND' || node.operator === 'OR' || node.operator === 'NOT')
    out.push(node.operator)
  flatten(node.right, out)
}

function compileCondition(store: SalesforceStore, table: SObjectTable, c: Condition): Predicate {
  const condition = c as Condition & {
    field?: string
    fn?: unknown
    valueQuery?: unknown
    operator: string
    value?: string | string[]
    literalType?: string | string[]
    dateLiteralVariable?: number | number[]
  }
  if (condition.valueQuery) throw unsupported('semi-join subqueries')
  if (!condition.field) throw unsupported('functions in WHERE')
  const path = resolvePath(store, table, condition.field)
  const op = condition.operator.toUpperCase()
  const today = store.today()
  const raws = Array.isArray(condition.value) ? condition.value : [condition.value ?? '']
  const types = Array.isArray(condition.literalType)
    ? condition.literalType
    : [condition.literalType]
  const variables = [condition.dateLiteralVariable].flat()
  const literals = raws.map((raw, k) =>
    literalValue(path.field, raw, types[k] ?? types[0], today, variables[k] ?? variables[0]),
  )
  if (op === 'IN' || op === 'NOT IN') {
    const read = comparer(path)
    const matches = (rec: SfRecord) => literals.some((v) => equals(read(rec), v))
    return op === 'IN' ? matches : (rec) => !matches(rec)
  }
  if (op === 'LIKE') {
    if (!isText(path.field))
      throw new SoqlError(
        'INVALID_QUERY_FILTER_OPERATOR',
        `invalid operator on ${path.field.type} field`,
        condition.field,
      )
    const pattern = likePattern(raws[0]!)
    return (rec) => {
      const value = readPath(path, rec)
      return typeof value === 'string' && pattern.test(value)
    }
  }
  if (op === 'INCLUDES' || op === 'EXCLUDES') throw unsupported(`${op} (multi-select picklists)`)
  return comparison(path, op, literals[0]!)
}

/** Reads the record's value in comparable form; datetimes against day ranges compare by day. */
function comparer(path: FieldPath): (rec: SfRecord) => Scalar {
  return (rec) => comparable(path.field, readPath(path, rec))
}

function equals(value: Scalar, literal: Scalar | DayRange): boolean {
  if (literal !== null && typeof literal === 'object') return inRange(value, literal) === 0
  return value === literal
}

/** -1 before the range, 0 inside, 1 after; undefined for null. */
function inRange(value: Scalar, range: DayRange): number | undefined {
  if (value === null) return undefined
  const day = typeof value === 'number' ? new Date(value).toISOString().slice(0, 10) : String(value)
  return day < range.from ? -1 : day > range.to ? 1 : 0
}

function comparison(path: FieldPath, op: string, literal: Scalar | DayRange): Predicate {
  const read = comparer(path)
  const order = (rec: SfRecord): number | undefined => {
    const value = read(rec)
    if (literal !== null && typeof literal === 'object') return inRange(value, literal)
    if (value === null || literal === null) return undefined
    return value < literal ? -1 : value > literal ? 1 : 0
  }
  switch (op) {
    case '=':
      return (rec) => equals(read(rec), literal)
    case '!=':
    case '<>':
      return (rec) => !equals(read(rec), literal)
    case '<':
      return (rec) => order(rec) === -1
    case '<=':
      return (rec) => (order(rec) ?? 1) <= 0
    case '>':
      return (rec) => order(rec) === 1
    case '>=':
      return (rec) => (order(rec) ?? -1) >= 0
    default:
      throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${op}`)
  }
}
