/** Which requests a switch applies to; unset: every request. */
export type RequestMatch = (req: RequestLine) => boolean

/** What switches see of a request. */
export interface RequestLine {
  method: string
  path: string
  query?: URLSearchParams
}

/** An injected failure: the next `count` requests answer `status` (with `body`, if given). */
export interface InjectedFailure {
  status: number
  count: number
  /** Overrides the body the system would render for `status`. */
  body?: unknown
  /** Headers of the failure, e.g. `Retry-After` on an injected 429. */
  headers?: Record<string, string>
  /** Only requests this matches fail (and count); unset: every request. */
  match?: RequestMatch
}

/**
 * A request allowance. Each system decides what running out looks like: Salesforce answers 403
 * REQUEST_LIMIT_EXCEEDED for its daily allowance, HubSpot or Stripe a 429.
 */
export interface RateLimit {
  limit: number
  /** Usage starts again after this long; unset: never within the server's lifetime. */
  windowMs?: number
}

/** A transport fault armed for the next `count` matching requests. */
interface ArmedTransportFault {
  count: number
  match?: RequestMatch
  /** For `repeatNext`: which requests page through the same list (default: same path). */
  family?: (req: RequestLine) => string
  /** For `slowNext`: the delay added to each. */
  delayMs?: number
  /** For `repeatNext`/`serveOlderNext`: how many answers back the one served again is (1: the last). */
  back?: number
}

export interface AllowanceUse {
  allowed: boolean
  used: number
  limit: number | undefined
}

/**
 * Runtime fault switches of one sandbox server, flipped by tests and `cs360 sandbox`. The
 * switches are generic; each system renders them as its own API would (status, error body).
 */
export class FaultSwitches {
  /** Delay added to every request. */
  latencyMs = 0
  /** Undefined: unlimited. */
  rateLimit: RateLimit | undefined
  private failure: InjectedFailure | undefined
  private pendingActions: { remaining: number; action: () => void }[] = []
  private slow: ArmedTransportFault | undefined
  private resets: ArmedTransportFault | undefined
  private repeats: ArmedTransportFault | undefined
  private used = 0
  private windowStart: number
  private epoch = 0

  constructor(
    private readonly defaults: { rateLimit?: RateLimit } = {},
    private readonly now: () => number = Date.now,
  ) {
    this.rateLimit = defaults.rateLimit && { ...defaults.rateLimit }
    this.windowStart = now()
  }

  /** Fails the next requests: `failNext(503, 3)` or `failNext({ status: 503, count: 3, body })`. */
  failNext(failure: InjectedFailure): void
  failNext(status: number, count?: number, body?: unknown): void
  failNext(statusOrFailure: number | InjectedFailure, count = 1, body?: unknown): void {
    this.failure =
      typeof statusOrFailure === 'number'
        ? { status: statusOrFailure, count, body }
        : { ...statusOrFailure }
  }

  /** The failure still armed, if any. */
  get pendingFailure(): Readonly<InjectedFailure> | undefined {
    return this.failure && this.failure.count > 0 ? { ...this.failure } : undefined
  }

  /** The failure this request falls into, if any; consumes one. */
  takeFailure(
    req?: RequestLine,
  ): { status: number; body?: unknown; headers?: Record<string, string> } | undefined {
    if (!this.failure || this.failure.count <= 0) return undefined
    if (this.failure.match && !(req && this.failure.match(req))) return undefined
    this.failure.count -= 1
    const { status, body, headers } = this.failure
    return headers ? { status, body, headers } : { status, body }
  }

  /**
   * Runs `action` (flips other switches) once `requests` more requests arrived, before the last
   * of them is handled: a fault injected mid-run at a point a test can name.
   */
  afterRequests(requests: number, action: () => void): void {
    this.pendingActions.push({ remaining: requests, action })
  }

  /** Counts one arriving request towards `afterRequests`; the sandbox pipeline calls it first. */
  countRequest(): void {
    const due = this.pendingActions.filter((p) => --p.remaining <= 0)
    this.pendingActions = this.pendingActions.filter((p) => p.remaining > 0)
    for (const p of due) p.action()
  }

  /**
   * The next `count` matching requests answer `delayMs` late (on top of `latencyMs`): a server
   * slower than a client's time limit for a few requests, then well again.
   */
  slowNext(delayMs: number, count: number, match?: RequestMatch): void {
    this.slow = { count, match, delayMs }
  }

  /** The extra delay of this request under `slowNext`, if any; consumes one. */
  takeSlowness(req: RequestLine): number {
    return this.take(this.slow, req) ? (this.slow?.delayMs ?? 0) : 0
  }

  /**
   * The next `count` matching requests are handled as usual, but the connection is destroyed
   * after part of the answer's body went out: a reset mid-body (the request had its effect).
   */
  resetNext(count: number, match?: RequestMatch): void {
    this.resets = { count, match }
  }

  /** Whether this request's connection is to be reset mid-body; consumes one. */
  takeReset(req: RequestLine): boolean {
    return this.take(this.resets, req)
  }

  /**
   * The next `count` matching requests are answered with the previous answer of their family (the
   * same list: by default the same path) again: a cursor page served twice, its records and its
   * link to the page after it. A request with no previous answer in its family is answered anew.
   */
  repeatNext(count: number, match?: RequestMatch, family?: ArmedTransportFault['family']): void {
    this.repeats = { count, match, family, back: 1 }
  }

  /**
   * The next `count` matching requests are answered with the answer their family got `back`
   * requests ago (2: the page before the last): an older page served after a newer one, as a
   * lagging replica behind a load balancer would. A request whose family has had fewer answers is
   * answered anew. Replaces a `repeatNext` still armed.
   */
  serveOlderNext(
    count: number,
    back: number,
    match?: RequestMatch,
    family?: ArmedTransportFault['family'],
  ): void {
    if (!Number.isInteger(back) || back < 1)
      throw new RangeError(
        `serveOlderNext: back must be a whole number of answers ≥ 1, got ${back}`,
      )
    this.repeats = { count, match, family, back }
  }

  /** How many answers back the next repeat is served from (1: the last answer, as `repeatNext`). */
  get repeatBack(): number {
    return this.repeats?.back ?? 1
  }

  /** Repeats `repeatNext` has still to serve. */
  get repeatsLeft(): number {
    return Math.max(0, this.repeats?.count ?? 0)
  }

  /** The family `repeatNext` files this request's answer under. */
  repeatFamily(req: RequestLine): string {
    return this.repeats?.family?.(req) ?? `${req.method} ${req.path}`
  }

  /** Whether this request gets the previous matching answer again; consumes one. */
  takeRepeat(req: RequestLine): boolean {
    return this.take(this.repeats, req)
  }

  /** Whether `repeatNext` is armed for requests like this one (their answers are kept). */
  repeatsMatch(req: RequestLine): boolean {
    return (
      !!this.repeats && this.repeats.count > 0 && (!this.repeats.match || this.repeats.match(req))
    )
  }

  private take(armed: ArmedTransportFault | undefined, req: RequestLine) {
    if (!armed || armed.count <= 0 || (armed.match && !armed.match(req))) return false
    armed.count -= 1
    return true
  }

  /** Counts one request against `rateLimit`; a refused request does not count. */
  useAllowance(): AllowanceUse {
    this.rollWindow()
    const limit = this.rateLimit?.limit
    if (limit !== undefined && this.used >= limit) return { allowed: false, used: this.used, limit }
    this.used += 1
    return { allowed: true, used: this.used, limit }
  }

  usage(): { used: number; limit: number | undefined } {
    this.rollWindow()
    return { used: this.used, limit: this.rateLimit?.limit }
  }

  /** Requests left before the allowance is spent; setting it moves the limit to match. */
  get requestAllowance(): number | undefined {
    const { used, limit } = this.usage()
    return limit === undefined ? undefined : Math.max(0, limit - used)
  }

  set requestAllowance(remaining: number | undefined) {
    this.rateLimit =
      remaining === undefined
        ? undefined
        : { ...this.rateLimit, limit: this.usage().used + remaining }
  }

  /** Every credential issued before now stops working. */
  expireTokens(): void {
    this.epoch += 1
  }

  /** Token issuers stamp credentials with this and compare on use (see `expireTokens`). */
  get tokenEpoch(): number {
    return this.epoch
  }

  /** Back to the server's configured behaviour; usage so far is kept (see `resetUsage`). */
  reset(): void {
    this.latencyMs = 0
    this.failure = undefined
    this.slow = undefined
    this.resets = undefined
    this.repeats = undefined
    this.pendingActions = []
    this.rateLimit = this.defaults.rateLimit && { ...this.defaults.rateLimit }
  }

  resetUsage(): void {
    this.used = 0
    this.windowStart = this.now()
  }

  private rollWindow(): void {
    const windowMs = this.rateLimit?.windowMs
    if (windowMs !== undefined && this.now() - this.windowStart >= windowMs) this.resetUsage()
  }
}
