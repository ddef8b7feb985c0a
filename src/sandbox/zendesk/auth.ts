import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { zendeskError } from './errors.js'
import type { ZendeskUser } from './records.js'
import type { ZendeskStore } from './store.js'

/** What the sandbox account accepts: one API token, one OAuth access token, one admin. */
export interface ZendeskSandboxCredentials {
  /** The integration admin's sign-in address (Basic `{email}/token:{apiToken}`). */
  email: string
  apiToken: string
  /** A fixed OAuth access token acting as the integration admin (`Bearer`). */
  oauthToken: string
}

/** Whom a request acts as: the admin, or a dataset agent signing in with the account's token. */
export interface Principal {
  user: ZendeskUser
}

/** The id of the integration admin when the dataset has no user with its address. */
const INTEGRATION_USER_ID = 360_000_999_001

/**
 * Zendesk's two API schemes: Basic with `{email}/token:{api_token}` (password access is off, as
 * on new accounts) and Bearer OAuth tokens.
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 */
export function principalOf(
  req: SandboxRequest,
  credentials: ZendeskSandboxCredentials,
  store: ZendeskStore,
): Principal | undefined {
  const header = req.headers.authorization ?? ''
  const bearer = /^Bearer\s+(.+)$/i.exec(header)
  if (bearer) return bearer[1] === credentials.oauthToken ? admin(credentials, store) : undefined
  const basic = /^Basic\s+(.+)$/i.exec(header)
  if (!basic) return undefined
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
  const token = /^(.+)\/token:(.*)$/.exec(decoded)
  if (!token || token[2] !== credentials.apiToken) return undefined
  const email = token[1]!.toLowerCase()
  if (email === credentials.email.toLowerCase()) return admin(credentials, store)
  const staff = [...store.users.values()].find(
    (u) => u.email?.toLowerCase() === email && u.role !== 'end-user',
  )
  return staff ? { user: staff } : undefined
}

function admin(credentials: ZendeskSandboxCredentials, store: ZendeskStore): Principal {
  const known = [...store.users.values()].find(
    (u) => u.email?.toLowerCase() === credentials.email.toLowerCase(),
  )
  return {
    user: known ?? {
      id: INTEGRATION_USER_ID,
      name: 'cs360 integration',
      email: credentials.email,
      role: 'admin',
      organization_id: null,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    },
  }
}

/** The 401 each scheme answers with. */
export function unauthorized(req: SandboxRequest): SandboxResponse {
  if (/^Bearer\s/i.test(req.headers.authorization ?? '')) {
    return {
      status: 401,
      body: {
        error: 'invalid_token',
        error_description:
          'The access token provided is expired, revoked, malformed or invalid for other reasons.',
      },
    }
  }
  return { status: 401, body: { error: "Couldn't authenticate you" } }
}

// Incremental exports and satisfaction ratings are "Allowed for: Admins".
const ADMIN_ONLY = /^\/api\/v2\/(incremental\/|satisfaction_ratings)/

/** 403 for agents on admin-only endpoints. */
export function forbidden(req: SandboxRequest, principal: Principal): SandboxResponse | undefined {
  if (principal.user.role === 'admin' || !ADMIN_ONLY.test(req.path)) return undefined
  return zendeskError(
    403,
    'Forbidden',
    'You do not have access to this page. Please contact the account owner of this help desk for further help.',
  )
}
