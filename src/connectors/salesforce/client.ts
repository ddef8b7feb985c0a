import jsforce from 'jsforce'
import type { ConnectorContext } from '../types.js'
import type { SalesforceConfig } from './config.js'

export type SalesforceConnection = InstanceType<typeof jsforce.Connection>

const connections = new WeakMap<SalesforceConfig, Promise<SalesforceConnection>>()
/** The identity URL each connection's token named: `…/id/<org id>/<user id>`. */
const identities = new WeakMap<SalesforceConnection, string>()

/** Which org and integration user the connection's token belongs to. */
export function connectionIdentity(
  conn: SalesforceConnection,
): { orgId: string; userId: string } | null {
  const match = /\/id\/(\w{15,18})\/(\w{15,18})$/.exec(identities.get(conn) ?? '')
  return match ? { orgId: match[1]!, userId: match[2]! } : null
}

/**
 * One connection per parsed config, shared by every stream and the write-back in this process:
 * a token request per activity would be waste, and jsforce renews the session when it expires.
 */
export function salesforceConnection(
  ctx: ConnectorContext<SalesforceConfig>,
): Promise<SalesforceConnection> {
  let conn = connections.get(ctx.config)
  if (!conn) {
    conn = connectSalesforce(ctx)
    conn.catch(() => connections.delete(ctx.config))
    connections.set(ctx.config, conn)
  }
  return conn
}

/**
 * Opens an authenticated jsforce connection. Expired sessions (401 INVALID_SESSION_ID) are
 * renewed by jsforce's session-refresh delegate: for the refresh_token flow that is jsforce's
 * built-in OAuth refresh; client_credentials has no refresh token, so the refresh function
 * simply requests a new token with the same grant.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
 */
export async function connectSalesforce(
  ctx: ConnectorContext<SalesforceConfig>,
): Promise<SalesforceConnection> {
  const { auth, loginUrl, apiVersion } = ctx.config
  const oauth2 = { loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret.reveal() }
  if (auth.flow === 'refresh_token') {
    const conn = new jsforce.Connection({
      oauth2,
      version: apiVersion,
      refreshToken: auth.refreshToken.reveal(),
    })
    const token = await conn.oauth2.refreshToken(auth.refreshToken.reveal())
    conn.accessToken = token.access_token
    conn.instanceUrl = token.instance_url
    identities.set(conn, token.id)
    return conn
  }
  const conn = new jsforce.Connection({
    oauth2,
    version: apiVersion,
    refreshFn: (connection, callback) => {
      connection.oauth2
        .requestToken({ grant_type: 'client_credentials' })
        .then((token) => {
          connection.instanceUrl = token.instance_url
          callback(null, token.access_token, token)
        })
        .catch((error: Error) => callback(error))
    },
  })
  const user = await conn.authorize({ grant_type: 'client_credentials' })
  identities.set(conn, user.url)
  return conn
}
