import type { SandboxResponse } from '../framework/http-server.js'
import type { SystemErrors } from '../framework/sandbox-handler.js'

/** A REST API error answer: Salesforce sends a JSON array of `{message, errorCode, fields?}`. */
export function sfError(
  status: number,
  errorCode: string,
  message: string,
  fields?: string[],
): SandboxResponse {
  return { status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] }
}

export const notFound = (): SandboxResponse =>
  sfError(404, 'NOT_FOUND', 'The requested resource does not exist')

/** A per-record failure in sObject Collections and single-record results (`statusCode`). */
export interface SaveError {
  statusCode: string
  message: string
  fields: string[]
}

const FAILURE_CODES: Record<number, [string, string]> = {
  500: [
    'UNKNOWN_EXCEPTION',
    'An unexpected error occurred. Please include this ErrorId if you contact support',
  ],
  502: ['SERVER_UNAVAILABLE', 'Bad gateway'],
  503: ['SERVER_UNAVAILABLE', 'Service temporarily unavailable, please retry'],
  504: ['SERVER_UNAVAILABLE', 'Gateway timeout'],
}

export const salesforceErrors: SystemErrors = {
  failure: (status) => {
    const [errorCode, message] = FAILURE_CODES[status] ?? ['UNKNOWN_EXCEPTION', `HTTP ${status}`]
    return [{ message, errorCode }]
  },
  notFound,
  methodNotAllowed: (req, allowed) =>
    sfError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method}' not allowed. Allowed are ${[...allowed, 'HEAD'].join(',')}`,
    ),
  internal: (error) =>
    sfError(
      500,
      'UNKNOWN_EXCEPTION',
      `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    ),
}
