import type { CallLog } from './call-log.js'
import type { FaultSwitches } from './faults.js'
import type { RequestHandler, SandboxRequest, SandboxResponse } from './http-server.js'
import type { Router } from './router.js'

/** How a system words the generic outcomes in its own API's error shape. */
export interface SystemErrors {
  /** Body of an injected failure that brings none of its own. */
  failure(status: number): unknown
  notFound(req: SandboxRequest): SandboxResponse
  methodNotAllowed(req: SandboxRequest, allowed: string[]): SandboxResponse
  internal(error: unknown): SandboxResponse
}

export interface SandboxHandlerOptions {
  router: Router
  faults: FaultSwitches
  calls: CallLog
  errors: SystemErrors
  /** Runs before routing (auth, allowances); a response returned here is the answer. */
  guard?: (req: SandboxRequest) => SandboxResponse | undefined
  /** Adjusts every answer, e.g. usage headers. */
  decorate?: (req: SandboxRequest, res: SandboxResponse) => SandboxResponse
}

/**
 * The request pipeline every sandbox shares: latency, injected failures, the system's guard,
 * routing, and the call log. Everything system-specific comes in through the options.
 */
export function sandboxHandler(options: SandboxHandlerOptions): RequestHandler {
  const { router, faults, calls, errors } = options
  const dispatch = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const failure = faults.takeFailure()
    if (failure)
      return { status: failure.status, body: failure.body ?? errors.failure(failure.status) }
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
  return async (req) => {
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
    let response = await dispatch(req)
    if (options.decorate) response = options.decorate(req, response)
    calls.record({ method: req.method, path: req.path, status: response.status, at: Date.now() })
    return response
  }
}
