import {
  parseQuery,
  type Query,
  type WhereClause,
  type Condition,
} from '@jetstreamapp/soql-parser-js'
import type { FieldDescribe } from './catalog.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'
import { comparable } from './values.js'

export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string,
  ) {
    super(message)
  }
}

export interface SoqlResult {
  object: string
  countOnly: boolean
  rows: Record<string, unknown>[]
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition }

/**
 * Runs the SOQL subset cs360 and typical integrations use: one object, plain and one-level
 * relationship fields (Owner.Name), COUNT(), WHERE with AND/OR/NOT and parentheses, ORDER BY,
 * LIMIT, OFFSET. The parser (soql-parser-js) keeps parentheses as counts on each condition; the
 * tree is rebuilt here with SOQL precedence NOT > AND > OR.
 */
export function runSoql(
  store: SalesforceStore,
  soql: string,
  includeDeleted: boolean,
  today: () => string,
): SoqlResult {
  let query: Query
  try {
    query = parseQuery(soql) as Query
  } catch (error) {
    throw new SoqlError(
      'MALFORMED_QUERY',
      `unexpected token: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const object = query.sObject ?? ''
  const table = store.table(object)
  if (!table)
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
    )
  const countOnly = (query.fields ?? []).some(
    (f) => f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'COUNT',
  )
  const selected = countOnly ? [] : (query.fields ?? []).map((f) => selectedField(store, table, f))
  const predicate = query.where ? compileWhere(store, table, query.where, today) : () => true
  let rows = [...table.records.values()].filter(
    (r) => (includeDeleted || r.IsDeleted !== true) && predicate(r),
  )
  const orderBy = Array.isArray(query.orderBy)
    ? query.orderBy
    : query.orderBy
      ? [query.orderBy]
      : []
  if (orderBy.length > 0) {
    const keys = orderBy.map((o) => {
      if (!('field' in o) || !o.field)
        throw new SoqlError('MALFORMED_QUERY', 'ORDER BY supports plain fields only')
      const field = fieldOf(table, o.field)
      const desc = o.order === 'DESC'
      const nullsFirst = o.nulls ? o.nulls === 'FIRST' : !desc
      return { field, desc, nullsFirst }
    })
    rows.sort((a, b) => {
      for (const key of keys) {
        const x = comparable(key.field, a[key.field.name])
        const y = comparable(key.field, b[key.field.name])
        if (x === y) continue
        if (x === null) return key.nullsFirst ? -1 : 1
        if (y === null) return key.nullsFirst ? 1 : -1
        const order = x < y ? -1 : 1
        return key.desc ? -order : order
      }
      return 0
    })
  }
  if (query.offset) rows = rows.slice(query.offset)
  if (query.limit !== undefined) rows = rows.slice(0, query.limit)
  return {
    object: table.name,
    countOnly,
    rows: countOnly ? rows.map(() => ({})) : rows.map((r) => project(r, selected)),
  }
}

interface Selected {
  path: string[]
  field: FieldDescribe
  target?: SObjectTable
}

function selectedField(
  store: SalesforceStore,
  table: SObjectTable,
  f: NonNullable<Query['fields']>[number],
): Selected {
  if (f.type === 'Field')
    return { path: [fieldOf(table, f.field).name], field: fieldOf(table, f.field) }
  if (f.type === 'FieldRelationship' && f.relationships.length === 1) {
    const relation = relationOf(store, table, f.relationships[0]!)
    return {
      path: [relation.reference.relationshipName!, fieldOf(relation.target, f.field).name],
      field: relation.reference,
      target: relation.target,
    }
  }
  throw new SoqlError(
    'MALFORMED_QUERY',
    `the sandbox does not support ${'rawValue' in f ? f.rawValue : f.type} in SELECT`,
  )
}

function fieldOf(table: SObjectTable, name: string): FieldDescribe {
  const field = table.byName.get(name.toLowerCase())
  if (!field) {
    throw new SoqlError(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    )
  }
  return field
}

function relationOf(
  store: SalesforceStore,
  table: SObjectTable,
  name: string,
): { reference: FieldDescribe; target: SObjectTable } {
  const reference = table.fields.find(
    (f) => f.relationshipName?.toLowerCase() === name.toLowerCase(),
  )
  const target = reference ? store.table(reference.referenceTo[0] ?? '') : undefined
  if (!reference || !target)
    throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${name}' in field path.`)
  return { reference, target }
}

function project(record: SfRecord, selected: Selected[]): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const s of selected) {
    if (s.path.length === 1) {
      row[s.path[0]!] = record[s.path[0]!] ?? null
      continue
    }
    const [relation, fieldName] = s.path as [string, string]
    const parentId = record[s.field.name]
    const parent = typeof parentId === 'string' ? s.target!.records.get(parentId) : undefined
    if (!parent) {
      row[relation] = null
      continue
    }
    const existing = (row[relation] as Record<string, unknown> | undefined) ?? {
      attributes: { type: s.target!.name, url: `/sobjects/${s.target!.name}/${parent.Id}` },
    }
    existing[fieldName] = parent[fieldName] ?? null
    row[relation] = existing
  }
  return row
}

function compileWhere(
  store: SalesforceStore,
  table: SObjectTable,
  where: WhereClause,
  today: () => string,
): (r: SfRecord) => boolean {
  const tokens: Token[] = []
  flatten(where as unknown as ClauseNode, tokens)
  let i = 0
  const peek = () => tokens[i]
  const expr = (): ((r: SfRecord) => boolean) => {
    let left = andExpr()
    while (peek() === 'OR') {
      i++
      const l = left
      const right = andExpr()
      left = (r) => l(r) || right(r)
    }
    return left
  }
  const andExpr = (): ((r: SfRecord) => boolean) => {
    let left = notExpr()
    while (peek() === 'AND') {
      i++
      const l = left
      const right = notExpr()
      left = (r) => l(r) && right(r)
    }
    return left
  }
  const notExpr = (): ((r: SfRecord) => boolean) => {
    if (peek() === 'NOT') {
      i++
      const inner = notExpr()
      return (r) => !inner(r)
    }
    const token = tokens[i++]
    if (token === '(') {
      const inner = expr()
      if (tokens[i++] !== ')')
        throw new SoqlError('MALFORMED_QUERY', 'unbalanced parentheses in WHERE')
      return inner
    }
    if (token && typeof token === 'object')
      return compileCondition(store, table, token.condition, today)
    throw new SoqlError('MALFORMED_QUERY', 'unexpected token in WHERE')
  }
  const result = expr()
  if (i !== tokens.length) throw new SoqlError('MALFORMED_QUERY', 'unexpected token in WHERE')
  return result
}

/** The parser's right-linear clause chain, loosely typed: its union types hide `operator`. */
interface ClauseNode {
  left?: Condition | null
  operator?: string
  right?: ClauseNode
}

function flatten(node: ClauseNode | undefined, out: Token[]): void {
  if (!node) return
  if (!node.left && node.operator === 'NOT') {
    out.push('NOT')
    flatten(node.right, out)
    return
  }
  if (node.left) {
    const condition = node.left as Condition & { openParen?: number; closeParen?: number }
    for (let k = 0; k < (condition.openParen ?? 0); k++) out.push('(')
    out.push({ condition })
    for (let k = 0; k < (condition.closeParen ?? 0); k++) out.push(')')
  }
  if (node.operator === 'AND' || node.operator === 'OR') {
    out.push(node.operator)
    flatten(node.right, out)
  } else if (node.operator === 'NOT' && node.right) {
    out.push('NOT')
    flatten(node.right, out)
  }
}

function compileCondition(
  store: SalesforceStore,
  table: SObjectTable,
  condition: Condition,
  today: () => string,
): (r: SfRecord) => boolean {
  if (!('field' in condition) || !condition.field)
    throw new SoqlError('MALFORMED_QUERY', 'the sandbox supports field comparisons only')
  const c = condition as Condition & {
    field: string
    operator: string
    value: string | string[]
    literalType?: string | string[]
    dateLiteralVariable?: number
  }
  let field: FieldDescribe
  let read: (r: SfRecord) => unknown
  if (c.field.includes('.')) {
    const [relation, name] = c.field.split('.') as [string, string]
    const { reference, target } = relationOf(store, table, relation)
    field = fieldOf(target, name)
    read = (r) => {
      const parent = target.records.get(String(r[reference.name]))
      return parent ? parent[field.name] : null
    }
  } else {
    field = fieldOf(table, c.field)
    read = (r) => r[field.name]
  }
  const literalType = Array.isArray(c.literalType) ? c.literalType[0] : c.literalType
  const op = c.operator.toUpperCase()
  if (op === 'IN' || op === 'NOT IN') {
    const values = (Array.isArray(c.value) ? c.value : [c.value]).map((v) =>
      literal(field, v, literalType),
    )
    return (r) => {
      const x = comparable(field, read(r))
      const found = values.some((v) => v === x)
      return op === 'IN' ? found : !found
    }
  }
  const raw = Array.isArray(c.value) ? c.value[0]! : c.value
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    const [start, end] = dateRange(raw, c.dateLiteralVariable ?? 0, today())
    return (r) => {
      const x = read(r)
      if (x === null || x === undefined) return op === '!='
      const day =
        field.type === 'datetime'
          ? new Date(Date.parse(String(x))).toISOString().slice(0, 10)
          : String(x)
      switch (op) {
        case '=':
          return day >= start && day <= end
        case '!=':
          return day < start || day > end
        case '>':
          return day > end
        case '>=':
          return day >= start
        case '<':
          return day < start
        case '<=':
          return day <= end
        default:
          throw new SoqlError('MALFORMED_QUERY', `operator ${op} with a date literal`)
      }
    }
  }
  const value = literal(field, raw, literalType)
  if (op === 'LIKE') {
    const pattern = new RegExp(
      `^${String(value)
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.')}$`,
      'is',
    )
    return (r) => {
      const x = read(r)
      return typeof x === 'string' && pattern.test(x)
    }
  }
  return (r) => {
    const x = comparable(field, read(r))
    switch (op) {
      case '=':
        return x === value
      case '!=':
        return x !== value
      case '<':
        return x !== null && value !== null && x < value
      case '<=':
        return x !== null && value !== null && x <= value
      case '>':
        return x !== null && value !== null && x > value
      case '>=':
        return x !== null && value !== null && x >= value
      default:
        throw new SoqlError('MALFORMED_QUERY', `unsupported operator ${op}`)
    }
  }
}

function literal(
  field: FieldDescribe,
  raw: string,
  literalType: string | undefined,
): string | number | boolean | null {
  switch (literalType) {
    case 'NULL':
      return null
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE'
    case 'INTEGER':
    case 'DECIMAL':
      return Number(raw)
    case 'DATETIME': {
      const ms = Date.parse(raw)
      if (Number.isNaN(ms))
        throw new SoqlError('MALFORMED_QUERY', `invalid datetime literal ${raw}`)
      return field.type === 'date' ? new Date(ms).toISOString().slice(0, 10) : ms
    }
    case 'DATE':
      return field.type === 'datetime' ? Date.parse(`${raw}T00:00:00Z`) : raw
    default: {
      const text = raw.replace(/^'(.*)'$/s, '$1').replace(/\\'/g, "'")
      return comparable(field, text) as string
    }
  }
}

function dateRange(literalValue: string, n: number, today: string): [string, string] {
  const shift = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
  const name = literalValue.split(':')[0]!.toUpperCase()
  switch (name) {
    case 'TODAY':
      return [today, today]
    case 'YESTERDAY':
      return [shift(-1), shift(-1)]
    case 'TOMORROW':
      return [shift(1), shift(1)]
    case 'LAST_N_DAYS':
      return [shift(-n), today]
    case 'NEXT_N_DAYS':
      return [today, shift(n)]
    default:
      throw new SoqlError(
        'MALFORMED_QUERY',
        `the sandbox does not support the date literal ${literalValue}`,
      )
  }
}
