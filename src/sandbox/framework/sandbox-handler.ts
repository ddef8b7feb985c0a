import type { CallLog } from './call-log.js'
import type { FaultSwitches } from './faults.js'
import type { RequestHandler, SandboxRequest, SandboxResponse } from './http-server.js'
import type { Router } from './router.js'
import type { WindowLimiter } from './window-limiter.js'

/** How a system words the generic outcomes in its own API's error shape. */
export interface SystemErrors {
  /** Body of an injected failure that brings none of its own. */
  failure(status: number): unknown
  notFound(req: SandboxRequest): SandboxResponse
  methodNotAllowed(req: SandboxRequest, allowed: string[]): SandboxResponse
  internal(error: unknown): SandboxResponse
}

/**
 * One metered allowance of a system (Zendesk's incremental exports, HubSpot's 10-second window,
 * Stripe's per-second limit): which requests count, how a refusal reads, and the headers that
 * tell clients where they stand.
 */
export interface RequestLimit {
  limiter: WindowLimiter
  applies(req: SandboxRequest): boolean
  /** The system's refusal (429 with Retry-After and its own body). */
  refuse(req: SandboxRequest, state: { resetMs: number }): SandboxResponse
  /** Headers every counted answer carries (X-Rate-Limit-Remaining …). */
  headers?(state: { remaining: number; resetMs: number; limit: number }): Record<string, string>
}

export interface SandboxHandlerOptions {
  router: Router
  faults: FaultSwitches
  calls: CallLog
  errors: SystemErrors
  /** The system's auth scheme: a response returned here (401) is the answer. */
  auth?: (req: SandboxRequest) => SandboxResponse | undefined
  /** Allowances checked after auth, in order; the first refusal is the answer. */
  limits?: RequestLimit[]
  /** Runs after auth and limits, before routing (e.g. a daily allowance); a response is the answer. */
  guard?: (req: SandboxRequest) => SandboxResponse | undefined
  /** Adjusts every answer, e.g. usage headers. */
  decorate?: (req: SandboxRequest, res: SandboxResponse) => SandboxResponse
}

/**
 * The request pipeline every sandbox shares: latency, injected failures (5xx bursts, 429s), the
 * system's auth scheme, its metered allowances with their headers, routing, and the call log.
 * Everything system-specific comes in through the options.
 */
export function sandboxHandler(options: SandboxHandlerOptions): RequestHandler {
  const { router, faults, calls, errors } = options
  const dispatch = async (
    req: SandboxRequest,
    limitHeaders: Record<string, string>,
  ): Promise<SandboxResponse> => {
    const failure = faults.takeFailure(req)
    if (failure)
      return {
        status: failure.status,
        body: failure.body ?? errors.failure(failure.status),
        headers: failure.headers,
      }
    const unauthorized = options.auth?.(req)
    if (unauthorized) return unauthorized
    for (const limit of options.limits ?? []) {
      if (!limit.applies(req)) continue
      const taken = limit.limiter.take()
      Object.assign(
        limitHeaders,
        limit.headers?.({
          remaining: taken.remaining,
          resetMs: taken.resetMs,
          limit: limit.limiter.limit,
        }),
      )
      if (!taken.allowed) return limit.refuse(req, taken)
    }
    const refused = options.guard?.(req)
    if (refused) return refused
    const route = router.match(req.method, req.path)
    if (route.kind === 'none') return errors.notFound(req)
    if (route.kind === 'wrong-method') return errors.methodNotAllowed(req, route.allowed)
    try {
      return await route.handler({ ...req, params: route.params })
    } catch (error) {
      return errors.internal(error)
    }
  }
  // The latest answers in each family of requests `repeatNext` matches, oldest first, to serve
  // again: as many as the switch reaches back.
  const previousAnswers = new Map<string, SandboxResponse[]>()
  return async (req) => {
    faults.countRequest()
    const answered = calls.begin(req.method, req.path)
    try {
      const repeat = faults.repeatsMatch(req) ? faults.repeatFamily(req) : undefined
      const back = faults.repeatBack
      const history = repeat === undefined ? [] : (previousAnswers.get(repeat) ?? [])
      const previous = history[history.length - back]
      if (previous && faults.takeRepeat(req)) {
        // Served once more, not again in a row: the client's retry of this page gets it anew.
        previousAnswers.delete(repeat!)
        answered(previous.status)
        return previous
      }
      const delayMs = faults.latencyMs + faults.takeSlowness(req)
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
      const cutMidBody = faults.takeReset(req)
      const limitHeaders: Record<string, string> = {}
      let response = await dispatch(req, limitHeaders)
      response = { ...response, headers: { ...limitHeaders, ...response.headers } }
      if (options.decorate) response = options.decorate(req, response)
      answered(response.status)
      if (repeat !== undefined) previousAnswers.set(repeat, [...history, response].slice(-back))
      return cutMidBody ? { ...response, cutMidBody } : response
    } catch (error) {
      // The HTTP server answers 500 for a handler that throws.
      answered(500)
      throw error
    }
  }
}
