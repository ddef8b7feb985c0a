/**
 * Runtime fault switches of one sandbox server, flipped by tests and `cs360 sandbox`. Each
 * system renders them as its own API would (error body, status, headers).
 */
export class FaultSwitches {
  /** Added to every request. */
  latencyMs = 0
  /** The next `count` requests fail with `status` (503 bursts, 500s, 429s). */
  private burst: { status: number; count: number } | undefined
  /** Requests allowed before the emulated API allowance is spent (undefined = unlimited). */
  requestAllowance: number | undefined
  private tokensRevokedAt = 0

  failNext(status: number, count: number): void {
    this.burst = { status, count }
  }

  /** Status of the burst fault this request falls into, if any (consumes one). */
  takeBurst(): number | undefined {
    if (!this.burst || this.burst.count <= 0) return undefined
    this.burst.count -= 1
    return this.burst.status
  }

  /** Every token issued before now is invalid from now on. */
  expireTokens(): void {
    this.tokensRevokedAt = Date.now()
  }

  tokenRevoked(issuedAt: number): boolean {
    return issuedAt <= this.tokensRevokedAt
  }

  reset(): void {
    this.latencyMs = 0
    this.burst = undefined
    this.requestAllowance = undefined
  }
}
