import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { notFound, sfError } from './errors.js'
import { toId18 } from './ids.js'
import { readWriteRecords } from './record-writes.js'
import { recordBody } from './routes-records.js'
import { saveAll, type SaveResult } from './save-results.js'
import type { SalesforceStore } from './store.js'

const WRITE_LIMIT = 200
const RETRIEVE_LIMIT = 2000

/**
 * sObject Collections: create, update, delete (up to 200 records, per-record results in request
 * order, HTTP 200 whenever the request itself is well formed) and retrieve.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export function collectionRoutes(router: Router, store: SalesforceStore): void {
  const save =
    (mode: 'create' | 'update') =>
    (req: SandboxRequest): SandboxResponse => {
      const body = req.body as { allOrNone?: unknown; records?: unknown } | undefined
      if (req.bodyError) return sfError(400, 'JSON_PARSER_ERROR', req.bodyError)
      if (!body || !Array.isArray(body.records))
        return sfError(400, 'JSON_PARSER_ERROR', 'records: required field is missing')
      if (body.records.length > WRITE_LIMIT) return tooMany(WRITE_LIMIT)
      const inputs = body.records.map((fields: unknown) => ({
        type: (fields as { attributes?: { type?: string } } | null)?.attributes?.type,
        fields,
      }))
      const read = readWriteRecords(store, inputs, req.rawBody)
      if (!read.ok) return read.response
      return { status: 200, body: saveAll(store, read.records, mode, body.allOrNone === true) }
    }
  router.on('POST', '/services/data/:version/composite/sobjects', save('create'))
  router.on('PATCH', '/services/data/:version/composite/sobjects', save('update'))

  router.on('DELETE', '/services/data/:version/composite/sobjects', (req) => {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean)
    if (ids.length > WRITE_LIMIT) return tooMany(WRITE_LIMIT)
    const found = ids.map((raw) => {
      const id = toId18(raw)
      const table = [...store.objects.values()].find((t) => id?.startsWith(t.keyPrefix))
      const record = id ? table?.records.get(id) : undefined
      return { raw, table, record }
    })
    const failure = ({ record }: (typeof found)[number]): SaveResult | undefined => {
      if (!record)
        return result(false, undefined, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')
      if (record.IsDeleted === true)
        return result(false, record.Id, 'ENTITY_IS_DELETED', 'entity is deleted')
      return undefined
    }
    const failures = found.map(failure)
    if (req.query.get('allOrNone') === 'true' && failures.some(Boolean))
      return {
        status: 200,
        body: found.map(
          (f, i) =>
            failures[i] ??
            result(
              false,
              f.record!.Id,
              'ALL_OR_NONE_OPERATION_ROLLED_BACK',
              'Record rolled back because not all records were valid and the request was using AllOrNone header',
            ),
        ),
      }
    return {
      status: 200,
      body: found.map((f) => {
        const failed = failure(f)
        if (failed) return failed
        store.softDelete(f.table!, f.record!)
        return { id: f.record!.Id, success: true, errors: [] }
      }),
    }
  })

  const retrieve = (req: SandboxRequest, ids: string[], names: string[]): SandboxResponse => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    if (ids.length > RETRIEVE_LIMIT) return tooMany(RETRIEVE_LIMIT)
    const fields = names.map((name) => table.byName.get(name.toLowerCase()))
    const unknown = names.find((_, i) => !fields[i])
    if (unknown !== undefined || fields.length === 0)
      return sfError(
        400,
        'INVALID_FIELD',
        `No such column '${unknown ?? ''}' on sobject of type ${table.name}`,
      )
    return {
      status: 200,
      body: ids.map((raw) => {
        const record = table.records.get(toId18(raw) ?? '')
        if (!record || record.IsDeleted === true) return null
        return recordBody(
          table,
          record,
          fields as NonNullable<(typeof fields)[number]>[],
          req.params.version!,
        )
      }),
    }
  }
  const list = (text: string | null) =>
    (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  router.on('GET', '/services/data/:version/composite/sobjects/:type', (req) =>
    retrieve(req, list(req.query.get('ids')), list(req.query.get('fields'))),
  )
  router.on('POST', '/services/data/:version/composite/sobjects/:type', (req) => {
    const body = (req.body ?? {}) as { ids?: unknown; fields?: unknown }
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : [])
    return retrieve(req, strings(body.ids), strings(body.fields))
  })
}

function tooMany(limit: number): SandboxResponse {
  return sfError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${limit} records into this call`,
  )
}

function result(
  success: boolean,
  id: string | undefined,
  statusCode: string,
  message: string,
): SaveResult {
  return { ...(id ? { id } : {}), success, errors: [{ statusCode, message, fields: [] }] }
}
