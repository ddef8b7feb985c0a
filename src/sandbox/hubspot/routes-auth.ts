import { randomUUID } from 'node:crypto'
import type { SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { scoped } from './api.js'
import { hubspotError } from './errors.js'
import { HUBSPOT_SANDBOX_CREDENTIALS, INTEGRATION_USER_ID, PORTAL } from './portal.js'

/** The OAuth app's id in the developer account. */
const APP_ID = 3_603_600

/**
 * OAuth 2.0 (refresh-token grant; refresh tokens do not rotate), the access-token metadata
 * endpoint, and the account details a token reaches (`portalId`).
 * https://developers.hubspot.com/docs/reference/api/app-management/oauth
 * https://developers.hubspot.com/docs/reference/api/settings/account-information-api
 */
export function authRoutes(
  router: Router,
  access: PortalAccess,
  portalId: () => number = () => PORTAL.id,
): void {
  router.on('POST', '/oauth/v1/token', (req) => {
    const form = (req.body ?? {}) as Record<string, string>
    if (form.grant_type !== 'refresh_token' && form.grant_type !== 'authorization_code')
      return oauthError('BAD_GRANT_TYPE', 'missing or invalid grant type')
    if (form.client_id !== HUBSPOT_SANDBOX_CREDENTIALS.clientId)
      return oauthError('BAD_CLIENT_ID', 'missing or unknown client id')
    if (form.client_secret !== HUBSPOT_SANDBOX_CREDENTIALS.clientSecret)
      return oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret')
    // The sandbox has no consent screen, so no authorization code is ever valid.
    if (form.grant_type === 'authorization_code')
      return oauthError('BAD_AUTH_CODE', 'missing or invalid auth code')
    if (form.refresh_token !== HUBSPOT_SANDBOX_CREDENTIALS.refreshToken)
      return oauthError('BAD_REFRESH_TOKEN', 'missing or invalid refresh token')
    const issued = access.issue()
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        refresh_token: HUBSPOT_SANDBOX_CREDENTIALS.refreshToken,
        access_token: issued.token,
        expires_in: issued.expiresIn,
        hub_id: portalId(),
        user_id: INTEGRATION_USER_ID,
        scopes: issued.scopes,
      },
    }
  })

  router.on('GET', '/oauth/v1/access-tokens/:token', (req) => {
    const info = access.info(req.params.token!)
    if (!info) return hubspotError(404, 'OBJECT_NOT_FOUND', 'access token not found or expired')
    return {
      status: 200,
      body: {
        token: req.params.token,
        user: 'cs360-integration@cs360-demo.example',
        hub_domain: 'cs360-sandbox.hubspot.com',
        scopes: info.scopes,
        hub_id: portalId(),
        app_id: APP_ID,
        expires_in: info.expiresIn,
        user_id: INTEGRATION_USER_ID,
        token_type: 'access',
      },
    }
  })

  router.on(
    'GET',
    '/account-info/v3/details',
    scoped(access, 'oauth', () => ({
      status: 200,
      body: {
        portalId: portalId(),
        accountType: 'STANDARD',
        timeZone: PORTAL.timeZone,
        companyCurrency: PORTAL.currency,
        additionalCurrencies: [],
        utcOffset: '-05:00',
        utcOffsetMilliseconds: -18_000_000,
        uiDomain: PORTAL.uiDomain,
        dataHostingLocation: PORTAL.dataHostingLocation,
      },
    })),
  )
}

/** The OAuth endpoints answer `{status: <code>, message}` instead of the CRM error shape. */
function oauthError(status: string, message: string): SandboxResponse {
  return {
    status: 400,
    body: { status, message, correlationId: randomUUID(), requestId: randomUUID() },
  }
}
