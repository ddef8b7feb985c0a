import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { RequestLimit } from '../framework/sandbox-handler.js'
import type { SandboxTuning } from '../framework/sandbox-system.js'
import { WindowLimiter, retryAfterSeconds } from '../framework/window-limiter.js'

/** The account's per-minute allowance (plan-dependent; 700 on Enterprise). */
export const ACCOUNT_LIMIT = 700
/** Incremental exports: 10 requests a minute. */
export const INCREMENTAL_LIMIT = 10
/** List Tickets (`GET /tickets`): its own 100 a minute. */
export const TICKETS_INDEX_LIMIT = 100

const MINUTE_MS = 60_000
const INCREMENTAL = /^\/api\/v2\/incremental\//
const TICKETS_INDEX = '/api/v2/tickets'
// Ticketing list endpoints carry the `ratelimit-*` headers as well.
const LIST = /^\/api\/v2\/(incremental\/.+|tickets|organizations|satisfaction_ratings|users)$/

export interface ZendeskLimiters {
  account: WindowLimiter
  incremental: WindowLimiter
  ticketsIndex: WindowLimiter
}

/**
 * Zendesk's allowances, each a fixed one-minute window (scaled by `rateLimitTimeScale`): over
 * one, a 429 with `Retry-After` and a plain-text body, as observed on the real API.
 * https://developer.zendesk.com/api-reference/introduction/rate-limits/
 */
export function zendeskLimits(tuning: SandboxTuning, now: () => number) {
  const windowMs = MINUTE_MS * (tuning.rateLimitTimeScale ?? 1)
  const limiters: ZendeskLimiters = {
    account: new WindowLimiter(ACCOUNT_LIMIT, windowMs, now),
    incremental: new WindowLimiter(INCREMENTAL_LIMIT, windowMs, now),
    ticketsIndex: new WindowLimiter(TICKETS_INDEX_LIMIT, windowMs, now),
  }
  const limits: RequestLimit[] =
    tuning.rateLimits === false
      ? []
      : [
          { limiter: limiters.account, applies: () => true, refuse: tooManyRequests },
          {
            limiter: limiters.incremental,
            applies: (req) => INCREMENTAL.test(req.path),
            refuse: tooManyRequests,
          },
          {
            limiter: limiters.ticketsIndex,
            applies: (req) => req.method === 'GET' && req.path === TICKETS_INDEX,
            refuse: tooManyRequests,
            headers: ({ remaining, resetMs, limit }) => ({
              'zendesk-ratelimit-tickets-index': `total=${limit}; remaining=${remaining}; resets=${Math.ceil(resetMs / 1000)}`,
            }),
          },
        ]

  /** Account-wide usage on every answer (401s and injected failures too); list extras. */
  const decorate = (req: SandboxRequest, res: SandboxResponse): SandboxResponse => {
    const { remaining, resetMs } = limiters.account.state()
    const headers: Record<string, string> = {
      'X-Rate-Limit': String(ACCOUNT_LIMIT),
      'X-Rate-Limit-Remaining': String(remaining),
    }
    if (LIST.test(req.path)) {
      headers['ratelimit-limit'] = String(ACCOUNT_LIMIT)
      headers['ratelimit-remaining'] = String(remaining)
      headers['ratelimit-reset'] = String(Math.ceil(resetMs / 1000))
    }
    return { ...res, headers: { ...headers, ...res.headers } }
  }
  return { limiters, limits, decorate }
}

function tooManyRequests(_req: SandboxRequest, { resetMs }: { resetMs: number }): SandboxResponse {
  return {
    status: 429,
    body: 'Number of allowed API requests per minute exceeded',
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Retry-After': retryAfterSeconds(resetMs),
    },
  }
}
