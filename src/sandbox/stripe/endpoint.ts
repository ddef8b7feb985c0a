import type { RequestHandler, SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { LATEST_API_VERSION, parseApiVersion, renderForVersion } from './api-version.js'
import type { ChangeOptions } from './events.js'
import { StripeApiError, invalidParam } from './errors.js'
import { truncateEmbeddedLists } from './embedded-lists.js'
import { expandPaths } from './expand.js'
import { FormError, parseStripeForm, type FormParams } from './form-params.js'
import type { IdempotencyKeys } from './idempotency.js'
import { checkParams, expandParam } from './list-params.js'
import type { StripeStore } from './store.js'

export interface EndpointCall {
  req: SandboxRequest
  params: FormParams
  /** The request as events name it (`request.id`, `request.idempotency_key`). */
  change: ChangeOptions
}

export interface EndpointSpec {
  /** Parameters the endpoint takes besides `expand`; any other is a 400 parameter_unknown. */
  params: readonly string[]
  /** The answer in the store's shape; expansion and the version's shape are applied after. */
  handle(call: EndpointCall): unknown
}

/** The version an answer is rendered in: the request's `Stripe-Version` or the account's. */
export function apiVersionOf(req: SandboxRequest, store: StripeStore): string {
  const header = req.headers['stripe-version']
  return (
    parseApiVersion(Array.isArray(header) ? header[0] : header, store.accountApiVersion) ??
    LATEST_API_VERSION
  )
}

/**
 * One API endpoint: parses Stripe's bracket-notation parameters (the query string of GETs and
 * DELETEs, the form body of POSTs), rejects unknown ones, runs the handler, expands `expand[]`
 * paths and renders the answer in the request's API version. Each answer gets its `Request-Id`
 * here, so events caused by the request can name it.
 */
export function stripeEndpoint(
  store: StripeStore,
  keys: IdempotencyKeys,
  spec: EndpointSpec,
): RequestHandler {
  return (req) => {
    const requestId = store.ids.next('req', 14)
    const replayed = keys.replay(req)
    if (replayed) return replayed
    const response = answer(store, spec, req, requestId)
    const withId = { ...response, headers: { ...response.headers, 'Request-Id': requestId } }
    keys.remember(req, withId)
    return withId
  }
}

function answer(
  store: StripeStore,
  spec: EndpointSpec,
  req: SandboxRequest,
  requestId: string,
): SandboxResponse {
  try {
    const params = parseStripeForm(req.method === 'POST' ? req.rawBody : req.query.toString())
    checkParams(params, spec.params)
    const key = req.headers['idempotency-key']
    const change: ChangeOptions = {
      request: { id: requestId, idempotency_key: (Array.isArray(key) ? key[0] : key) ?? null },
    }
    const body = structuredClone(spec.handle({ req, params, change })) as Record<string, unknown>
    expandPaths(body, expandParam(params), (kind, id) => store.lookup(kind, id))
    const rendered = renderForVersion(body, apiVersionOf(req, store))
    return { status: 200, body: truncateEmbeddedLists(rendered) }
  } catch (error) {
    if (error instanceof StripeApiError) return error.response
    if (error instanceof FormError)
      return invalidParam(`Invalid hash: ${error.param}`, error.param.replace(/\[.*$/, ''))
    throw error
  }
}
