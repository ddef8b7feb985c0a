import type { Query } from '@jetstreamapp/soql-parser-js'
import { SoqlError, unsupported } from './soql-error.js'
import { readPath, resolvePath } from './soql-fields.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'

/** REST answers an aggregate query in one response: it has no query locator to page with. */
const MAX_GROUPS = 2000

/**
 * `SELECT F, COUNT(Id) [alias] FROM X [WHERE …] GROUP BY F [LIMIT n]`: one AggregateResult per
 * distinct value of F (null included), COUNT(field) counting the group's rows where the field is
 * not null. An aggregate without an alias is named expr0, expr1 … in SELECT order.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_groupby.htm
 */
export function groupRows(
  store: SalesforceStore,
  table: SObjectTable,
  query: Query,
  records: SfRecord[],
): Record<string, unknown>[] {
  const groupBy = [query.groupBy ?? []].flat()
  if (groupBy.length !== 1 || !('field' in groupBy[0]!) || !groupBy[0].field)
    throw unsupported('GROUP BY other than one field')
  if (query.having) throw unsupported('HAVING')
  if (query.orderBy) throw unsupported('ORDER BY with GROUP BY')
  const grouped = resolvePath(store, table, groupBy[0].field)
  let expr = 0
  const columns = (query.fields ?? []).map((f) => {
    if (f.type === 'Field') {
      const path = resolvePath(store, table, f.field)
      if (path.field.name !== grouped.field.name || path.hops.length !== grouped.hops.length)
        throw new SoqlError(
          'MALFORMED_QUERY',
          `field must be grouped or aggregated: ${path.field.name}`,
          f.field,
        )
      return {
        name: f.alias ?? path.field.name,
        value: (rows: SfRecord[]) => readPath(path, rows[0]!),
      }
    }
    if (
      f.type === 'FieldFunctionExpression' &&
      /^count$/i.test(f.functionName) &&
      f.parameters?.length === 1 &&
      typeof f.parameters[0] === 'string'
    ) {
      const counted = resolvePath(store, table, f.parameters[0])
      const name = f.alias ?? `expr${expr}`
      expr += 1
      return {
        name,
        value: (rows: SfRecord[]) => rows.filter((r) => readPath(counted, r) !== null).length,
      }
    }
    throw unsupported(
      `${f.type === 'FieldFunctionExpression' ? (f.rawValue ?? f.functionName) : f.type} with GROUP BY`,
    )
  })
  const groups = new Map<unknown, SfRecord[]>()
  for (const record of records) {
    const key = readPath(grouped, record)
    const rows = groups.get(key)
    if (rows) rows.push(record)
    else groups.set(key, [record])
  }
  let rows = [...groups.values()].map((members) => ({
    attributes: { type: 'AggregateResult' },
    ...Object.fromEntries(columns.map((c) => [c.name, c.value(members)])),
  }))
  if (query.limit !== undefined) rows = rows.slice(0, query.limit)
  if (rows.length > MAX_GROUPS)
    throw unsupported(
      `more than ${MAX_GROUPS} groups without a LIMIT (aggregate results have no next page)`,
    )
  return rows
}
