import Stripe from 'stripe'
import { NoAnswerError } from '../time-limit.js'
import type { ConnectorContext } from '../types.js'
import type { StripeConfig } from './config.js'
import { classifyStripeError, retryAfterMs } from './errors.js'
import { RequestPacer } from './pacer.js'

interface Client {
  stripe: Stripe
  pacer: RequestPacer
}

const clients = new WeakMap<StripeConfig, Client>()

/**
 * One stripe-node client and one pacer per parsed config, shared by the streams and `check` in
 * this process, so pacing spans all of them. The SDK is unmodified: `apiBase` becomes its
 * host, port and protocol (the sandbox sets it); it keeps its own retries of 409, 5xx and
 * connection failures (`maxNetworkRetries`), while 429s are cs360's to wait out (see stripeCall).
 * https://github.com/stripe/stripe-node#configuration
 */
export function stripeClient(config: StripeConfig): Client {
  let client = clients.get(config)
  if (!client) {
    const base = new URL(config.apiBase)
    const protocol = base.protocol === 'http:' ? 'http' : 'https'
    client = {
      stripe: new Stripe(config.apiKey.reveal(), {
        host: base.hostname,
        port: base.port || (protocol === 'http' ? 80 : 443),
        protocol,
        maxNetworkRetries: 2,
        // Per attempt: a timed-out request is one of the connection failures retried above.
        timeout: config.timeoutSeconds * 1000,
        telemetry: false,
        appInfo: { name: 'cs360', url: 'https://github.com/cs360' },
      }),
      pacer: new RequestPacer(config.requestsPerSecond),
    }
    clients.set(config, client)
  }
  return client
}

/** 429s in a row before a read gives up and lets Temporal retry it later. */
const MAX_RATE_LIMITED = 6
/** Stripe's limits are per second: without a Retry-After, wait a second, then double. */
const FIRST_BACKOFF_MS = 1_000
const MAX_BACKOFF_MS = 30_000

/**
 * One paced API call. stripe-node never retries a 429 unless the answer says
 * `Stripe-Should-Retry: true` (test mode says false) and ignores Retry-After, so a 429 is
 * waited out here — as long as Retry-After asks, else a second doubling each time — and sent
 * again; every other failure is classified once (errors.ts).
 */
export async function stripeCall<T>(
  ctx: ConnectorContext<StripeConfig>,
  doing: string,
  request: (stripe: Stripe) => Promise<T>,
): Promise<T> {
  const { stripe, pacer } = stripeClient(ctx.config)
  for (let attempt = 0; ; attempt++) {
    await pacer.take(ctx.wait)
    try {
      return await request(stripe)
    } catch (error) {
      if (ranOutOfTime(error))
        throw new NoAnswerError(
          {
            system: 'stripe',
            url: ctx.config.apiBase,
            setting: 'apiBase',
            seconds: ctx.config.timeoutSeconds,
          },
          error,
        )
      if (!(error instanceof Stripe.errors.StripeRateLimitError) || attempt >= MAX_RATE_LIMITED)
        throw classifyStripeError(error, doing)
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt)
      await ctx.wait(retryAfterMs(error) ?? backoff, `Stripe answered 429 rate_limit ${doing}`)
    }
  }
}

/** stripe-node's failure when no attempt was answered within its `timeout` (code ETIMEDOUT). */
function ranOutOfTime(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError &&
    (error.detail as { code?: unknown } | undefined)?.code === 'ETIMEDOUT'
  )
}

/** Stripe's clock on an answer (its `Date` header) in unix seconds; ours if it has none. */
export function serverTime(response: { lastResponse?: { headers?: Record<string, string> } }) {
  const date = Date.parse(response.lastResponse?.headers?.date ?? '')
  return Math.floor((Number.isNaN(date) ? Date.now() : date) / 1000)
}
