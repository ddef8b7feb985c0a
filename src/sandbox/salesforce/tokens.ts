import { randomBytes } from 'node:crypto'
import type { FaultSwitches } from '../framework/faults.js'

export const ORG_ID = '00D8Z000000cs36UAA'
/** The user the integration's tokens act as (client_credentials "run as" user). */
export const INTEGRATION_USER_ID = '0058Z000000cs36QAA'

interface Issued {
  issuedAt: number
  expiresAt: number
  epoch: number
}

/** Access tokens the sandbox issued, each with its expiry (tests shorten the lifetime). */
export class TokenIssuer {
  private readonly tokens = new Map<string, Issued>()

  constructor(
    private readonly ttlMs: number,
    private readonly faults: FaultSwitches,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { token: string; issuedAt: number } {
    const issuedAt = this.now()
    // Real access tokens are the org id, "!", and an opaque part.
    const token = `${ORG_ID.slice(0, 15)}!${randomBytes(32).toString('base64url')}`
    this.tokens.set(token, {
      issuedAt,
      expiresAt: issuedAt + this.ttlMs,
      epoch: this.faults.tokenEpoch,
    })
    return { token, issuedAt }
  }

  /** Whether an `Authorization` header carries a live token (`Bearer` or the older `OAuth`). */
  valid(header: string | undefined): boolean {
    const token = header?.replace(/^(Bearer|OAuth)\s+/i, '')
    const issued = token ? this.tokens.get(token) : undefined
    if (!issued) return false
    return this.now() < issued.expiresAt && issued.epoch === this.faults.tokenEpoch
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token)
  }
}
