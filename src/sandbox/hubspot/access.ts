import { randomBytes } from 'node:crypto'
import type { FaultSwitches } from '../framework/faults.js'
import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { hubspotError } from './errors.js'
import { ALL_SCOPES, HUBSPOT_SANDBOX_CREDENTIALS, type Scope } from './portal.js'

interface Issued {
  expiresAt: number
  epoch: number
  scopes: Scope[]
}

export type TokenKind = 'private_app' | 'oauth'

export type Verdict =
  | { ok: true; kind: TokenKind; scopes: ReadonlySet<Scope>; token: string }
  | { ok: false; response: SandboxResponse }

/**
 * Who may call the portal: its private app's token (never expires) and the OAuth access
 * tokens the token endpoint issued (30 minutes unless tests shorten them). `scopes` is what
 * the private app and the OAuth app were granted; tests take scopes away to see 403s.
 * https://developers.hubspot.com/docs/guides/apps/authentication/working-with-oauth
 */
export class PortalAccess {
  readonly scopes = new Set<Scope>(ALL_SCOPES)
  private readonly tokens = new Map<string, Issued>()

  constructor(
    private readonly ttlMs: number,
    private readonly faults: FaultSwitches,
    private readonly now: () => number,
  ) {}

  issue(): { token: string; expiresIn: number; scopes: Scope[] } {
    // Real access tokens are opaque base64 strings starting with "C".
    const token = `CN${randomBytes(48).toString('base64url')}`
    const scopes = [...this.scopes]
    this.tokens.set(token, {
      expiresAt: this.now() + this.ttlMs,
      epoch: this.faults.tokenEpoch,
      scopes,
    })
    return { token, expiresIn: Math.round(this.ttlMs / 1000), scopes }
  }

  /** The live OAuth token's details, for `GET /oauth/v1/access-tokens/{token}`. */
  info(token: string): { expiresIn: number; scopes: Scope[] } | undefined {
    const issued = this.tokens.get(token)
    if (!issued || !this.live(issued)) return undefined
    return {
      expiresIn: Math.max(0, Math.round((issued.expiresAt - this.now()) / 1000)),
      scopes: issued.scopes,
    }
  }

  /** Checks the bearer token of a request: 401 with HubSpot's category when it cannot call. */
  verify(req: SandboxRequest): Verdict {
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim()
    if (token === HUBSPOT_SANDBOX_CREDENTIALS.accessToken)
      return { ok: true, kind: 'private_app', scopes: this.scopes, token }
    const issued = token ? this.tokens.get(token) : undefined
    if (!token || !issued) return { ok: false, response: invalidAuthentication() }
    if (!this.live(issued)) {
      const ago = Math.max(
        1,
        Math.round((this.now() - Math.min(issued.expiresAt, this.now())) / 1000),
      )
      return {
        ok: false,
        response: hubspotError(
          401,
          'EXPIRED_AUTHENTICATION',
          `The OAuth token used to make this call expired ${ago} second(s) ago.`,
        ),
      }
    }
    return { ok: true, kind: 'oauth', scopes: new Set(issued.scopes), token }
  }

  private live(issued: Issued): boolean {
    return this.now() < issued.expiresAt && issued.epoch === this.faults.tokenEpoch
  }
}

export function invalidAuthentication(): SandboxResponse {
  return hubspotError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  )
}

/** 403 for a token without the scope a call needs. */
export function missingScopes(scope: Scope): SandboxResponse {
  return hubspotError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [scope] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  )
}
