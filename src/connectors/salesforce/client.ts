import jsforce from 'jsforce'
import type { Transport } from 'jsforce/lib/transport.js'
import { StreamPromise } from 'jsforce/lib/util/promise.js'
import { NoAnswerError, type Destination } from '../time-limit.js'
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
    limitTime(conn, ctx.config)
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
  limitTime(conn, ctx.config)
  const user = await conn.authorize({ grant_type: 'client_credentials' })
  identities.set(conn, user.url)
  return conn
}

/**
 * Puts the connector's time limit on every request of a connection, token requests included:
 * jsforce has no per-connection timeout, and its own default waits 30 minutes. jsforce aborts a
 * request that runs out of time (its `timeout` option spans its own retries of a GET); the abort
 * is emitted as a NoAnswerError naming the URL's setting, so every caller sees that; so is a body
 * that does not arrive whole within the limit after the headers.
 */
function limitTime(conn: SalesforceConnection, config: SalesforceConfig): void {
  const seconds = config.timeoutSeconds
  const destination = (url: string): Destination => ({
    system: 'salesforce',
    url,
    setting: url.startsWith(config.loginUrl) ? 'loginUrl' : 'the instance URL its token named',
    seconds,
  })
  for (const transport of [conn._transport, conn.oauth2._transport]) {
    const create = transport.getRequestStreamCreator.bind(transport)
    const limited: Transport['getRequestStreamCreator'] = () => (req, options) => {
      const stream = create()(req, { ...options, timeout: seconds * 1000 })
      const emit = stream.emit.bind(stream)
      stream.emit = ((event: string | symbol, ...args: unknown[]) =>
        event === 'error' && ranOutOfTime(args[0])
          ? emit('error', new NoAnswerError(destination(req.url), args[0]))
          : emit(event, ...args)) as typeof stream.emit
      return stream
    }
    transport.getRequestStreamCreator = limited
    transport.httpRequest = bodyWithin(transport.httpRequest.bind(transport), seconds, destination)
  }
}

/**
 * jsforce pipes a response body on without its errors, so a connection reset mid-body leaves
 * the request waiting forever: once the headers came, the rest of the answer must arrive within
 * the time limit too, or the request fails with a NoAnswerError.
 */
function bodyWithin(
  httpRequest: Transport['httpRequest'],
  seconds: number,
  destination: (url: string) => Destination,
): Transport['httpRequest'] {
  return (req, options) => {
    const requested = httpRequest(req, options)
    const stream = requested.stream()
    let timer: NodeJS.Timeout | undefined
    const cutOff = new Promise<never>((_resolve, reject) =>
      stream.once('response', () => {
        timer = setTimeout(() => reject(new NoAnswerError(destination(req.url))), seconds * 1000)
      }),
    )
    const answered = Promise.race([requested, cutOff]).finally(() => clearTimeout(timer))
    return StreamPromise.create(() => ({ stream, promise: answered }))
  }
}

/** jsforce's abort when its `timeout` passes (nothing else aborts its requests here). */
function ranOutOfTime(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown }
  return name === 'AbortError' || message === 'Request Timeout'
}
