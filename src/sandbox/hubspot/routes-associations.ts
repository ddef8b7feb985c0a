import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { jsonBody, limitParam, scoped } from './api.js'
import { errorBody, objectNotFound, standardError, validationError } from './errors.js'
import { objectTypeOf } from './object-json.js'
import type { ObjectType } from './properties.js'
import { iso } from './records.js'
import type { HubspotStore } from './store.js'

/** HubSpot-defined association type ids between deals and companies. */
const TYPE_IDS = {
  deals: { primary: 5, unlabeled: 341 },
  companies: { primary: 6, unlabeled: 342 },
} as const

/** v4 batch reads take up to 1,000 ids (unverified; the general batch limit is 100). */
export const ASSOCIATION_BATCH_MAX = 1_000

/**
 * Associations v4 between deals and companies: one record's links, a batch of records' links,
 * and linking two records with the default type. `toObjectId` is a JSON number, as HubSpot
 * sends it, although its OpenAPI spec (and the SDK's types) say string.
 * https://developers.hubspot.com/docs/reference/api/crm/associations/association-details
 */
export function associationRoutes(router: Router, store: HubspotStore, access: PortalAccess): void {
  const pair = (from: string | undefined, to: string | undefined) => {
    const f = objectTypeOf(from)
    const t = objectTypeOf(to)
    return f && t && f !== t ? ([f, t] as const) : undefined
  }
  const linksOf = (from: ObjectType, id: string) => {
    if (from === 'deals')
      return (store.dealCompanies.get(id) ?? []).map((l) => ({
        id: l.companyId,
        primary: l.primary,
      }))
    const out: { id: string; primary: boolean }[] = []
    for (const [dealId, links] of store.dealCompanies)
      for (const l of links) if (l.companyId === id) out.push({ id: dealId, primary: l.primary })
    return out.sort((a, b) => Number(a.id) - Number(b.id))
  }
  const render = (from: ObjectType, link: { id: string; primary: boolean }) => {
    const ids = TYPE_IDS[from]
    return {
      toObjectId: Number(link.id),
      associationTypes: [
        ...(link.primary
          ? [{ category: 'HUBSPOT_DEFINED', typeId: ids.primary, label: 'Primary' }]
          : []),
        { category: 'HUBSPOT_DEFINED', typeId: ids.unlabeled, label: null },
      ],
    }
  }
  const readScope = (from: ObjectType) => `crm.objects.${from}.read` as const

  router.on('GET', '/crm/v4/objects/:from/:id/associations/:to', (req) => {
    const types = pair(req.params.from, req.params.to)
    if (!types)
      return validationError(`Unable to infer object types ${req.params.from} → ${req.params.to}`)
    return scoped(access, readScope(types[0]), () => {
      if (!store.tables[types[0]].get(req.params.id!)) return objectNotFound()
      const limit = limitParam(req, 500, 500)
      if (!limit.ok) return limit.response
      const after = Number(req.query.get('after') ?? 0)
      const links = linksOf(types[0], req.params.id!).filter((l) => Number(l.id) >= after)
      const next = links[limit.limit]
      return {
        status: 200,
        body: {
          results: links.slice(0, limit.limit).map((l) => render(types[0], l)),
          ...(next ? { paging: { next: { after: next.id } } } : {}),
        },
      }
    })(req)
  })

  router.on('POST', '/crm/v4/associations/:from/:to/batch/read', (req) => {
    const types = pair(req.params.from, req.params.to)
    if (!types)
      return validationError(`Unable to infer object types ${req.params.from} → ${req.params.to}`)
    return scoped(access, readScope(types[0]), () => {
      const body = jsonBody(req)
      if (!body.ok) return body.response
      const inputs = body.body.inputs
      if (!Array.isArray(inputs)) return validationError('inputs: must be an array')
      if (inputs.length > ASSOCIATION_BATCH_MAX)
        return validationError(`inputs: at most ${ASSOCIATION_BATCH_MAX} inputs per batch`)
      const results: unknown[] = []
      const errors: unknown[] = []
      for (const input of inputs as { id?: unknown }[]) {
        const id = String(input?.id)
        const links = store.tables[types[0]].get(id) ? linksOf(types[0], id) : []
        if (links.length > 0)
          results.push({ from: { id }, to: links.map((l) => render(types[0], l)) })
        else {
          // Records without links (or unknown ids) come back as errors of a 207 (unverified wording).
          const error = standardError(
            errorBody(
              'OBJECT_NOT_FOUND',
              `No ${types[1].replace(/s$/, '')} is associated with ${types[0].replace(/s$/, '')} ${id}.`,
              {
                subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
                context: { fromObjectId: [id] },
              },
            ),
          )
          errors.push(error)
        }
      }
      const now = iso(store.now())
      const base = { status: 'COMPLETE', results, startedAt: now, completedAt: now }
      return errors.length === 0
        ? { status: 200, body: base }
        : { status: 207, body: { ...base, numErrors: errors.length, errors } }
    })(req)
  })

  router.on('PUT', '/crm/v4/objects/:from/:id/associations/default/:to/:toId', (req) => {
    const types = pair(req.params.from, req.params.to)
    if (!types)
      return validationError(`Unable to infer object types ${req.params.from} → ${req.params.to}`)
    return scoped(access, `crm.objects.${types[0]}.write` as const, () => {
      const [dealId, companyId] =
        types[0] === 'deals'
          ? [req.params.id!, req.params.toId!]
          : [req.params.toId!, req.params.id!]
      if (!store.tables.deals.get(dealId) || !store.tables.companies.get(companyId))
        return objectNotFound()
      const links = store.dealCompanies.get(dealId) ?? []
      if (!links.some((l) => l.companyId === companyId))
        links.push({ companyId, primary: links.length === 0 })
      store.dealCompanies.set(dealId, links)
      const spec = (from: ObjectType) => ({
        associationCategory: 'HUBSPOT_DEFINED',
        associationTypeId: TYPE_IDS[from].unlabeled,
      })
      const now = iso(store.now())
      return {
        status: 200,
        body: {
          status: 'COMPLETE',
          results: [
            {
              from: { id: req.params.id },
              to: { id: req.params.toId },
              associationSpec: spec(types[0]),
            },
            {
              from: { id: req.params.toId },
              to: { id: req.params.id },
              associationSpec: spec(types[1]),
            },
          ],
          startedAt: now,
          completedAt: now,
        },
      }
    })(req)
  })
}
