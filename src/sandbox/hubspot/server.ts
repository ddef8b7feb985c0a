import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import { startHttpServer } from '../framework/http-server.js'
import { Router } from '../framework/router.js'
import { sandboxHandler } from '../framework/sandbox-handler.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import { PortalAccess } from './access.js'
import type { HubspotDataset } from './dataset-schema.js'
import { EMPTY_BODY, hubspotErrors } from './errors.js'
import { DEFAULT_DAILY_LIMIT, hubspotRateLimits, type HubspotLimiters } from './rate-limits.js'
import { associationRoutes } from './routes-associations.js'
import { authRoutes } from './routes-auth.js'
import { batchRoutes } from './routes-batch.js'
import { objectRoutes } from './routes-objects.js'
import { ownerRoutes } from './routes-owners.js'
import { pipelineRoutes } from './routes-pipelines.js'
import { propertyRoutes } from './routes-properties.js'
import { searchRoutes } from './routes-search.js'
import { PORTAL } from './portal.js'
import { HubspotStore } from './store.js'
import type { WriteLedger } from '../framework/write-ledger.js'
import { userActions, type UserActions } from './user-actions.js'

export interface HubspotSandboxOptions {
  dataset: HubspotDataset
  /** 0 or unset: a free port. */
  port?: number
  /** OAuth access token lifetime; HubSpot's is 30 minutes. */
  tokenTtlSeconds?: number
  /** The private app's daily allowance (429 DAILY once spent). */
  dailyApiLimit?: number
  /** How long a write takes to reach search; HubSpot's takes a few seconds. Default 3 s. */
  searchDelayMs?: number
  /** Shrinks the rate-limit windows (and the interval the headers report). Default 1. */
  rateLimitTimeScale?: number
  /** false: no 10-second or search limits (the daily allowance stays). Default true. */
  rateLimits?: boolean
  /**
   * The portal's clock (hs_lastmodifieddate, archivedAt, token expiry, search visibility); tests
   * pin it. Rate-limit windows always follow the real clock.
   */
  now?: () => number
}

export interface HubspotSandbox extends SandboxServer, UserActions {
  system: 'hubspot'
  store: HubspotStore
  writes: WriteLedger
  /** The scopes the private app and OAuth app hold; delete some to see 403 MISSING_SCOPES. */
  scopes: Set<string>
  limiters: HubspotLimiters
  /** Resolves once every write so far shows in search (real clock). */
  searchSettled(): Promise<void>
  /** Private-app calls counted against the daily allowance. */
  apiUsage(): { used: number; max: number }
  /** From now on the same URL and credentials reach another portal (account details name it). */
  switchPortal(portalId: number): void
  /** The next `count` requests answer `status` with an empty body and no Content-Type. */
  failEmptyNext(status: number, count?: number): void
}

/**
 * A local HubSpot portal speaking CRM v3 (companies, deals, owners, search, properties,
 * pipelines), associations v4, OAuth and the account-info API, so @hubspot/api-client works
 * against it unmodified: HubSpot's error bodies, rate-limit headers and 429s, the search
 * index's delay and its 10,000-result cap, and fault switches.
 */
export async function startHubspotSandbox(options: HubspotSandboxOptions): Promise<HubspotSandbox> {
  const now = options.now ?? Date.now
  const dailyApiLimit = options.dailyApiLimit ?? DEFAULT_DAILY_LIMIT
  const faults = new FaultSwitches({ rateLimit: { limit: dailyApiLimit } }, now)
  // Token requests change nothing in the portal.
  const calls = new CallLog(
    (c) =>
      !['GET', 'HEAD'].includes(c.method) &&
      !c.path.startsWith('/oauth/') &&
      !c.path.endsWith('/search') &&
      !c.path.endsWith('/batch/read'),
  )
  const store = new HubspotStore(options.dataset, now, options.searchDelayMs ?? 3_000)
  const access = new PortalAccess((options.tokenTtlSeconds ?? 1800) * 1000, faults, now)
  const limits = hubspotRateLimits({
    access,
    faults,
    enabled: options.rateLimits ?? true,
    timeScale: options.rateLimitTimeScale ?? 1,
    // Rate-limit windows pass in real time even when a test pins the portal's clock: a pinned
    // clock would never open the next window.
    now: Date.now,
  })
  let baseUrl = ''
  const router = new Router()
  let portalId: number = PORTAL.id
  authRoutes(router, access, () => portalId)
  // Search and batch paths first: `/:objectType/:id` would match them.
  searchRoutes(router, store, access)
  batchRoutes(router, store, access)
  objectRoutes(router, store, access, () => baseUrl)
  ownerRoutes(router, store, access, () => baseUrl)
  propertyRoutes(router, store, access)
  associationRoutes(router, store, access)
  pipelineRoutes(router, access)

  const http = await startHttpServer({
    port: options.port,
    handle: sandboxHandler({
      router,
      faults,
      calls,
      errors: hubspotErrors,
      auth: (req) => {
        if (req.path.startsWith('/oauth/')) return undefined
        const verdict = access.verify(req)
        return verdict.ok ? undefined : verdict.response
      },
      limits: limits.limits,
      guard: limits.guard,
      decorate: (req, res) =>
        limits.decorate(req, res.body === EMPTY_BODY ? { ...res, body: undefined } : res),
    }),
  })
  baseUrl = http.url
  return {
    system: 'hubspot',
    url: http.url,
    faults,
    calls,
    writes: store.writes,
    store,
    scopes: access.scopes as Set<string>,
    limiters: limits.limiters,
    close: () => http.close(),
    ...userActions(store),
    searchSettled: async () => {
      while (store.searchVisibleAt > now()) {
        await new Promise((r) => setTimeout(r, Math.min(50, store.searchVisibleAt - now())))
      }
    },
    switchPortal: (id) => {
      portalId = id
    },
    failEmptyNext: (status, count = 1) => faults.failNext({ status, count, body: EMPTY_BODY }),
    apiUsage: () => {
      const { used, limit } = faults.usage()
      return { used, max: limit ?? dailyApiLimit }
    },
  }
}
