import type { Router } from '../framework/router.js'
import { invalidValue, recordNotFound } from './errors.js'
import { listPage } from './paging.js'
import type { StoredOrganization } from './records.js'
import type { ZendeskStore } from './store.js'

/** `show_many` takes at most 100 ids (the over-limit answer's wording is unverified). */
export const MAX_SHOW_MANY = 100

/**
 * Organizations as agents see them: deleted ones are gone from lists, show and count.
 * https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/
 */
export function organizationRoutes(router: Router, store: ZendeskStore, base: () => string): void {
  const live = (): StoredOrganization[] =>
    store.list(store.organizations).filter((o) => !o.deleted_at)

  router.on('GET', '/api/v2/organizations', (req) =>
    listPage(req, `${base()}/api/v2/organizations.json`, 'organizations', live()),
  )
  router.on('GET', '/api/v2/organizations/count', () => ({
    status: 200,
    body: { count: { value: live().length, refreshed_at: new Date(store.now()).toISOString() } },
  }))
  router.on('GET', '/api/v2/organizations/show_many', (req) => {
    const ids = idList(req.query.get('ids'))
    if (ids.length > MAX_SHOW_MANY) return invalidValue(`ids: at most ${MAX_SHOW_MANY} ids`)
    return { status: 200, body: { organizations: live().filter((o) => ids.includes(o.id)) } }
  })
  router.on('GET', '/api/v2/organizations/:id', (req) => {
    const organization = store.organizations.get(Number(req.params.id))
    if (!organization || organization.deleted_at) return recordNotFound()
    return { status: 200, body: { organization } }
  })
}

/** A comma-separated id parameter (`ids=1,2,3`). */
export function idList(value: string | null): number[] {
  return (value ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
}
