import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import { startHttpServer, type SandboxResponse } from '../framework/http-server.js'
import { Router } from '../framework/router.js'
import { sandboxHandler } from '../framework/sandbox-handler.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import type { SandboxTuning } from '../framework/sandbox-system.js'
import { forbidden, principalOf, unauthorized, type ZendeskSandboxCredentials } from './auth.js'
import type { ZendeskDataset } from './dataset-schema.js'
import { zendeskErrors } from './errors.js'
import { zendeskLimits, type ZendeskLimiters } from './rate-limits.js'
import { incrementalRoutes } from './routes-incremental.js'
import { organizationRoutes } from './routes-organizations.js'
import { ratingRoutes } from './routes-ratings.js'
import { ticketRoutes } from './routes-tickets.js'
import { userRoutes } from './routes-users.js'
import { writeRoutes } from './routes-writes.js'
import { ZendeskStore } from './store.js'

export type { ZendeskSandboxCredentials }

export interface ZendeskSandboxOptions {
  dataset: ZendeskDataset
  credentials: ZendeskSandboxCredentials
  /** 0 or unset: a free port. */
  port?: number
  /** Rate-limit windows (`rateLimitTimeScale`) and whether they apply (`rateLimits`). */
  tuning?: SandboxTuning
  /** The account's clock (timestamps, the newest-minute rule, rate windows); tests pin it. */
  now?: () => number
}

const MUTATIONS = [
  'addTicket',
  'updateTicket',
  'touchTicket',
  'deleteTicket',
  'addOrganization',
  'updateOrganization',
  'deleteOrganization',
  'addRating',
  'updateRating',
] as const

/**
 * A local Zendesk Support account. Tests change it as agents and end users would through the
 * mutations (each takes `{ at }` to date the change; default the account's clock).
 */
export interface ZendeskSandbox
  extends SandboxServer, Pick<ZendeskStore, (typeof MUTATIONS)[number]> {
  system: 'zendesk'
  store: ZendeskStore
  /** The allowances (account, incremental exports, List Tickets), for assertions. */
  limiters: ZendeskLimiters
}

/**
 * A local Zendesk Support account speaking the REST API's wire protocol under `/api/v2` (the
 * `.json` suffix optional), so node-zendesk works against it unmodified: Basic API-token and
 * OAuth auth, organizations, tickets, users, CSAT ratings, the incremental exports, Zendesk's
 * rate limits and error bodies, and fault switches.
 */
export async function startZendeskSandbox(options: ZendeskSandboxOptions): Promise<ZendeskSandbox> {
  const now = options.now ?? Date.now
  const store = new ZendeskStore(options.dataset, now)
  const faults = new FaultSwitches({}, now)
  const calls = new CallLog()
  const { limiters, limits, decorate } = zendeskLimits(options.tuning ?? {}, now)
  const principal = (req: Parameters<typeof principalOf>[0]) =>
    principalOf(req, options.credentials, store)
  let baseUrl = ''
  const base = () => baseUrl

  const router = new Router()
  userRoutes(router, store, principal)
  organizationRoutes(router, store, base)
  ticketRoutes(router, store, base)
  ratingRoutes(router, store, base)
  incrementalRoutes(router, store, base)
  writeRoutes(router, store)

  const handle = sandboxHandler({
    router,
    faults,
    calls,
    errors: zendeskErrors,
    auth: (req) => (principal(req) ? undefined : unauthorized(req)),
    limits,
    guard: (req) => forbidden(req, principal(req)!),
    decorate: (req, res) => withJsonType(decorate(req, res)),
  })
  const http = await startHttpServer({
    port: options.port,
    // `/api/v2/tickets.json` and `/api/v2/tickets` are the same resource.
    handle: (req) => handle({ ...req, path: req.path.replace(/\.json$/, '') }),
  })
  baseUrl = http.url
  const mutations = Object.fromEntries(MUTATIONS.map((m) => [m, store[m].bind(store)])) as Pick<
    ZendeskStore,
    (typeof MUTATIONS)[number]
  >
  return {
    system: 'zendesk',
    url: http.url,
    faults,
    calls,
    store,
    limiters,
    ...mutations,
    close: () => http.close(),
  }
}

/** Zendesk's spelling of the JSON content type. */
function withJsonType(res: SandboxResponse): SandboxResponse {
  const json = res.body !== undefined && typeof res.body !== 'string' && !Buffer.isBuffer(res.body)
  if (!json || res.headers?.['Content-Type']) return res
  return { ...res, headers: { ...res.headers, 'Content-Type': 'application/json; charset=utf-8' } }
}
