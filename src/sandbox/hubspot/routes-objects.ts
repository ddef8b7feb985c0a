import type { SandboxRequest } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { jsonBody, limitParam, objectRoute } from './api.js'
import { objectNotFound, validationError } from './errors.js'
import { renderRecord, requestedProperties } from './object-json.js'
import type { ObjectType } from './properties.js'
import { invalidProperties } from './property-errors.js'
import type { CrmRecord } from './records.js'
import type { HubspotStore } from './store.js'

const LIST_MAX = 100
const LIST_DEFAULT = 10

/**
 * One object type's records: list (paged by `after`, live or archived), read, create, update
 * and archive one.
 * https://developers.hubspot.com/docs/reference/api/crm/objects/companies
 */
export function objectRoutes(
  router: Router,
  store: HubspotStore,
  access: PortalAccess,
  baseUrl: () => string,
): void {
  const path = '/crm/v3/objects/:objectType'
  const render = (req: SandboxRequest, type: ObjectType, record: CrmRecord) => ({
    ...renderRecord(record, type, store.schema, requestedProperties(req)),
    ...associationsOf(req, type, record, store),
  })

  router.on(
    'GET',
    path,
    objectRoute(access, 'read', (req, type) => {
      const limit = limitParam(req, LIST_DEFAULT, LIST_MAX)
      if (!limit.ok) return limit.response
      const after = Number(req.query.get('after') ?? 0)
      if (!Number.isFinite(after))
        return validationError(`after: ${req.query.get('after')} is not a valid paging token`)
      const archived = req.query.get('archived') === 'true'
      const rest = store.tables[type].list(archived).filter((r) => Number(r.id) >= after)
      const page = rest.slice(0, limit.limit)
      const next = rest[limit.limit]
      return {
        status: 200,
        body: {
          results: page.map((r) => render(req, type, r)),
          ...(next
            ? {
                paging: {
                  next: {
                    after: next.id,
                    link: `${baseUrl()}/crm/v3/objects/${req.params.objectType}?after=${next.id}`,
                  },
                },
              }
            : {}),
        },
      }
    }),
  )

  router.on(
    'GET',
    `${path}/:id`,
    objectRoute(access, 'read', (req, type) => {
      const archived = req.query.get('archived') === 'true'
      const record = store.tables[type].get(req.params.id!)
      if (!record || record.archived !== archived) return objectNotFound()
      return { status: 200, body: render(req, type, record) }
    }),
  )

  router.on(
    'POST',
    path,
    objectRoute(access, 'write', (req, type) => {
      const input = jsonBody(req)
      if (!input.ok) return input.response
      const outcome = store.create(type, input.body.properties)
      if (!outcome.ok) return invalidProperties(outcome.problems)
      return { status: 201, body: renderRecord(outcome.record, type, store.schema, undefined) }
    }),
  )

  router.on(
    'PATCH',
    `${path}/:id`,
    objectRoute(access, 'write', (req, type) => {
      const input = jsonBody(req)
      if (!input.ok) return input.response
      const outcome = store.update(type, req.params.id!, input.body.properties)
      if (!outcome) return objectNotFound()
      if (!outcome.ok) return invalidProperties(outcome.problems)
      const changed = Object.keys((input.body.properties ?? {}) as object)
      return { status: 200, body: renderRecord(outcome.record, type, store.schema, changed) }
    }),
  )

  router.on(
    'DELETE',
    `${path}/:id`,
    objectRoute(access, 'write', (req, type) => {
      store.archive(type, req.params.id!)
      return { status: 204 }
    }),
  )
}

/** `associations=companies` on a deal: its company links in the v3 list shape. */
function associationsOf(
  req: SandboxRequest,
  type: ObjectType,
  record: CrmRecord,
  store: HubspotStore,
): Record<string, unknown> {
  const asked = req.query.getAll('associations').flatMap((v) => v.split(','))
  if (type !== 'deals' || !asked.some((a) => ['companies', 'company', '0-2'].includes(a))) return {}
  const links = store.dealCompanies.get(record.id) ?? []
  if (links.length === 0) return {}
  return {
    associations: {
      companies: {
        results: links.map((l) => ({
          id: l.companyId,
          type: l.primary ? 'deal_to_company' : 'deal_to_company_unlabeled',
        })),
      },
    },
  }
}
