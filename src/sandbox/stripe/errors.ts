import type { SandboxResponse } from '../framework/http-server.js'
import type { SystemErrors } from '../framework/sandbox-handler.js'

export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'

/**
 * An error answer in Stripe's shape: `{"error": {type, code?, message, param?, doc_url?}}`.
 * `doc_url` is derived from the code as Stripe spells it (resource_missing → resource-missing).
 * https://docs.stripe.com/api/errors
 */
export function stripeError(
  status: number,
  type: StripeErrorType,
  message: string,
  details: { code?: string; param?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  const { code, param, headers } = details
  return {
    status,
    body: {
      error: {
        type,
        message,
        ...(code
          ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}` }
          : {}),
        ...(param ? { param } : {}),
      },
    },
    ...(headers ? { headers } : {}),
  }
}

/** A bad request parameter (400 invalid_request_error). */
export const invalidParam = (message: string, param: string, code?: string) =>
  stripeError(400, 'invalid_request_error', message, { param, ...(code ? { code } : {}) })

export const unknownParam = (param: string) =>
  invalidParam(`Received unknown parameter: ${param}`, param, 'parameter_unknown')

export const invalidInteger = (param: string, value: unknown) =>
  invalidParam(`Invalid integer: ${String(value)}`, param, 'parameter_invalid_integer')

/**
 * An object that does not exist: 404 when the URL names it, 400 when a parameter does
 * (`starting_after`, `items[0][price]`); Stripe words both "No such customer: 'cus_x'".
 */
export function noSuch(kind: string, id: string, param = 'id'): SandboxResponse {
  return stripeError(
    param === 'id' ? 404 : 400,
    'invalid_request_error',
    `No such ${kind}: '${id}'`,
    {
      code: 'resource_missing',
      param,
    },
  )
}

/** The 429 Stripe sends when the per-second limit is exceeded. */
export function rateLimited(headers: Record<string, string>): SandboxResponse {
  // The `type` of a 429 is not documented; the NOTES say to use invalid_request_error (unverified).
  return stripeError(
    429,
    'invalid_request_error',
    'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
    { code: 'rate_limit', headers },
  )
}

const FAILURES: Record<number, { type: StripeErrorType; code?: string; message: string }> = {
  401: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
  402: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
  404: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' },
  409: {
    type: 'invalid_request_error',
    code: 'lock_timeout',
    message:
      'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request.',
  },
  429: {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message:
      'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
  },
}

/** How an unknown URL or verb reads: Stripe answers both with 404 "Unrecognized request URL". */
const unrecognized = (method: string, path: string): SandboxResponse =>
  stripeError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  )

export const stripeErrors: SystemErrors = {
  failure: (status) => {
    const known = FAILURES[status] ?? {
      type: 'api_error' as const,
      message: 'An unknown error occurred',
    }
    return stripeError(status, known.type, known.message, known.code ? { code: known.code } : {})
      .body
  },
  notFound: (req) => unrecognized(req.method, req.path),
  methodNotAllowed: (req) => unrecognized(req.method, req.path),
  internal: (error) =>
    stripeError(
      500,
      'api_error',
      `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    ),
}

/** Thrown inside a route to answer with a Stripe error; the route wrapper renders it. */
export class StripeApiError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(
      String(
        (response.body as { error?: { message?: string } } | undefined)?.error?.message ??
          response.status,
      ),
    )
  }
}
