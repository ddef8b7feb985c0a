import type { SandboxResponse } from '../framework/http-server.js'
import type { SystemErrors } from '../framework/sandbox-handler.js'

/**
 * An HTTP V2 answer: every body is JSON with a numeric `code`, because analytics-node reads the
 * status from `body.code` and falls back to the HTTP status only for bodies that are not JSON.
 * https://amplitude.com/docs/apis/analytics/http-v2#response
 */
export function ingestionAnswer(status: number, fields: Record<string, unknown>): SandboxResponse {
  return { status, body: { code: status, ...fields } }
}

/**
 * Export API failures. Amplitude documents only the status codes and their meaning, not the
 * bodies; the sandbox answers plain text (unverified) and clients must key on the status.
 * https://amplitude.com/docs/apis/analytics/export#status-codes
 */
export function exportAnswer(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, body: text, headers: { 'Content-Type': 'text/plain', ...headers } }
}

const STATUS_ERRORS: Record<number, string> = {
  408: 'Request timeout',
  413: 'Payload too large',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
}

export const amplitudeErrors: SystemErrors = {
  failure: (status) =>
    status === 429
      ? {
          code: 429,
          error: 'Too many requests for some devices and users',
          eps_threshold: 30,
          throttled_devices: {},
          throttled_users: {},
          throttled_events: [],
        }
      : { code: status, error: STATUS_ERRORS[status] ?? `HTTP ${status}` },
  // "Invalid request path" is one of HTTP V2's documented 400 errors; GETs answer 404.
  notFound: (req) =>
    req.method === 'POST'
      ? ingestionAnswer(400, { error: 'Invalid request path' })
      : ingestionAnswer(404, { error: 'Not found' }),
  methodNotAllowed: () => ingestionAnswer(405, { error: 'Method not allowed' }),
  internal: (error) =>
    ingestionAnswer(500, {
      error: `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    }),
}
