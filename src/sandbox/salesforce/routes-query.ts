import type { Router } from '../framework/router.js'
import { sfError } from './errors.js'
import { QueryCursors } from './query-cursors.js'
import { runSoql, SoqlError } from './soql.js'
import type { SalesforceStore } from './store.js'

const MAX_PAGE = 2000
const MIN_PAGE = 200

/**
 * SOQL `query` and `queryAll` (deleted rows too), paged at up to 2,000 rows or the
 * `Sforce-Query-Options: batchSize=N` header; later pages come from `GET /query/<locator>-<n>`
 * (also after queryAll, as Salesforce words its nextRecordsUrl).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export function queryRoutes(router: Router, store: SalesforceStore): void {
  const cursors = new QueryCursors(store.now)
  for (const [resource, includeDeleted] of [
    ['query', false],
    ['queryAll', true],
  ] as const) {
    router.on('GET', `/services/data/:version/${resource}`, (req) => {
      const q = req.query.get('q')
      if (!q) return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified')
      const version = req.params.version!
      try {
        const result = runSoql(store, q, { includeDeleted, version })
        if (result.countOnly)
          return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } }
        if (result.aggregate)
          return {
            status: 200,
            body: { totalSize: result.totalSize, done: true, records: result.rows },
          }
        const pageSize = batchSize(req.headers['sforce-query-options'])
        return { status: 200, body: cursors.start(result.rows, pageSize, version) }
      } catch (error) {
        if (error instanceof SoqlError) return sfError(400, error.errorCode, error.message)
        throw error
      }
    })
    router.on('GET', `/services/data/:version/${resource}/:locator`, (req) => {
      const page = cursors.next(req.params.locator!)
      return page
        ? { status: 200, body: page }
        : sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator')
    })
  }
}

function batchSize(header: string | string[] | undefined): number {
  const value = [header ?? ''].flat().join(',')
  const size = Number(/batchSize\s*=\s*(\d+)/i.exec(value)?.[1] ?? MAX_PAGE)
  return Math.min(MAX_PAGE, Math.max(MIN_PAGE, size))
}
