/**
 * Keeps cs360 under `perSecond` requests in every window of a second: once a second's allowance
 * is used, the next request waits for the window to end (one wait per second of reading, not
 * one per request). Waits go through the caller's `wait` (ConnectorContext.wait), which keeps
 * the activity alive and says why it waits.
 */
export class RequestPacer {
  private windowStart = -Infinity
  private used = 0

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(wait: (ms: number, reason: string) => Promise<void>): Promise<void> {
    const allowance = Math.max(1, Math.floor(this.perSecond))
    const windowMs = (1000 * allowance) / this.perSecond
    if (this.now() - this.windowStart >= windowMs) {
      this.windowStart = this.now()
      this.used = 0
    }
    if (this.used >= allowance) {
      await wait(
        this.windowStart + windowMs - this.now(),
        `pacing Stripe requests to connectors.stripe.requestsPerSecond (${this.perSecond})`,
      )
      this.windowStart = this.now()
      this.used = 0
    }
    this.used += 1
  }
}
