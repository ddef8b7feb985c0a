import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { limitParam, scoped } from './api.js'
import { objectNotFound, validationError } from './errors.js'
import type { HubspotStore } from './store.js'

/** Owners pages: 100 by default; 500 is the largest page HubSpot serves (unverified). */
export const OWNERS_PAGE_MAX = 500

/**
 * Owners (read-only): active ones, or deactivated users' owners with `archived=true`, paged by
 * `after`, filtered by `email`; one by `id` or `userId`.
 * https://developers.hubspot.com/docs/reference/api/crm/owners
 */
export function ownerRoutes(
  router: Router,
  store: HubspotStore,
  access: PortalAccess,
  baseUrl: () => string,
): void {
  const read = (handler: Parameters<typeof scoped>[2]) =>
    scoped(access, 'crm.objects.owners.read', handler)

  router.on(
    'GET',
    '/crm/v3/owners',
    read((req) => {
      const limit = limitParam(req, 100, OWNERS_PAGE_MAX)
      if (!limit.ok) return limit.response
      const after = Number(req.query.get('after') ?? 0)
      if (!Number.isFinite(after)) return validationError('after: not a valid paging token')
      const archived = req.query.get('archived') === 'true'
      const email = req.query.get('email')?.toLowerCase()
      const owners = store.owners
        .filter((o) => o.archived === archived && (!email || o.email.toLowerCase() === email))
        .sort((a, b) => Number(a.id) - Number(b.id))
        .filter((o) => Number(o.id) >= after)
      const next = owners[limit.limit]
      return {
        status: 200,
        body: {
          results: owners.slice(0, limit.limit),
          ...(next
            ? {
                paging: {
                  next: { after: next.id, link: `${baseUrl()}/crm/v3/owners/?after=${next.id}` },
                },
              }
            : {}),
        },
      }
    }),
  )

  router.on(
    'GET',
    '/crm/v3/owners/:ownerId',
    read((req) => {
      const byUser = req.query.get('idProperty') === 'userId'
      const archived = req.query.get('archived') === 'true'
      const owner = store.owners.find(
        (o) =>
          o.archived === archived &&
          (byUser ? String(o.userId) === req.params.ownerId : o.id === req.params.ownerId),
      )
      return owner ? { status: 200, body: owner } : objectNotFound()
    }),
  )
}
