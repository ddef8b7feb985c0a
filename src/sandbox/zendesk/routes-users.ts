import type { SandboxRequest } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { Principal } from './auth.js'
import { invalidValue, recordNotFound } from './errors.js'
import { MAX_SHOW_MANY, idList } from './routes-organizations.js'
import type { ZendeskStore } from './store.js'

/**
 * The signed-in user (what a connection check asks) and users by id.
 * https://developer.zendesk.com/api-reference/ticketing/users/users/
 */
export function userRoutes(
  router: Router,
  store: ZendeskStore,
  principal: (req: SandboxRequest) => Principal | undefined,
): void {
  router.on('GET', '/api/v2/users/me', (req) => {
    const me = principal(req)
    return me ? { status: 200, body: { user: me.user } } : recordNotFound()
  })
  router.on('GET', '/api/v2/users/show_many', (req) => {
    const ids = idList(req.query.get('ids'))
    if (ids.length > MAX_SHOW_MANY) return invalidValue(`ids: at most ${MAX_SHOW_MANY} ids`)
    return { status: 200, body: { users: ids.flatMap((id) => store.users.get(id) ?? []) } }
  })
  router.on('GET', '/api/v2/users/:id', (req) => {
    const user = store.users.get(Number(req.params.id))
    return user ? { status: 200, body: { user } } : recordNotFound()
  })
}
