import { randomUUID } from 'node:crypto'
import type { SandboxResponse } from '../framework/http-server.js'
import type { SystemErrors } from '../framework/sandbox-handler.js'
import { rateLimitBody } from './rate-limits.js'

/** One entry of an error's `errors` list (HubSpot's `ErrorDetail`). */
export interface ErrorDetail {
  message: string
  code?: string
  in?: string
  context?: Record<string, string[]>
}

/** HubSpot's error body (`Error` / `StandardError` in its OpenAPI specs). */
export interface HubspotErrorBody {
  status: 'error'
  message: string
  correlationId: string
  category: string
  subCategory?: string
  errors?: ErrorDetail[]
  context?: Record<string, string[]>
  links?: Record<string, string>
}

export function errorBody(
  category: string,
  message: string,
  extra: Partial<Omit<HubspotErrorBody, 'status' | 'category' | 'message'>> = {},
): HubspotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra }
}

export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: Partial<Omit<HubspotErrorBody, 'status' | 'category' | 'message'>> = {},
): SandboxResponse {
  return { status, body: errorBody(category, message, extra) }
}

/** An error of a batch answer (StandardError): no correlationId of its own, the batch has one. */
export const standardError = ({ correlationId: _c, ...rest }: HubspotErrorBody) => rest

export const validationError = (message: string, extra: Partial<HubspotErrorBody> = {}) =>
  hubspotError(400, 'VALIDATION_ERROR', message, extra)

export const objectNotFound = (message = 'resource not found') =>
  hubspotError(404, 'OBJECT_NOT_FOUND', message)

/**
 * The body of an injected failure that comes with none at all and no Content-Type, as HubSpot's
 * edge sends a 502, 503 or 504 at times (`failEmptyNext`): the SDK cannot parse it and loses the
 * status code (shared/specs/hubspot/NOTES.md).
 */
export const EMPTY_BODY = Symbol('empty body')

const FAILURES: Record<number, string> = {
  500: 'internal error',
  503: 'Service Unavailable',
}

/**
 * Bodies of injected failures: a 429 is the ten-second window's; 502 and 504 come from
 * HubSpot's edge with an empty body and no Content-Type (the SDK trap of NOTES.md); other 5xx
 * are HubSpot JSON errors.
 */
export const hubspotErrors: SystemErrors = {
  failure: (status) => {
    if (status === 429) return rateLimitBody('TEN_SECONDLY_ROLLING')
    if (status === 502 || status === 504) return undefined
    return errorBody('INTERNAL_ERROR', FAILURES[status] ?? `HTTP ${status}`)
  },
  notFound: (req) =>
    hubspotError(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`),
  methodNotAllowed: (req, allowed) =>
    hubspotError(
      405,
      'METHOD_NOT_ALLOWED',
      `${req.method} is not allowed here; allowed: ${allowed.join(', ')}`,
    ),
  internal: (error) =>
    hubspotError(
      500,
      'INTERNAL_ERROR',
      `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    ),
}
