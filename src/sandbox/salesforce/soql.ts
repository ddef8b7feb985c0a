import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js'
import { SoqlError, unsupported } from './soql-error.js'
import { projectRow, readPath, resolvePath, type FieldPath } from './soql-fields.js'
import { groupRows } from './soql-group-by.js'
import { compileWhere } from './soql-where.js'
import type { SalesforceStore, SfRecord } from './store.js'
import { comparable } from './values.js'

export { SoqlError }

export interface SoqlResult {
  object: string
  /** `SELECT COUNT()`: only the total counts, no rows. */
  countOnly: boolean
  /** GROUP BY: AggregateResult rows, answered in one response. */
  aggregate: boolean
  totalSize: number
  rows: Record<string, unknown>[]
}

const MAX_OFFSET = 2000

/**
 * Runs the SOQL subset integrations use: one object; fields of it and of its parents through
 * lookups (`Owner.Name`); `COUNT()`; WHERE with AND/OR/NOT, parentheses, comparisons, IN, LIKE,
 * null, typed literals and common date literals; ORDER BY with NULLS FIRST/LAST; LIMIT; OFFSET;
 * GROUP BY one field with COUNT(field).
 * Rows come back in REST shape with `attributes` for API `version`. Anything else is refused
 * with MALFORMED_QUERY rather than answered wrongly.
 */
export function runSoql(
  store: SalesforceStore,
  soql: string,
  options: { includeDeleted: boolean; version: string },
): SoqlResult {
  try {
    return run(store, soql, options)
  } catch (error) {
    if (error instanceof SoqlError) throw new SoqlError(error.errorCode, error.render(soql))
    throw error
  }
}

function run(
  store: SalesforceStore,
  soql: string,
  options: { includeDeleted: boolean; version: string },
): SoqlResult {
  let query: Query
  try {
    query = parseQuery(soql)
  } catch (error) {
    throw new SoqlError(
      'MALFORMED_QUERY',
      `unexpected token: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (query.having && !query.groupBy) throw unsupported('HAVING without GROUP BY')
  const object = query.sObject ?? ''
  const table = store.table(object)
  if (!table)
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      object,
    )
  const fields = query.fields ?? []
  if (query.groupBy) {
    const predicate = query.where ? compileWhere(store, table, query.where) : () => true
    const matching = [...table.records.values()].filter(
      (r) => (options.includeDeleted || r.IsDeleted !== true) && predicate(r),
    )
    const rows = groupRows(store, table, query, matching)
    return { object: table.name, countOnly: false, aggregate: true, totalSize: rows.length, rows }
  }
  const countOnly = fields.some(
    (f) =>
      f.type === 'FieldFunctionExpression' &&
      /^count$/i.test(f.functionName) &&
      f.parameters?.length === 0,
  )
  if (countOnly && fields.length > 1)
    throw new SoqlError('MALFORMED_QUERY', 'COUNT() must be the only element in the SELECT list')
  const selected = countOnly ? [] : selectedPaths(store, table, fields)

  const predicate = query.where ? compileWhere(store, table, query.where) : () => true
  let records = [...table.records.values()].filter(
    (r) => (options.includeDeleted || r.IsDeleted !== true) && predicate(r),
  )
  const orderBy = [query.orderBy ?? []].flat()
  if (orderBy.length > 0)
    records = sortRecords(
      records,
      orderBy.map((o) => {
        if (!('field' in o) || !o.field) throw unsupported('ORDER BY on functions')
        const desc = o.order === 'DESC'
        return {
          path: resolvePath(store, table, o.field),
          desc,
          nullsFirst: o.nulls ? o.nulls === 'FIRST' : !desc,
        }
      }),
    )
  if (query.offset !== undefined) {
    if (query.offset > MAX_OFFSET)
      throw new SoqlError(
        'NUMBER_OUTSIDE_VALID_RANGE',
        `Maximum SOQL offset allowed for apiName ${table.name} is ${MAX_OFFSET}`,
      )
    records = records.slice(query.offset)
  }
  if (query.limit !== undefined) records = records.slice(0, query.limit)
  return {
    object: table.name,
    countOnly,
    aggregate: false,
    totalSize: records.length,
    rows: countOnly ? [] : records.map((r) => projectRow(selected, table, r, options.version)),
  }
}

function selectedPaths(
  store: SalesforceStore,
  table: Parameters<typeof resolvePath>[1],
  fields: NonNullable<Query['fields']>,
): FieldPath[] {
  const seen = new Set<string>()
  return fields.map((f) => {
    let path: FieldPath
    if (f.type === 'Field') path = resolvePath(store, table, f.field)
    else if (f.type === 'FieldRelationship')
      path = resolvePath(store, table, [...f.relationships, f.field].join('.'))
    else if (f.type === 'FieldSubquery') throw unsupported('subqueries')
    else if (f.type === 'FieldFunctionExpression')
      throw unsupported(`${f.rawValue ?? f.functionName} (aggregates and functions)`)
    else throw unsupported(`${f.type} in SELECT`)
    const key = [...path.hops.map((h) => h.reference.relationshipName), path.field.name]
      .join('.')
      .toLowerCase()
    if (seen.has(key))
      throw new SoqlError(
        'MALFORMED_QUERY',
        `duplicate field selected: ${path.field.name}`,
        path.text,
      )
    seen.add(key)
    return path
  })
}

interface SortKey {
  path: FieldPath
  desc: boolean
  nullsFirst: boolean
}

function sortRecords(records: SfRecord[], keys: SortKey[]): SfRecord[] {
  const values = new Map(
    records.map((r) => [r, keys.map((k) => comparable(k.path.field, readPath(k.path, r)))]),
  )
  return records.sort((a, b) => {
    const va = values.get(a)!
    const vb = values.get(b)!
    for (const [i, key] of keys.entries()) {
      const x = va[i]!
      const y = vb[i]!
      if (x === y) continue
      if (x === null) return key.nullsFirst ? -1 : 1
      if (y === null) return key.nullsFirst ? 1 : -1
      const order = x < y ? -1 : 1
      return key.desc ? -order : order
    }
    return 0
  })
}
