import type { SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { notFound, sfError, type SaveError } from './errors.js'
import { toId18 } from './ids.js'
import { readWriteRecords } from './record-writes.js'
import { saveAll } from './save-results.js'
import type { SalesforceStore, SfRecord, SObjectTable } from './store.js'

/**
 * Single-record REST: retrieve (optionally `?fields=`), create, update (204) and delete (204).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_retrieve.htm
 */
export function recordRoutes(router: Router, store: SalesforceStore): void {
  router.on('GET', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const found = liveRecord(table, req.params.id!)
    if ('response' in found) return found.response
    const names = req.query
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean)
    const fields =
      names?.map((name) => table.byName.get(name.toLowerCase()) ?? name) ?? table.fields
    const unknown = fields.find((f) => typeof f === 'string')
    if (typeof unknown === 'string')
      return sfError(
        400,
        'INVALID_FIELD',
        `No such column '${unknown}' on sobject of type ${table.name}`,
      )
    return {
      status: 200,
      body: recordBody(table, found.record, fields as SObjectTable['fields'], req.params.version!),
    }
  })

  router.on('POST', '/services/data/:version/sobjects/:type', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const read = readWriteRecords(store, [{ type: table.name, fields: req.body }], req.rawBody)
    if (!read.ok) return read.response
    const [result] = saveAll(store, read.records, 'create', true)
    return result!.success ? { status: 201, body: result } : saveError(400, result!.errors[0]!)
  })

  router.on('PATCH', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const found = liveRecord(table, req.params.id!)
    if ('response' in found) return found.response
    const read = readWriteRecords(store, [{ type: table.name, fields: req.body }], req.rawBody)
    if (!read.ok) return read.response
    read.records[0]!.id = found.record.Id
    const [result] = saveAll(store, read.records, 'update', true)
    return result!.success ? { status: 204 } : saveError(400, result!.errors[0]!)
  })

  router.on('DELETE', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const found = liveRecord(table, req.params.id!)
    if ('response' in found) return found.response
    store.softDelete(table, found.record)
    return { status: 204 }
  })
}

/** The record an id in a URL names: 404 NOT_FOUND, or ENTITY_IS_DELETED once deleted. */
function liveRecord(
  table: SObjectTable,
  rawId: string,
): { record: SfRecord } | { response: SandboxResponse } {
  const id = toId18(rawId)
  const record = id ? table.records.get(id) : undefined
  if (!record) return { response: notFound() }
  if (record.IsDeleted === true)
    return { response: sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted') }
  return { record }
}

export function recordBody(
  table: SObjectTable,
  record: SfRecord,
  fields: SObjectTable['fields'],
  version: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    attributes: {
      type: table.name,
      url: `/services/data/${version}/sobjects/${table.name}/${record.Id}`,
    },
  }
  for (const field of fields) body[field.name] = record[field.name] ?? null
  return body
}

function saveError(status: number, error: SaveError): SandboxResponse {
  return sfError(status, error.statusCode, error.message, error.fields)
}
