import { Cs360Error, authError, configError, rateLimitError, transientError } from '../../errors.js'

const CONFIG_CODES = new Set([
  'INVALID_FIELD',
  'MALFORMED_QUERY',
  'INVALID_TYPE',
  'NOT_FOUND',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'API_DISABLED_FOR_ORG',
])
const AUTH_CODES = new Set([
  'INVALID_SESSION_ID',
  'invalid_grant',
  'invalid_client',
  'invalid_client_id',
])
const TRANSIENT_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
])

/**
 * The one place a jsforce/HTTP failure becomes a cs360 failure kind. Unknown errors count as
 * transient: Temporal retries them with backoff, and the run still fails loudly if they persist.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export function classifySalesforceError(error: unknown, doing: string): Cs360Error {
  if (error instanceof Cs360Error) return error
  const err = error as { name?: string; errorCode?: string; code?: string; message?: string }
  const code = err.errorCode ?? err.code ?? err.name ?? ''
  const message = err.message ?? String(error)
  const where = `Salesforce, ${doing}`
  if (
    AUTH_CODES.has(code) ||
    // jsforce words a refused session renewal (revoked app, rotated secret) as "Unable to
    // refresh session due to: <the token endpoint's description>", without its error code.
    /invalid_grant|invalid_client|authentication failure|unable to refresh session/i.test(message)
  ) {
    return authError(
      `${where}: authentication failed (${message}). Check connectors.salesforce.auth: the connected app's client id/secret, the refresh token, and loginUrl (use the org's My Domain URL for client_credentials).`,
      'salesforce',
      error,
    )
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return rateLimitError(
      `${where}: the org's daily API request allowance is used up (${message}); cs360 waits and retries.`,
      'salesforce',
      15 * 60_000,
    )
  }
  if (CONFIG_CODES.has(code)) {
    return configError(
      `${where}: ${code}: ${message}. Check the field names under connectors.salesforce (opportunities.*Field, writeBack.fields) against the org's schema.`,
      'salesforce',
    )
  }
  if (
    TRANSIENT_CODES.has(code) ||
    /^ERROR_HTTP_5\d\d$/.test(code) ||
    /socket hang up|fetch failed/i.test(message)
  ) {
    return transientError(`${where}: ${code || 'network error'}: ${message}`, 'salesforce', error)
  }
  return new Cs360Error('api', `${where}: ${code ? `${code}: ` : ''}${message}`, {
    system: 'salesforce',
    cause: error,
  })
}
