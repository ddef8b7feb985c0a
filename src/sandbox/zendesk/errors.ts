import type { SandboxResponse } from '../framework/http-server.js'
import type { SystemErrors } from '../framework/sandbox-handler.js'

/**
 * Classic Support API error answers: `{"error": <Code>, "description": <text>}` (plus `details`
 * on RecordInvalid). https://developer.zendesk.com/api-reference/introduction/requests/#response-format
 */
export function zendeskError(
  status: number,
  error: string,
  description: string,
  details?: Record<string, { description: string; error: string }[]>,
): SandboxResponse {
  return { status, body: { error, description, ...(details ? { details } : {}) } }
}

export const recordNotFound = (): SandboxResponse =>
  zendeskError(404, 'RecordNotFound', 'Not found')

/** A parameter the endpoint refuses (`start_time` too recent, a malformed cursor …). */
export const invalidValue = (description: string): SandboxResponse =>
  zendeskError(422, 'InvalidValue', description)

/**
 * Cursor-pagination parameter errors use the newer `{errors: [...]}` shape (the OAS `Errors`
 * schema); the exact code and wording are unverified.
 */
export function paginationError(detail: string): SandboxResponse {
  return {
    status: 400,
    body: {
      errors: [
        { code: 'InvalidPaginationParameter', title: 'Invalid pagination parameter', detail },
      ],
    },
  }
}

// Bodies of injected 5xx answers; Zendesk's own wording for these is unverified.
const FAILURES: Record<number, [string, string]> = {
  500: ['InternalServerError', 'Something went wrong. Please try again.'],
  502: ['BadGateway', 'Bad gateway'],
  503: ['ServiceUnavailable', 'Service temporarily unavailable. Please try again.'],
  504: ['GatewayTimeout', 'Gateway timeout'],
}

export const zendeskErrors: SystemErrors = {
  failure: (status) => {
    const [error, description] = FAILURES[status] ?? ['Error', `HTTP ${status}`]
    return { error, description }
  },
  // Unknown API paths: Zendesk answers every method on them the same way.
  notFound: () => zendeskError(404, 'InvalidEndpoint', 'Not found'),
  methodNotAllowed: () => zendeskError(404, 'InvalidEndpoint', 'Not found'),
  internal: (error) =>
    zendeskError(
      500,
      'InternalServerError',
      `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    ),
}
