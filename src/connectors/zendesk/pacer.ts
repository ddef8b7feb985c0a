/**
 * Spaces requests so that no window of `windowMs` holds more than `limit` of them, however the
 * server aligns its windows: request n starts no earlier than `windowMs` after request n−limit
 * was *answered*. The server counted that earlier request before answering it and counts this
 * one after it arrives, so the gap it sees is at least `windowMs` too, whatever the latency.
 * Requests go one at a time per pacer (the streams of one connector run one after another).
 */
export class RequestPacer {
  private readonly answered: number[] = []

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long to wait before the next request may start. */
  delayMs(): number {
    if (this.answered.length < this.limit) return 0
    const nth = this.answered[this.answered.length - this.limit]!
    return Math.max(0, nth + this.windowMs - this.now())
  }

  /** Call when a request's answer (any status) has arrived. */
  recordAnswer(): void {
    this.answered.push(this.now())
    if (this.answered.length > this.limit)
      this.answered.splice(0, this.answered.length - this.limit)
  }
}
