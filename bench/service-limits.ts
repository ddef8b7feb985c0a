/**
 * What the same requests would cost at the real services: each API's published allowance for
 * the kinds of request cs360 sends, beside what the sandbox enforces when its rate limits are on,
 * and one typical response time per service. The allowances are published (sources cited; the
 * wire facts behind them are in /work/shared/specs/<system>/NOTES.md). The response times are
 * not published by any of the five: they are this benchmark's assumption for a full page
 * (2,000 SOQL rows, 1,000 export rows, 100 Stripe objects, an hour-range export archive), stated
 * here so that every predicted second can be recomputed with other values.
 */
import { TEN_SECOND_LIMIT, SEARCH_PER_SECOND } from '../src/sandbox/hubspot/rate-limits.js'
import {
  ACCOUNT_LIMIT,
  INCREMENTAL_LIMIT,
  TICKETS_INDEX_LIMIT,
} from '../src/sandbox/zendesk/rate-limits.js'

/** At most `requests` in any window of `seconds`. */
export interface Allowance {
  requests: number
  seconds: number
}

export interface RequestClass {
  name: string
  /** Does a request (method, path as the sandbox logged it) fall in this class? */
  matches: (method: string, path: string) => boolean
  /** The service's published allowance; null: none a sync can reach (a daily total at most). */
  published: Allowance | null
  /** What the sandbox enforces with its rate limits on, at time scale 1. */
  sandbox: Allowance | null
  source: string
}

export interface ServiceLimits {
  system: string
  /** Assumed typical response time of one page request, in seconds (see above). */
  typicalLatencySeconds: number
  /** Most specific first: a request counts against the first class it matches. */
  classes: RequestClass[]
}

const any = () => true

export const SERVICE_LIMITS: ServiceLimits[] = [
  {
    system: 'salesforce',
    typicalLatencySeconds: 0.5,
    classes: [
      {
        name: 'REST API',
        matches: any,
        // The sandbox's daily allowance is the same kind: none binds within one sync.
        published: null,
        sandbox: null,
        source:
          'a rolling 24-hour allowance only (Enterprise: 100,000 + 1,000 a licence), reported in Sforce-Limit-Info; no per-second limit — developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm; specs/salesforce/NOTES.md "Limits"',
      },
    ],
  },
  {
    system: 'hubspot',
    typicalLatencySeconds: 0.3,
    classes: [
      {
        name: 'CRM search',
        matches: (method, path) => method === 'POST' && /\/search\/?$/.test(path),
        published: { requests: 5, seconds: 1 },
        sandbox: { requests: SEARCH_PER_SECOND, seconds: 1 },
        source:
          'search: 5 requests a second per account, no rate-limit headers — developers.hubspot.com/docs/api/crm/search#limitations; specs/hubspot/NOTES.md "Search"',
      },
      {
        name: 'other API calls',
        matches: any,
        published: { requests: 100, seconds: 10 },
        sandbox: { requests: TEN_SECOND_LIMIT, seconds: 10 },
        source:
          'private apps, Free and Starter: 100 requests per rolling 10 s (Professional and Enterprise: 190) — developers.hubspot.com/docs/api/usage-details; specs/hubspot/NOTES.md "Rate limits" (X-HubSpot-RateLimit-Interval-Milliseconds 10000)',
      },
    ],
  },
  {
    system: 'zendesk',
    typicalLatencySeconds: 0.5,
    classes: [
      {
        name: 'incremental exports',
        matches: (_method, path) => /^\/api\/v2\/incremental\//.test(path),
        published: { requests: INCREMENTAL_LIMIT, seconds: 60 },
        sandbox: { requests: INCREMENTAL_LIMIT, seconds: 60 },
        source:
          'incremental exports: 10 requests a minute — developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/; specs/zendesk/NOTES.md "Incremental rate limit"',
      },
      {
        name: 'List Tickets',
        matches: (method, path) => method === 'GET' && /^\/api\/v2\/tickets(\.json)?$/.test(path),
        published: { requests: TICKETS_INDEX_LIMIT, seconds: 60 },
        sandbox: { requests: TICKETS_INDEX_LIMIT, seconds: 60 },
        source:
          'List Tickets: 100 a minute (zendesk-ratelimit-tickets-index) — specs/zendesk/NOTES.md "Rate limits"',
      },
      {
        name: 'other API calls',
        matches: any,
        published: { requests: ACCOUNT_LIMIT, seconds: 60 },
        sandbox: { requests: ACCOUNT_LIMIT, seconds: 60 },
        source:
          'per account, 700 a minute on Enterprise (X-Rate-Limit) — developer.zendesk.com/api-reference/introduction/rate-limits/; specs/zendesk/NOTES.md "Rate limits"',
      },
    ],
  },
  {
    system: 'stripe',
    typicalLatencySeconds: 0.4,
    classes: [
      {
        name: 'API calls',
        matches: any,
        published: { requests: 100, seconds: 1 },
        // The sandbox is a Stripe sandbox account: 25 a second.
        sandbox: { requests: 25, seconds: 1 },
        source:
          '100 requests a second in live mode, 25 in a sandbox — docs.stripe.com/rate-limits; specs/stripe/NOTES.md "Rate limits"',
      },
    ],
  },
  {
    system: 'amplitude',
    typicalLatencySeconds: 5,
    classes: [
      {
        name: 'Export API',
        matches: any,
        published: null,
        sandbox: { requests: 600, seconds: 60 },
        source:
          'no request rate published for the Export API (4 GB a response, data about 2 h late) — amplitude.com/docs/apis/analytics/export; specs/amplitude/docs/export.md',
      },
    ],
  },
]

export function serviceLimits(system: string): ServiceLimits {
  const limits = SERVICE_LIMITS.find((s) => s.system === system)
  if (!limits) throw new Error(`bench/service-limits.ts has no limits for ${system}`)
  return limits
}

/** The class a request counts against. */
export function requestClass(system: string, method: string, path: string): string {
  const classes = serviceLimits(system).classes
  return (classes.find((c) => c.matches(method, path)) ?? classes[classes.length - 1]!).name
}
