import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { INTEGRATION_USER_ID, ORG_ID, type TokenIssuer } from './tokens.js'

export interface SandboxCredentials {
  clientId: string
  clientSecret: string
  /** Accepted by the refresh_token grant; without it that grant is refused. */
  refreshToken?: string
}

/**
 * OAuth 2.0 endpoints of the org: token (client_credentials and refresh_token grants,
 * form-encoded, client credentials in the body or as HTTP Basic), revoke, userinfo, identity.
 * Neither grant returns a refresh token, as Salesforce does without refresh-token rotation.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm
 */
export function authRoutes(
  router: Router,
  baseUrl: () => string,
  credentials: SandboxCredentials,
  tokens: TokenIssuer,
  orgId: () => string = () => ORG_ID,
): void {
  const identityUrl = () => `${baseUrl()}/id/${orgId()}/${INTEGRATION_USER_ID}`

  router.on('POST', '/services/oauth2/token', (req) => {
    const form = { ...basicAuth(req), ...((req.body ?? {}) as Record<string, string>) }
    if (form.grant_type !== 'client_credentials' && form.grant_type !== 'refresh_token')
      return oauthError('unsupported_grant_type', 'grant type not supported')
    if (form.client_id !== credentials.clientId)
      return oauthError('invalid_client_id', 'client identifier invalid')
    if (form.client_secret !== credentials.clientSecret)
      return oauthError('invalid_client', 'invalid client credentials')
    if (
      form.grant_type === 'refresh_token' &&
      (!credentials.refreshToken || form.refresh_token !== credentials.refreshToken)
    )
      return oauthError('invalid_grant', 'expired access/refresh token')
    const { token, issuedAt } = tokens.issue()
    return {
      status: 200,
      body: {
        access_token: token,
        signature: Buffer.from(`${identityUrl()}${issuedAt}`).toString('base64'),
        scope: 'api',
        instance_url: baseUrl(),
        id: identityUrl(),
        token_type: 'Bearer',
        issued_at: String(issuedAt),
      },
    }
  })

  router.on('POST', '/services/oauth2/revoke', (req) => {
    const token = ((req.body ?? {}) as Record<string, string>).token ?? req.query.get('token') ?? ''
    return tokens.revoke(token)
      ? { status: 200 }
      : oauthError('unsupported_token_type', 'this token type is not supported')
  })

  const identity = (req: SandboxRequest): SandboxResponse =>
    tokens.valid(req.headers.authorization)
      ? {
          status: 200,
          body: {
            sub: identityUrl(),
            id: identityUrl(),
            user_id: INTEGRATION_USER_ID,
            organization_id: orgId(),
            preferred_username: 'cs360-integration@sandbox.example',
            username: 'cs360-integration@sandbox.example',
            name: 'cs360 Integration',
            display_name: 'cs360 Integration',
            email: 'cs360-integration@sandbox.example',
            active: true,
            user_type: 'STANDARD',
            urls: { rest: `${baseUrl()}/services/data/v{version}/` },
          },
        }
      : { status: 403, body: 'Bad_OAuth_Token', headers: { 'Content-Type': 'text/plain' } }
  router.on('GET', '/services/oauth2/userinfo', identity)
  router.on('GET', '/id/:org/:user', identity)
}

/** Client credentials sent as HTTP Basic, which the token endpoint accepts too. */
function basicAuth(req: SandboxRequest): Record<string, string> {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
  if (!m) return {}
  const [id, secret] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':')
  return {
    client_id: decodeURIComponent(id ?? ''),
    client_secret: decodeURIComponent(secret ?? ''),
  }
}

function oauthError(error: string, description: string): SandboxResponse {
  return { status: 400, body: { error, error_description: description } }
}
