/**
 * A request allowance per fixed window, as the SaaS APIs meter them (Zendesk: 10 incremental
 * exports a minute; HubSpot: 100 requests per 10 seconds; Stripe: 25 a second). Tests shrink
 * the window so that a multi-minute export runs in seconds.
 */
export class WindowLimiter {
  private used = 0
  private windowStart: number

  constructor(
    public limit: number,
    public windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now()
  }

  /** Counts one request; a refused one does not count. */
  take(): { allowed: boolean; remaining: number; resetMs: number } {
    this.roll()
    if (this.used >= this.limit) return { allowed: false, remaining: 0, resetMs: this.resetMs() }
    this.used += 1
    return { allowed: true, remaining: this.limit - this.used, resetMs: this.resetMs() }
  }

  state(): { used: number; remaining: number; resetMs: number } {
    this.roll()
    return {
      used: this.used,
      remaining: Math.max(0, this.limit - this.used),
      resetMs: this.resetMs(),
    }
  }

  reset(): void {
    this.used = 0
    this.windowStart = this.now()
  }

  private resetMs(): number {
    return Math.max(0, this.windowStart + this.windowMs - this.now())
  }

  private roll(): void {
    const elapsed = this.now() - this.windowStart
    if (elapsed >= this.windowMs) {
      this.used = 0
      this.windowStart += Math.floor(elapsed / this.windowMs) * this.windowMs
    }
  }
}

/** Seconds as Retry-After states them: whole seconds, or fractions when tests shrink windows. */
export function retryAfterSeconds(ms: number): string {
  const seconds = ms / 1000
  return seconds >= 1 ? String(Math.ceil(seconds)) : String(Math.max(0.001, seconds).toFixed(3))
}
