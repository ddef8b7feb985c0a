import { Cs360Error, authError, rateLimitError, transientError } from '../../errors.js'

/**
 * Scopes cs360 needs, as a private app or OAuth app grants them.
 * https://developers.hubspot.com/docs/guides/apps/authentication/scopes
 */
export const REQUIRED_SCOPES = [
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
] as const

/** What an SDK failure carries: an ApiException (or an answer cs360 read itself). */
interface ApiFailure {
  code?: unknown
  body?: unknown
  headers?: Record<string, string>
  message?: string
  cause?: { code?: string }
}

const NETWORK = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_\w+)$/

/** @hubspot/api-client's message for an answer without Content-Type: a 5xx with an empty body. */
export const EMPTY_ANSWER = 'Cannot parse content. No Content-Type defined.'

export function statusOf(error: unknown): number | undefined {
  const code = (error as ApiFailure | undefined)?.code
  return typeof code === 'number' ? code : undefined
}

export function bodyOf(error: unknown): Record<string, unknown> {
  const body = (error as ApiFailure | undefined)?.body
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Record<string, unknown>
    } catch {
      return { message: body }
    }
  }
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
}

/**
 * The window HubSpot reports (`X-HubSpot-RateLimit-Interval-Milliseconds`), else the one an
 * earlier answer reported (`known`: search answers carry no headers), else 10 s.
 */
export function intervalMs(headers: Record<string, string> | undefined, known = 10_000): number {
  const reported = Number(headers?.['x-hubspot-ratelimit-interval-milliseconds'])
  return Number.isFinite(reported) && reported > 0 ? reported : known
}

export function untilNextUtcMidnight(now = Date.now()): number {
  const next = new Date(now)
  next.setUTCHours(24, 0, 0, 0)
  return next.getTime() - now
}

/**
 * The one place an @hubspot/api-client failure becomes a cs360 failure kind. Token and scope
 * problems stop the run with the fix; a 429 says how long to wait (the ten-second window
 * from the headers, a second for search's per-second limit, until midnight UTC for the daily
 * allowance); 5xx, empty answers and network errors are transient; anything else is an API
 * error Temporal retries with backoff.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export function classifyHubspotError(
  error: unknown,
  doing: string,
  knownIntervalMs?: number,
): Cs360Error {
  if (error instanceof Cs360Error) return error
  const failure = (error ?? {}) as ApiFailure
  const status = statusOf(error)
  const body = bodyOf(error)
  const category = typeof body.category === 'string' ? body.category : undefined
  const message =
    typeof body.message === 'string' ? body.message : (failure.message ?? String(error))
  const where = `HubSpot, ${doing}`
  if (status === 401)
    return authError(
      `${where}: the access token was refused (${category ?? 401}: ${message}). Check connectors.hubspot.auth: a private app's access token (Settings → Integrations → Private Apps), or an OAuth app's clientId, clientSecret and refreshToken.`,
      'hubspot',
      error,
    )
  if (status === 403)
    return authError(
      `${where}: ${category ?? 'forbidden'}: ${message}${missingScopes(body)}. Grant the app the scopes cs360 needs (connectors.hubspot.auth): ${REQUIRED_SCOPES.join(', ')}.`,
      'hubspot',
      error,
    )
  if (status === 400 && typeof body.status === 'string' && /^BAD_/.test(body.status))
    return authError(
      `${where}: the OAuth token endpoint refused the credentials (${body.status}: ${message}). Check connectors.hubspot.auth: clientId, clientSecret and refreshToken of the installed app.`,
      'hubspot',
      error,
    )
  if (status === 429) {
    const policy = typeof body.policyName === 'string' ? body.policyName : 'TEN_SECONDLY_ROLLING'
    const window = intervalMs(failure.headers, knownIntervalMs)
    const wait =
      policy === 'DAILY' ? untilNextUtcMidnight() : policy === 'SECONDLY' ? window / 10 : window
    return rateLimitError(`${where}: rate limit ${policy} reached (${message})`, 'hubspot', wait)
  }
  if ((status !== undefined && status >= 500) || failure.message === EMPTY_ANSWER)
    return transientError(
      `${where}: HubSpot answered ${status ?? 'an empty 5xx'}: ${status === undefined ? 'no body' : message}`,
      'hubspot',
      error,
    )
  const network = failure.cause?.code ?? (failure as { code?: unknown }).code
  if (
    (typeof network === 'string' && NETWORK.test(network)) ||
    /fetch failed|socket hang up/i.test(message)
  )
    return transientError(`${where}: network error: ${message}`, 'hubspot', error)
  return new Cs360Error(
    'api',
    `${where}: ${status ?? ''} ${category ?? ''}: ${message}`.replace(/\s+/g, ' '),
    {
      system: 'hubspot',
      cause: error,
    },
  )
}

function missingScopes(body: Record<string, unknown>): string {
  const errors = Array.isArray(body.errors)
    ? (body.errors as { context?: Record<string, unknown> }[])
    : []
  const scopes = errors.flatMap((e) => {
    const required = e.context?.requiredGranularScopes ?? e.context?.requiredScopes
    return Array.isArray(required) ? required.map(String) : []
  })
  return scopes.length > 0 ? ` (needs ${scopes.join(', ')})` : ''
}
