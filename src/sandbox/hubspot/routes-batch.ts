import type { SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { jsonBody, objectRoute } from './api.js'
import { errorBody, standardError, validationError, type HubspotErrorBody } from './errors.js'
import { renderRecord } from './object-json.js'
import type { ObjectType } from './properties.js'
import { propertyErrorBody } from './property-errors.js'
import { iso, type CrmRecord } from './records.js'
import type { HubspotStore } from './store.js'

/** HubSpot's documented maximum of inputs per batch call. */
export const BATCH_MAX = 100

const TYPE_NAME: Record<ObjectType, string> = { companies: 'COMPANY', deals: 'DEAL' }

interface Input {
  id?: unknown
  idProperty?: unknown
  properties?: unknown
}

/**
 * Batch read, create, update, upsert and archive of one object type (≤ 100 inputs). A partial
 * failure answers 207 with the records that went through in `results` and one StandardError
 * per failed input in `errors` (`context.ids` names it), counted in `numErrors`.
 * https://developers.hubspot.com/docs/reference/api/crm/objects/companies#batch
 */
export function batchRoutes(router: Router, store: HubspotStore, access: PortalAccess): void {
  const batch = (
    what: 'read' | 'write',
    run: (
      type: ObjectType,
      inputs: Input[],
      body: Record<string, unknown>,
      archived: boolean,
    ) => SandboxResponse,
  ) =>
    objectRoute(access, what, (req, type) => {
      const parsed = jsonBody(req)
      if (!parsed.ok) return parsed.response
      const inputs = parsed.body.inputs
      if (!Array.isArray(inputs)) return validationError('inputs: must be an array')
      if (inputs.length > BATCH_MAX)
        return validationError(
          `inputs: at most ${BATCH_MAX} inputs per batch, got ${inputs.length}`,
        )
      const ids = inputs.map((i: Input) => i?.id).filter((id) => id !== undefined)
      const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i)
      if (duplicates.length > 0 && req.path.endsWith('/update'))
        return validationError(`Duplicate IDs found in batch input: [${duplicates.join(', ')}]`)
      return run(type, inputs as Input[], parsed.body, req.query.get('archived') === 'true')
    })
  const path = '/crm/v3/objects/:objectType/batch'

  router.on(
    'POST',
    `${path}/read`,
    batch('read', (type, inputs, body, archived) => {
      const idProperty = typeof body.idProperty === 'string' ? body.idProperty : 'hs_object_id'
      const asked = Array.isArray(body.properties) ? (body.properties as string[]) : undefined
      const byId = lookup(store, type, idProperty, archived)
      const results: unknown[] = []
      const missing: string[] = []
      for (const input of inputs) {
        const record = byId(String(input.id))
        if (record) results.push(renderRecord(record, type, store.schema, asked))
        else missing.push(String(input.id))
      }
      return answer(200, results, missing.length > 0 ? [notFound(type, missing)] : [])
    }),
  )

  router.on(
    'POST',
    `${path}/update`,
    batch('write', (type, inputs) => {
      const results: unknown[] = []
      const errors: HubspotErrorBody[] = []
      const missing: string[] = []
      for (const input of inputs) {
        const id = String(input.id)
        const outcome = store.update(type, id, input.properties)
        if (!outcome) missing.push(id)
        else if (!outcome.ok) errors.push(propertyErrorBody(outcome.problems, id))
        else
          results.push(renderRecord(outcome.record, type, store.schema, keysOf(input.properties)))
      }
      if (missing.length > 0) errors.push(notFound(type, missing))
      return answer(200, results, errors)
    }),
  )

  router.on(
    'POST',
    `${path}/create`,
    batch('write', (type, inputs) => {
      const results: unknown[] = []
      const errors: HubspotErrorBody[] = []
      inputs.forEach((input, index) => {
        const outcome = store.create(type, input.properties)
        if (outcome.ok)
          results.push(renderRecord(outcome.record, type, store.schema, keysOf(input.properties)))
        else errors.push(propertyErrorBody(outcome.problems, String(index)))
      })
      return answer(201, results, errors)
    }),
  )

  router.on(
    'POST',
    `${path}/upsert`,
    batch('write', (type, inputs) => {
      const results: unknown[] = []
      const errors: HubspotErrorBody[] = []
      for (const input of inputs) {
        const idProperty = String(input.idProperty ?? '')
        const property = store.schema.get(type, idProperty)
        if (!property?.hasUniqueValue || idProperty === 'hs_object_id') {
          errors.push(
            errorBody(
              'VALIDATION_ERROR',
              `idProperty ${idProperty || '(none)'} is not a unique-value property`,
              {
                context: { ids: [String(input.id)] },
              },
            ),
          )
          continue
        }
        const existing = lookup(store, type, idProperty, false)(String(input.id))
        const properties = { ...(input.properties as object), [idProperty]: input.id }
        const outcome = existing
          ? store.update(type, existing.id, properties)!
          : store.create(type, properties)
        if (!outcome.ok) errors.push(propertyErrorBody(outcome.problems, String(input.id)))
        else
          results.push({
            ...renderRecord(outcome.record, type, store.schema, keysOf(properties)),
            new: !existing,
          })
      }
      return answer(200, results, errors)
    }),
  )

  router.on(
    'POST',
    `${path}/archive`,
    batch('write', (type, inputs) => {
      // Ids that are gone already are ignored, as HubSpot does.
      for (const input of inputs) store.archive(type, String(input.id))
      return { status: 204 }
    }),
  )
}

function keysOf(properties: unknown): string[] {
  return properties && typeof properties === 'object' ? Object.keys(properties) : []
}

/** Finds records by `hs_object_id` or another unique-value property. */
function lookup(store: HubspotStore, type: ObjectType, idProperty: string, archived: boolean) {
  const table = store.tables[type]
  if (idProperty === 'hs_object_id')
    return (id: string) => {
      const record = table.get(id)
      return record && record.archived === archived ? record : undefined
    }
  const byValue = new Map<string, CrmRecord>()
  for (const record of table.list(archived)) {
    const value = record.properties[idProperty]
    if (value != null) byValue.set(value, record)
  }
  return (id: string) => byValue.get(id)
}

function notFound(type: ObjectType, ids: string[]): HubspotErrorBody {
  return errorBody(
    'OBJECT_NOT_FOUND',
    `Could not get some ${TYPE_NAME[type]} objects, they may be deleted or not exist. Check that ids are valid.`,
    { context: { ids } },
  )
}

function answer(okStatus: number, results: unknown[], errors: HubspotErrorBody[]): SandboxResponse {
  const now = iso(Date.now())
  const base = { status: 'COMPLETE', results, startedAt: now, completedAt: now }
  if (errors.length === 0) return { status: okStatus, body: base }
  // StandardError carries no correlationId of its own: it belongs to the batch answer.
  const standard = errors.map(standardError)
  return { status: 207, body: { ...base, numErrors: errors.length, errors: standard } }
}
