import { randomUUID } from 'node:crypto'
import type { FaultSwitches } from '../framework/faults.js'
import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { RequestLimit } from '../framework/sandbox-handler.js'
import { WindowLimiter } from '../framework/window-limiter.js'
import type { PortalAccess } from './access.js'

/** Private apps on a Starter portal: 100 requests per 10 seconds, 10 a second reported. */
export const TEN_SECOND_LIMIT = 100
export const SECONDLY_LIMIT = 10
/** CRM search has its own limit of about 4–5 requests a second per portal. */
export const SEARCH_PER_SECOND = 5
export const DEFAULT_DAILY_LIMIT = 500_000

export type PolicyName = 'DAILY' | 'SECONDLY' | 'TEN_SECONDLY_ROLLING'

const MESSAGES: Record<PolicyName, string> = {
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
}

/** The 429 body, exactly as HubSpot words it (shared/specs/hubspot/NOTES.md). */
export function rateLimitBody(policyName: PolicyName) {
  return {
    status: 'error',
    message: MESSAGES[policyName],
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName,
    requestId: randomUUID(),
  }
}

const isSearch = (req: SandboxRequest) =>
  req.method === 'POST' && /^\/crm\/v3\/objects\/[^/]+\/search\/?$/.test(req.path)
/** The OAuth endpoints are not metered API calls. */
const isApiCall = (req: SandboxRequest) => !req.path.startsWith('/oauth/')

export interface HubspotLimiters {
  tenSecondly: WindowLimiter
  secondly: WindowLimiter
  search: WindowLimiter
}

/**
 * HubSpot's allowances: the rolling 10-second window every call but search counts against
 * (with `X-HubSpot-RateLimit-*` headers on each answer), search's own per-second limit
 * (no headers), and the private app's daily allowance (`-Daily` headers; OAuth apps have
 * none). The sandbox's windows are fixed, and `timeScale` shrinks them (and the reported
 * interval) for tests. A refusal is HubSpot's 429 body with its `policyName`; HubSpot sends
 * no Retry-After.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function hubspotRateLimits(options: {
  access: PortalAccess
  faults: FaultSwitches
  enabled: boolean
  timeScale: number
  now: () => number
}) {
  const { access, faults, now } = options
  const limiters: HubspotLimiters = {
    tenSecondly: new WindowLimiter(TEN_SECOND_LIMIT, 10_000 * options.timeScale, now),
    secondly: new WindowLimiter(SECONDLY_LIMIT, 1_000 * options.timeScale, now),
    search: new WindowLimiter(SEARCH_PER_SECOND, 1_000 * options.timeScale, now),
  }
  const refuse = (policy: PolicyName): SandboxResponse => ({
    status: 429,
    body: rateLimitBody(policy),
  })
  const limits: RequestLimit[] = !options.enabled
    ? []
    : [
        {
          limiter: limiters.tenSecondly,
          applies: (req) => isApiCall(req) && !isSearch(req),
          refuse: () => refuse('TEN_SECONDLY_ROLLING'),
          headers: ({ remaining, limit }) => {
            const secondly = limiters.secondly.take()
            return {
              'X-HubSpot-RateLimit-Interval-Milliseconds': String(limiters.tenSecondly.windowMs),
              'X-HubSpot-RateLimit-Max': String(limit),
              'X-HubSpot-RateLimit-Remaining': String(remaining),
              'X-HubSpot-RateLimit-Secondly': String(limiters.secondly.limit),
              'X-HubSpot-RateLimit-Secondly-Remaining': String(secondly.remaining),
            }
          },
        },
        { limiter: limiters.search, applies: isSearch, refuse: () => refuse('SECONDLY') },
      ]
  /**
   * A 429 injected by a test (`faults.failNext(429)`) reads like the limiter's own: HubSpot
   * sends the ten-second window's headers with a TEN_SECONDLY_ROLLING refusal (none on search).
   */
  const withWindowHeaders = (req: SandboxRequest, res: SandboxResponse): SandboxResponse => {
    const policy = (res.body as { policyName?: unknown } | undefined)?.policyName
    const headers = res.headers ?? {}
    if (
      res.status !== 429 ||
      policy !== 'TEN_SECONDLY_ROLLING' ||
      isSearch(req) ||
      Object.keys(headers).some((h) => h.toLowerCase().startsWith('x-hubspot-ratelimit-'))
    )
      return res
    return {
      ...res,
      headers: {
        ...headers,
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(limiters.tenSecondly.windowMs),
        'X-HubSpot-RateLimit-Max': String(limiters.tenSecondly.limit),
        'X-HubSpot-RateLimit-Remaining': '0',
        'X-HubSpot-RateLimit-Secondly': String(limiters.secondly.limit),
        'X-HubSpot-RateLimit-Secondly-Remaining': '0',
      },
    }
  }
  const privateApp = (req: SandboxRequest) => {
    const verdict = access.verify(req)
    return verdict.ok && verdict.kind === 'private_app'
  }
  return {
    limiters,
    limits,
    /** The daily allowance of a private app: 429 DAILY once spent. */
    guard(req: SandboxRequest): SandboxResponse | undefined {
      if (!isApiCall(req) || !privateApp(req)) return undefined
      return faults.useAllowance().allowed ? undefined : refuse('DAILY')
    },
    decorate(req: SandboxRequest, answer: SandboxResponse): SandboxResponse {
      const res = withWindowHeaders(req, answer)
      if (!isApiCall(req) || isSearch(req) || !privateApp(req)) return res
      const { used, limit } = faults.usage()
      const daily = limit ?? DEFAULT_DAILY_LIMIT
      return {
        ...res,
        headers: {
          ...res.headers,
          'X-HubSpot-RateLimit-Daily': String(daily),
          'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, daily - used)),
        },
      }
    },
  }
}
