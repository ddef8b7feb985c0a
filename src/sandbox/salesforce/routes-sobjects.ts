import type { Router, SandboxResponse } from '../framework/http.js'
import { KEY_PREFIX } from './catalog.js'
import type { SalesforceStore } from './store.js'

const COLLECTION_LIMIT = 200
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
}

const notFound = (): SandboxResponse => ({
  status: 404,
  body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
})

/**
 * Describe, single-record CRUD and sObject Collections (create, update, retrieve).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
 */
export function sobjectRoutes(router: Router, store: SalesforceStore): void {
  router.on('GET', '/services/data/:version/sobjects', (req) => ({
    status: 200,
    body: {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...store.objects.values()].map((t) => ({
        name: t.name,
        label: t.name,
        keyPrefix: KEY_PREFIX[t.name] ?? null,
        queryable: true,
        updateable: true,
        createable: true,
        custom: false,
        urls: {
          sobject: `/services/data/${req.params.version}/sobjects/${t.name}`,
          describe: `/services/data/${req.params.version}/sobjects/${t.name}/describe`,
        },
      })),
    },
  }))

  router.on('GET', '/services/data/:version/sobjects/:type/describe', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const base = `/services/data/${req.params.version}/sobjects/${table.name}`
    return {
      status: 200,
      body: {
        name: table.name,
        label: table.name,
        keyPrefix: KEY_PREFIX[table.name] ?? null,
        custom: false,
        queryable: true,
        updateable: true,
        createable: true,
        deletable: true,
        fields: table.fields,
        childRelationships: [],
        recordTypeInfos: [],
        urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
      },
    }
  })

  router.on('GET', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = store.table(req.params.type!)
    const record = table?.records.get(req.params.id!)
    if (!table || !record || record.IsDeleted === true) return notFound()
    const fields = req.query
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
    const body: Record<string, unknown> = {
      attributes: {
        type: table.name,
        url: `/services/data/${req.params.version}/sobjects/${table.name}/${record.Id}`,
      },
    }
    for (const field of table.fields)
      if (!fields || fields.includes(field.name)) body[field.name] = record[field.name] ?? null
    return { status: 200, body }
  })

  router.on('PATCH', '/services/data/:version/sobjects/:type/:id', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const result = store.update(
      table.name,
      req.params.id!,
      (req.body ?? {}) as Record<string, unknown>,
    )
    if (result.ok) return { status: 204 }
    const status =
      result.code === 'INVALID_CROSS_REFERENCE_KEY' || result.code === 'ENTITY_IS_DELETED'
        ? 404
        : 400
    return {
      status,
      body: [
        {
          errorCode: result.code === 'INVALID_CROSS_REFERENCE_KEY' ? 'NOT_FOUND' : result.code,
          message: result.message,
          fields: result.fields,
        },
      ],
    }
  })

  router.on('PATCH', '/services/data/:version/composite/sobjects', (req) => {
    const body = req.body as
      { allOrNone?: boolean; records?: Record<string, unknown>[] } | undefined
    const invalid = validateCollection(body)
    if (invalid) return invalid
    const records = body!.records!
    const allOrNone = body!.allOrNone === true
    // Validate every record against a copy first, so allOrNone can roll back by not applying.
    const outcomes = records.map((record) => {
      const type = (record.attributes as { type?: string } | undefined)?.type
      const table = type ? store.table(type) : undefined
      const id = recordId(record)
      if (!table)
        return {
          id,
          ok: false as const,
          error: {
            statusCode: 'INVALID_TYPE',
            message: `sObject type '${type ?? ''}' is not supported`,
            fields: [],
          },
        }
      const check = dryRun(store, table.name, id, record)
      return check.ok
        ? { id, ok: true as const, table: table.name }
        : {
            id,
            ok: false as const,
            error: { statusCode: check.code, message: check.message, fields: check.fields },
          }
    })
    const anyFailed = outcomes.some((o) => !o.ok)
    if (allOrNone && anyFailed) {
      return {
        status: 200,
        body: outcomes.map((o) =>
          o.ok
            ? { id: o.id, success: false, errors: [ROLLED_BACK] }
            : { ...(o.id ? { id: o.id } : {}), success: false, errors: [o.error] },
        ),
      }
    }
    return {
      status: 200,
      body: outcomes.map((o, index) => {
        if (!o.ok) return { ...(o.id ? { id: o.id } : {}), success: false, errors: [o.error] }
        store.update(o.table, o.id, records[index]!)
        return { id: o.id, success: true, errors: [] }
      }),
    }
  })

  router.on('POST', '/services/data/:version/composite/sobjects', (req) => {
    const body = req.body as
      { allOrNone?: boolean; records?: Record<string, unknown>[] } | undefined
    const invalid = validateCollection(body)
    if (invalid) return invalid
    return {
      status: 200,
      body: body!.records!.map((record) => {
        const type = (record.attributes as { type?: string } | undefined)?.type ?? ''
        try {
          const created = store.insert(type, record)
          return { id: created.Id, success: true, errors: [] }
        } catch (error) {
          return {
            success: false,
            errors: [
              {
                statusCode: 'INVALID_FIELD',
                message: String(error instanceof Error ? error.message : error),
                fields: [],
              },
            ],
          }
        }
      }),
    }
  })

  router.on('GET', '/services/data/:version/composite/sobjects/:type', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean)
    const fields = (req.query.get('fields') ?? 'Id').split(',').map((f) => f.trim())
    if (ids.length > COLLECTION_LIMIT)
      return {
        status: 400,
        body: [
          {
            errorCode: 'EXCEEDED_ID_LIMIT',
            message: `Number of ids exceeds the limit of ${COLLECTION_LIMIT}`,
          },
        ],
      }
    return {
      status: 200,
      body: ids.map((id) => {
        const record = table.records.get(id)
        if (!record || record.IsDeleted === true) return null
        return Object.fromEntries([
          [
            'attributes',
            {
              type: table.name,
              url: `/services/data/${req.params.version}/sobjects/${table.name}/${id}`,
            },
          ],
          ...fields.map((f) => [
            table.byName.get(f.toLowerCase())?.name ?? f,
            record[table.byName.get(f.toLowerCase())?.name ?? f] ?? null,
          ]),
        ])
      }),
    }
  })
}

/** Field names are case-insensitive in Salesforce; jsforce sends `id`, others `Id`. */
function recordId(record: Record<string, unknown>): string {
  const key = Object.keys(record).find((k) => k.toLowerCase() === 'id')
  return key ? String(record[key]) : ''
}

function validateCollection(body: { records?: unknown } | undefined): SandboxResponse | undefined {
  if (!body || !Array.isArray(body.records)) {
    return {
      status: 400,
      body: [{ errorCode: 'JSON_PARSER_ERROR', message: 'records is required' }],
    }
  }
  if (body.records.length > COLLECTION_LIMIT) {
    return {
      status: 400,
      body: [
        {
          errorCode: 'EXCEEDED_ID_LIMIT',
          message: `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
        },
      ],
    }
  }
  return undefined
}

function dryRun(
  store: SalesforceStore,
  object: string,
  id: string,
  values: Record<string, unknown>,
) {
  const table = store.table(object)!
  const record = table.records.get(id)
  // Validate against a detached copy so nothing changes until every record has passed.
  const snapshot = record ? { ...record } : undefined
  const result = store.update(object, id, values)
  if (record && snapshot) {
    for (const key of Object.keys(record)) delete record[key]
    Object.assign(record, snapshot)
  }
  return result
}
