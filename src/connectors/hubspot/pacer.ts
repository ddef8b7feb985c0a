import { rateLimitError } from '../../errors.js'
import type { ConnectorContext } from '../types.js'
import { untilNextUtcMidnight } from './errors.js'

export type CallKind = 'api' | 'search'

/** Calls kept back from the ten-second window, for other integrations of the portal. */
const RESERVE = 1
/** HubSpot allows search "about 4–5" requests a second; cs360 sends at most 4. */
const SEARCHES_PER_SECOND = 4

type Wait = ConnectorContext<unknown>['wait']

/**
 * Paces calls on what HubSpot reports before a 429 happens: the ten-second window's
 * `X-HubSpot-RateLimit-Remaining` (when spent, wait one `-Interval-Milliseconds`, after which a
 * rolling window holds none of these calls), the per-second `-Secondly-Remaining`, and the
 * private app's `-Daily-Remaining` (spent: stop until midnight UTC). Search answers carry no
 * headers; its per-second limit is kept by spacing searches: at most 4 in any second. Per-second
 * windows are a tenth of the reported interval (HubSpot reports 10,000 ms; the sandbox's tests
 * shrink it, and so every window).
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export class HubspotPacer {
  private remaining: number | undefined
  private secondlyRemaining: number | undefined
  private dailyRemaining: number | undefined
  private interval = 10_000
  private readonly searches: number[] = []

  constructor(private readonly now: () => number = Date.now) {}

  /** The ten-second window as HubSpot last reported it (tests shrink it). */
  get intervalMs(): number {
    return this.interval
  }

  async beforeCall(wait: Wait, kind: CallKind): Promise<void> {
    if (this.dailyRemaining !== undefined && this.dailyRemaining <= 0)
      throw rateLimitError(
        "HubSpot: the private app's daily API allowance is spent (X-HubSpot-RateLimit-Daily-Remaining: 0); cs360 resumes after midnight UTC",
        'hubspot',
        untilNextUtcMidnight(this.now()),
      )
    if (kind === 'search') {
      if (this.searches.length < SEARCHES_PER_SECOND) return
      const nth = this.searches[this.searches.length - SEARCHES_PER_SECOND]!
      const delay = nth + this.interval / 10 - this.now()
      if (delay > 0) await wait(delay, 'HubSpot search limit (4 requests a second)')
      return
    }
    if (this.remaining !== undefined && this.remaining <= RESERVE) {
      await wait(this.interval, 'HubSpot ten-second rate limit (X-HubSpot-RateLimit-Remaining)')
      this.remaining = undefined
      this.secondlyRemaining = undefined
    } else if (this.secondlyRemaining !== undefined && this.secondlyRemaining <= 0) {
      await wait(this.interval / 10, 'HubSpot per-second rate limit')
      this.secondlyRemaining = undefined
    }
  }

  /** After waiting out a 429 the window has moved on: what the last answer said is stale. */
  waited(): void {
    this.remaining = undefined
    this.secondlyRemaining = undefined
  }

  /** Reads what an answer (success or failure) says about the allowances. */
  afterCall(headers: Record<string, string> | undefined, kind: CallKind): void {
    if (kind === 'search') {
      this.searches.push(this.now())
      if (this.searches.length > SEARCHES_PER_SECOND) this.searches.shift()
    }
    if (!headers) return
    const read = (name: string) => {
      const value = Number(headers[`x-hubspot-ratelimit-${name}`])
      return headers[`x-hubspot-ratelimit-${name}`] !== undefined && Number.isFinite(value)
        ? value
        : undefined
    }
    this.interval = read('interval-milliseconds') ?? this.interval
    this.remaining = read('remaining') ?? this.remaining
    this.secondlyRemaining = read('secondly-remaining') ?? this.secondlyRemaining
    this.dailyRemaining = read('daily-remaining') ?? this.dailyRemaining
  }
}
