import { Cs360Error, authError, configError, rateLimitError, transientError } from '../../errors.js'

const SYSTEM = 'zendesk'
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
])
/** Without Retry-After, wait out a whole rate window (Zendesk's windows are a minute). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000

const CREDENTIALS_FIX =
  'Check connectors.zendesk.auth: for type api_token, `email` must be an admin and `apiToken` an active token (Admin Center → Apps and integrations → APIs → Zendesk API → Settings: turn on Token access, then Add API token); for type oauth, `accessToken` must be a live OAuth token of an admin with the read scope.'

/** What node-zendesk hands back on failure: a thrown or resolved Error, maybe with a status. */
interface SdkFailure {
  statusCode?: number
  status?: number
  code?: string
  message?: string
  cause?: { code?: string }
  result?: unknown
}

/**
 * The one place a node-zendesk/HTTP failure becomes a cs360 failure kind. node-zendesk resolves
 * a 429 that carries Retry-After (an Error as the result) and throws other statuses, so callers
 * pass both here; `retryAfter` is the header of the answer when there was one.
 * https://developer.zendesk.com/api-reference/introduction/requests/#response-format
 */
export function classifyZendeskError(
  error: unknown,
  doing: string,
  retryAfter?: string | null,
): Cs360Error {
  if (error instanceof Cs360Error) return error
  const err = (error ?? {}) as SdkFailure
  const message = err.message ?? String(error)
  const status = err.statusCode ?? err.status ?? statusInMessage(message)
  const where = `Zendesk, ${doing}`
  const detail = describe(err.result)
  if (status === 401 || status === 403) {
    const what =
      status === 401
        ? 'the credentials were refused (401)'
        : 'the user may not read this (403: incremental exports and CSAT ratings are for admins)'
    return authError(`${where}: ${what}${detail}. ${CREDENTIALS_FIX}`, SYSTEM, error)
  }
  if (status === 404 && /InvalidEndpoint/.test(detail)) {
    return configError(
      `${where}: ${message}${detail}. Check connectors.zendesk.url: it must be the account's base URL such as https://acme.zendesk.com.`,
      SYSTEM,
    )
  }
  if (status === 429) {
    const waitMs = retryAfterMs(retryAfter) ?? DEFAULT_RATE_LIMIT_WAIT_MS
    return rateLimitError(`${where}: rate limited (429)${detail}`, SYSTEM, waitMs)
  }
  const code = err.code ?? err.cause?.code ?? ''
  if (
    (status !== undefined && status >= 500) ||
    NETWORK_CODES.has(code) ||
    /fetch failed|socket hang up|ECONNRE|network/i.test(message)
  ) {
    return transientError(
      `${where}: ${status ?? (code || 'network error')}: ${message}`,
      SYSTEM,
      error,
    )
  }
  return new Cs360Error('api', `${where}: ${message}${detail}`, { system: SYSTEM, cause: error })
}

/** `Retry-After` in seconds (fractions when the sandbox shrinks windows), as milliseconds. */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined
}

/** Without `throwOriginalException` node-zendesk keeps the status only in its message. */
function statusInMessage(message: string): number | undefined {
  const match = /\((\d{3})\)/.exec(message)
  return match ? Number(match[1]) : undefined
}

/** Zendesk's own words from an error body: `{error, description}` or `{errors: [...]}`. */
function describe(body: unknown): string {
  if (!body || typeof body !== 'object') return ''
  const b = body as { error?: unknown; description?: unknown; errors?: unknown }
  const parts =
    Array.isArray(b.errors) && b.errors.length > 0
      ? b.errors.map((e: { code?: string; detail?: string; title?: string }) =>
          [e.code, e.detail ?? e.title].filter(Boolean).join(': '),
        )
      : [
          [typeof b.error === 'string' ? b.error : JSON.stringify(b.error), b.description]
            .filter((p) => typeof p === 'string' && p)
            .join(': '),
        ]
  const text = parts.filter(Boolean).join('; ')
  return text && text !== 'undefined' ? ` (${text})` : ''
}

/**
 * The 422 an export answers to a `start_time` inside the newest minute: nothing is exportable
 * yet, so the read ends without a page and resumes from the same place next time.
 */
export function isTooRecentStartTime(error: unknown): boolean {
  const cause = error instanceof Cs360Error ? error.cause : error
  const body = (cause as SdkFailure | undefined)?.result as { description?: unknown } | undefined
  return typeof body?.description === 'string' && /too recent start_time/i.test(body.description)
}
