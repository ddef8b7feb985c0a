import {
  Cs360Error,
  authError,
  rateLimitError,
  schemaDriftError,
  transientError,
} from '../../errors.js'

/** A failed Export API exchange: an HTTP answer, or no answer at all (`cause`). */
export interface ExportFailure {
  status?: number
  body?: string
  retryAfterMs?: number
  cause?: unknown
}

const KEYS_FIX =
  'Check connectors.amplitude.apiKey and connectors.amplitude.secretKey: both are the project’s keys, found in Amplitude under Organization settings → Projects → (the project) → API keys; and connectors.amplitude.url must be the project’s region (https://amplitude.com, EU: https://analytics.eu.amplitude.com).'

/**
 * The one place an Export API failure becomes a cs360 failure kind. Keys are checked by the
 * API on every call, so 401/403 stop the run with the fix; 429 carries the wait the API asked
 * for; 5xx and network errors are transient and Temporal retries them from the last committed
 * hour. What the stream handles itself (404 = no data, 400/504 = window too large) never gets
 * here unless it cannot be handled.
 * https://amplitude.com/docs/apis/analytics/export#status-codes
 */
export function classifyAmplitudeFailure(failure: ExportFailure, doing: string): Cs360Error {
  if (failure.cause instanceof Cs360Error) return failure.cause
  const where = `Amplitude Export API, ${doing}`
  const detail = failure.body ? `: ${failure.body.slice(0, 300)}` : ''
  const { status } = failure
  if (status === undefined) {
    const message = failure.cause instanceof Error ? failure.cause.message : String(failure.cause)
    return transientError(`${where}: no answer (${message})`, 'amplitude', failure.cause)
  }
  if (status === 401 || status === 403)
    return authError(
      `${where}: the keys were refused (HTTP ${status}${detail}). ${KEYS_FIX}`,
      'amplitude',
    )
  if (status === 429)
    return rateLimitError(
      `${where}: rate limited (HTTP 429${detail}); cs360 waits and retries.`,
      'amplitude',
      failure.retryAfterMs ?? 60_000,
    )
  if (status === 200)
    return schemaDriftError(`${where}: the answer is not an export archive${detail}`, 'amplitude')
  if (status >= 500 || status === 408)
    return transientError(`${where}: HTTP ${status}${detail}`, 'amplitude')
  return new Cs360Error('api', `${where}: HTTP ${status}${detail}`, { system: 'amplitude' })
}
