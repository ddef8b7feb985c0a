import zendesk from 'node-zendesk'
import type { Cs360Error } from '../../errors.js'
import { fetchWithin } from '../time-limit.js'
import type { ConnectorContext } from '../types.js'
import type { ZendeskConfig } from './config.js'
import { classifyZendeskError } from './errors.js'
import { RequestPacer } from './pacer.js'

type Sdk = ReturnType<typeof zendesk.createClient>

/** node-zendesk's answer: the fetch response (adapted) and the parsed body, or an Error. */
interface SdkAnswer {
  response: { status: number; headers: { get(name: string): string | null } }
  result: unknown
}

interface ZendeskApi {
  sdk: Sdk
  /** `https://{subdomain}.zendesk.com/api/v2`: node-zendesk's endpointUri. */
  base: string
  /** Paces the incremental exports of this account (10 a minute). */
  incremental: RequestPacer
}

/** 429s waited out in a row before the read gives up and lets Temporal retry it later. */
const MAX_RATE_LIMIT_WAITS = 20

const apis = new WeakMap<ZendeskConfig, ZendeskApi>()

/** One client and one pacer per parsed config: every stream of the account shares the pacing. */
export function zendeskApi(config: ZendeskConfig): ZendeskApi {
  let api = apis.get(config)
  if (!api) {
    const base = `${config.url}/api/v2`
    const auth =
      config.auth.type === 'oauth'
        ? { token: config.auth.accessToken.reveal(), oauth: true }
        : { username: config.auth.email, token: config.auth.apiToken.reveal() }
    api = {
      // throwOriginalException keeps the status and body on thrown errors for the classifier.
      sdk: zendesk.createClient({
        ...auth,
        endpointUri: base,
        throwOriginalException: true,
        transportConfig: timeLimitedTransport(config),
      }),
      base,
      incremental: new RequestPacer(config.incrementalRequestsPerMinute, config.rateLimitWindowMs),
    }
    apis.set(config, api)
  }
  return api
}

/**
 * node-zendesk's own transport (cross-fetch) has no time limit; this one is fetch with the
 * connector's, over the body too, and answers in the shape node-zendesk's default adapter gives.
 */
function timeLimitedTransport(config: ZendeskConfig) {
  const destination = {
    system: 'zendesk',
    url: config.url,
    setting: 'url',
    seconds: config.timeoutSeconds,
  }
  return {
    transportFn: (uri: string, options: Pick<RequestInit, 'method' | 'headers' | 'body'>) =>
      fetchWithin(destination, uri, {
        method: options.method,
        headers: options.headers,
        body: options.body,
      }),
    responseAdapter: (response: Response) => ({
      json: () => response.json() as Promise<unknown>,
      status: response.status,
      headers: { get: (name: string) => response.headers.get(name) },
      statusText: response.statusText,
    }),
  }
}

/**
 * GETs one URL through node-zendesk and returns the body, checking every answer: node-zendesk
 * does not retry, resolves a 429 with an Error as its result instead of throwing, and resolves
 * statuses its table lacks (502, 504) as if they had succeeded. 429s are waited out for as long
 * as Retry-After says (through `ctx.wait`); everything else becomes a typed cs360 error.
 *
 * Requests go through the ticket-export sub-client's `get`: node-zendesk unwraps a body to the
 * first of the sub-client's `jsonAPINames` it contains, and that client's names (exports,
 * export, audits) occur in none of the bodies read here, so paging fields stay in the result. A
 * full URL containing the endpointUri is used verbatim (no `page[size]=100` appended).
 */
export async function zendeskGet(
  ctx: ConnectorContext<ZendeskConfig>,
  url: string,
  options: { doing: string; incremental: boolean },
): Promise<unknown> {
  const api = zendeskApi(ctx.config)
  for (let waits = 0; ; waits++) {
    if (options.incremental) {
      const delay = api.incremental.delayMs()
      if (delay > 0) await ctx.wait(delay, 'pacing Zendesk incremental exports')
    }
    let failure: Cs360Error
    try {
      const answer = (await api.sdk.ticketexport.get(url)) as unknown as SdkAnswer
      const { status } = answer.response
      if (!(answer.result instanceof Error) && status < 400) return answer.result
      const failed =
        answer.result instanceof Error
          ? answer.result
          : { statusCode: status, result: answer.result }
      failure = classifyZendeskError(
        failed,
        options.doing,
        answer.response.headers.get('retry-after'),
      )
    } catch (error) {
      failure = classifyZendeskError(error, options.doing)
    } finally {
      if (options.incremental) api.incremental.recordAnswer()
    }
    const waitMs = failure.details.retryAfterMs
    if (failure.kind !== 'rate_limit' || waitMs === undefined || waits >= MAX_RATE_LIMIT_WAITS)
      throw failure
    await ctx.wait(waitMs, `Zendesk rate limit (429) while ${options.doing}`)
  }
}
