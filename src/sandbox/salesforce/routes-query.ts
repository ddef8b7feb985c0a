import { randomBytes } from 'node:crypto'
import type { Router } from '../framework/http.js'
import { runSoql, SoqlError } from './soql.js'
import type { SalesforceStore } from './store.js'

const MAX_PAGE = 2000
const MIN_PAGE = 200

interface Cursor {
  object: string
  rows: Record<string, unknown>[]
  pageSize: number
  version: string
}

/**
 * SOQL `query` and `queryAll` with server-side cursors: the result set is snapshotted at query
 * time and served in pages of up to 2,000 (Sforce-Query-Options batchSize) through
 * `nextRecordsUrl = /services/data/vXX.X/query/<locator>-<offset>`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export function queryRoutes(router: Router, store: SalesforceStore, today: () => string): void {
  const cursors = new Map<string, Cursor>()

  const page = (locator: string, cursor: Cursor, offset: number) => {
    const records = cursor.rows.slice(offset, offset + cursor.pageSize).map((row) => ({
      attributes: {
        type: cursor.object,
        url: `/services/data/${cursor.version}/sobjects/${cursor.object}/${String(row.Id ?? '')}`,
      },
      ...fixRelationshipUrls(row, cursor.version),
    }))
    const next = offset + cursor.pageSize
    const done = next >= cursor.rows.length
    if (done) cursors.delete(locator)
    return {
      status: 200,
      body: {
        totalSize: cursor.rows.length,
        done,
        ...(done
          ? {}
          : { nextRecordsUrl: `/services/data/${cursor.version}/query/${locator}-${next}` }),
        records,
      },
    }
  }

  for (const [resource, includeDeleted] of [
    ['query', false],
    ['queryAll', true],
  ] as const) {
    router.on('GET', `/services/data/:version/${resource}`, (req) => {
      const q = req.query.get('q')
      if (!q)
        return {
          status: 400,
          body: [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }],
        }
      try {
        const result = runSoql(store, q, includeDeleted, today)
        if (result.countOnly)
          return { status: 200, body: { totalSize: result.rows.length, done: true, records: [] } }
        const locator = `01g8Z${randomBytes(7).toString('hex').toUpperCase()}`.slice(0, 18)
        const cursor = {
          object: result.object,
          rows: result.rows,
          pageSize: batchSize(req.headers['sforce-query-options']),
          version: req.params.version!,
        }
        cursors.set(locator, cursor)
        return page(locator, cursor, 0)
      } catch (error) {
        if (error instanceof SoqlError)
          return { status: 400, body: [{ errorCode: error.errorCode, message: error.message }] }
        throw error
      }
    })
    router.on('GET', `/services/data/:version/${resource}/:locator`, (req) => {
      const match = /^(.+)-(\d+)$/.exec(req.params.locator!)
      const cursor = match ? cursors.get(match[1]!) : undefined
      if (!match || !cursor)
        return {
          status: 400,
          body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }],
        }
      return page(match[1]!, cursor, Number(match[2]))
    })
  }
}

function batchSize(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header
  const size = Number(/batchSize=(\d+)/i.exec(value ?? '')?.[1] ?? MAX_PAGE)
  return Math.min(MAX_PAGE, Math.max(MIN_PAGE, size))
}

function fixRelationshipUrls(
  row: Record<string, unknown>,
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (value && typeof value === 'object' && 'attributes' in value) {
      const attributes = (value as { attributes: { type: string; url: string } }).attributes
      out[key] = {
        ...value,
        attributes: { ...attributes, url: `/services/data/${version}${attributes.url}` },
      }
    } else out[key] = value
  }
  return out
}
