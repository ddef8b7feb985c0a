import { Client } from '@hubspot/api-client'
import { fetchWithin, NoAnswerError, timeLimitedAgent, type Destination } from '../time-limit.js'
import type { ConnectorContext } from '../types.js'
import type { HubspotConfig } from './config.js'
import { classifyHubspotError, statusOf } from './errors.js'
import { HubspotPacer, type CallKind } from './pacer.js'

type Ctx = ConnectorContext<HubspotConfig>

/** What the SDK's `…WithHttpInfo` methods resolve to: the body and the answer's headers. */
export interface Answer<T> {
  data: T
  headers: Record<string, string>
}

/** A 429 wait longer than this is not waited out in place (the daily allowance): the run stops. */
const LONGEST_WAIT_IN_PLACE = 60_000
/** 429s in a row ridden through before the call gives up to Temporal's retry. */
const RATE_LIMIT_RETRIES = 30
/** 5xx, empty answers and network errors retried in place (1, 2, 4, 8 s) before failing. */
const TRANSIENT_RETRIES = 4
/** OAuth access tokens are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 60_000

/**
 * One SDK client per parsed config, shared by the streams and write-back of a process, with
 * the pacing state of the portal's allowances and, for OAuth, the current access token.
 *
 * The SDK's own retries (`numberOfApiCallRetries`) stay off: they sleep outside `ctx.wait`,
 * retry a 429 only when `policyName` is TEN_SECONDLY_ROLLING, and never retry a 5xx that came
 * with an empty body (the SDK fails to parse it and loses the status). `call` does all of that
 * itself. (The SDK keeps its decorators in a process-wide singleton that every `new Client`
 * resets, so they could not be relied on per client anyway.)
 */
export class HubspotSession {
  readonly client: Client
  private readonly pacer: HubspotPacer
  private tokenExpiresAt = 0
  private accessToken: string | undefined
  private integrationUser: Promise<number | null> | undefined

  constructor(
    private readonly config: HubspotConfig,
    now: () => number = Date.now,
  ) {
    this.pacer = new HubspotPacer(now)
    this.client = new Client({
      basePath: config.baseUrl,
      // The SDK's fetch has no time limit; with an agent it sends through node:http, whose
      // sockets this one bounds (token requests included).
      httpAgent: timeLimitedAgent(hubspotDestination(config)),
      ...(config.auth.type === 'private_app'
        ? { accessToken: config.auth.accessToken.reveal() }
        : {}),
    })
  }

  /** Runs one API call: paced, 429s and transient failures ridden through, the token renewed. */
  async call<T>(
    ctx: Ctx,
    doing: string,
    kind: CallKind,
    send: (client: Client) => Promise<Answer<T>>,
  ): Promise<T> {
    let rateLimited = 0
    let transient = 0
    let renewed = false
    for (;;) {
      await this.ensureToken(ctx, doing)
      await this.pacer.beforeCall(ctx.wait, kind)
      try {
        const answer = await send(this.client)
        this.pacer.afterCall(answer.headers, kind)
        return answer.data
      } catch (error) {
        this.pacer.afterCall((error as { headers?: Record<string, string> }).headers, kind)
        if (statusOf(error) === 401 && this.config.auth.type === 'oauth' && !renewed) {
          // EXPIRED_AUTHENTICATION: the token lapsed early (revoked, clock skew); renew once.
          renewed = true
          this.tokenExpiresAt = 0
          continue
        }
        const failure = classifyHubspotError(error, doing, this.pacer.intervalMs)
        const waitMs = failure.details.retryAfterMs ?? 0
        if (
          failure.kind === 'rate_limit' &&
          waitMs <= LONGEST_WAIT_IN_PLACE &&
          rateLimited < RATE_LIMIT_RETRIES
        ) {
          rateLimited += 1
          await ctx.wait(waitMs, `HubSpot 429 while ${doing}`)
          this.pacer.waited()
          continue
        }
        // A server that did not answer within the time limit is left to Temporal's retry.
        if (
          failure.kind === 'transient' &&
          !(failure instanceof NoAnswerError) &&
          transient < TRANSIENT_RETRIES
        ) {
          transient += 1
          await ctx.wait(1_000 * 2 ** (transient - 1), `HubSpot ${failure.message}`)
          continue
        }
        throw failure
      }
    }
  }

  /**
   * OAuth: a fresh access token when there is none or it expires within a minute
   * (refresh-token grant; HubSpot's refresh tokens do not rotate).
   * https://developers.hubspot.com/docs/reference/api/app-management/oauth#refresh-an-access-token
   */
  private async ensureToken(ctx: Ctx, doing: string): Promise<void> {
    const auth = this.config.auth
    if (auth.type !== 'oauth' || Date.now() < this.tokenExpiresAt - REFRESH_MARGIN_MS) return
    try {
      const token = await this.client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        auth.clientId,
        auth.clientSecret.reveal(),
        auth.refreshToken.reveal(),
      )
      this.client.setAccessToken(token.accessToken)
      this.accessToken = token.accessToken
      this.tokenExpiresAt = Date.now() + token.expiresIn * 1000
      ctx.log.info('hubspot access token renewed', { expiresInSeconds: token.expiresIn })
    } catch (error) {
      throw classifyHubspotError(error, `renewing the OAuth access token before ${doing}`)
    }
  }

  /**
   * The HubSpot user an OAuth token acts as (`hs_updated_by_user_id` of what cs360 writes), from
   * the access-token metadata endpoint; null for a private app, whose tokens have no such lookup.
   * https://developers.hubspot.com/docs/reference/api/app-management/oauth#retrieve-access-token-metadata
   */
  integrationUserId(ctx: Ctx): Promise<number | null> {
    if (this.config.auth.type !== 'oauth') return Promise.resolve(null)
    this.integrationUser ??= this.call(ctx, 'reading the access token’s user', 'api', (c) =>
      c.oauth.accessTokensApi.getWithHttpInfo(this.accessToken ?? ''),
    ).then(
      (info) => (typeof info.userId === 'number' ? info.userId : null),
      (error: unknown) => {
        this.integrationUser = undefined
        throw error
      },
    )
    return this.integrationUser
  }
}

/** Where the portal's requests go, for a time-limit message. */
function hubspotDestination(config: HubspotConfig): Destination {
  return {
    system: 'hubspot',
    url: config.baseUrl,
    setting: 'baseUrl',
    seconds: config.timeoutSeconds,
  }
}

/**
 * A call the SDK has no method for (the account-info API), answered like the SDK's: the JSON
 * body and headers, or a failure carrying `code`, `body` and `headers` as its ApiException does.
 * Sent with fetch, not the SDK's `apiRequest`: that takes neither the agent nor a time limit.
 */
export async function getJson(
  client: Client,
  config: HubspotConfig,
  path: string,
): Promise<Answer<unknown>> {
  const token = client.config.accessToken
  const response = await fetchWithin(
    hubspotDestination(config),
    `${config.baseUrl.replace(/\/+$/, '')}${path}`,
    {
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    },
  )
  const headers = Object.fromEntries(response.headers)
  const text = await response.text()
  if (!response.ok)
    throw Object.assign(new Error(`HTTP ${response.status} from ${path}`), {
      code: response.status,
      body: text,
      headers,
    })
  return { data: text ? (JSON.parse(text) as unknown) : null, headers }
}

const sessions = new WeakMap<HubspotConfig, HubspotSession>()

/** The session of a parsed config, created on first use. */
export function hubspotSession(ctx: Ctx): HubspotSession {
  let session = sessions.get(ctx.config)
  if (!session) {
    session = new HubspotSession(ctx.config)
    sessions.set(ctx.config, session)
  }
  return session
}
