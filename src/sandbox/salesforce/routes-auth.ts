import type { Router, SandboxResponse } from '../framework/http.js'
import { INTEGRATION_USER_ID, ORG_ID, type TokenIssuer } from './tokens.js'

export interface SandboxCredentials {
  clientId: string
  clientSecret: string
  refreshToken?: string
}

/**
 * OAuth 2.0 token endpoint: client_credentials and refresh_token grants, form-encoded, errors as
 * `{error, error_description}` with 400.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm
 */
export function authRoutes(
  router: Router,
  baseUrl: () => string,
  credentials: SandboxCredentials,
  tokens: TokenIssuer,
): void {
  router.on('POST', '/services/oauth2/token', (req) => {
    const form = (req.body ?? {}) as Record<string, string>
    if (
      form.client_id !== credentials.clientId ||
      form.client_secret !== credentials.clientSecret
    ) {
      return oauthError(
        'invalid_client',
        form.client_id !== credentials.clientId
          ? 'invalid client credentials'
          : 'invalid client credentials',
      )
    }
    if (form.grant_type === 'refresh_token') {
      if (!credentials.refreshToken || form.refresh_token !== credentials.refreshToken) {
        return oauthError('invalid_grant', 'expired access/refresh token')
      }
    } else if (form.grant_type !== 'client_credentials') {
      return oauthError(
        'unsupported_grant_type',
        `grant type not supported: ${form.grant_type ?? '(none)'}`,
      )
    }
    const { token, issuedAt } = tokens.issue()
    return {
      status: 200,
      body: {
        access_token: token,
        signature: Buffer.from(`${token}:${issuedAt}`).toString('base64'),
        scope: 'api',
        instance_url: baseUrl(),
        id: `${baseUrl()}/id/${ORG_ID}/${INTEGRATION_USER_ID}`,
        token_type: 'Bearer',
        issued_at: String(issuedAt),
      },
    }
  })
  router.on('GET', '/services/oauth2/userinfo', (req) =>
    tokens.valid(req.headers.authorization)
      ? {
          status: 200,
          body: {
            sub: `${baseUrl()}/id/${ORG_ID}/${INTEGRATION_USER_ID}`,
            user_id: INTEGRATION_USER_ID,
            organization_id: ORG_ID,
            name: 'cs360 Integration',
          },
        }
      : { status: 403, body: 'Bad_OAuth_Token', headers: { 'Content-Type': 'text/plain' } },
  )
}

function oauthError(error: string, description: string): SandboxResponse {
  return { status: 400, body: { error, error_description: description } }
}
