import { randomBytes } from 'node:crypto'
import type { FaultSwitches } from '../framework/faults.js'

export const ORG_ID = '00D8Z000000cs36UAA'
export const INTEGRATION_USER_ID = '0058Z000000cs36QAA'

/** Access tokens the sandbox issued, each with its expiry (tests shorten the lifetime). */
export class TokenIssuer {
  private readonly tokens = new Map<string, { issuedAt: number; expiresAt: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly faults: FaultSwitches,
  ) {}

  issue(): { token: string; issuedAt: number } {
    const issuedAt = Date.now()
    const token = `${ORG_ID.slice(0, 15)}!${randomBytes(24).toString('base64url')}`
    this.tokens.set(token, { issuedAt, expiresAt: issuedAt + this.ttlMs })
    return { token, issuedAt }
  }

  valid(header: string | undefined): boolean {
    const token = header?.replace(/^(Bearer|OAuth)\s+/i, '')
    const entry = token ? this.tokens.get(token) : undefined
    if (!entry) return false
    return Date.now() < entry.expiresAt && !this.faults.tokenRevoked(entry.issuedAt)
  }
}
