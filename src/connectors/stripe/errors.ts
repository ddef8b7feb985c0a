import Stripe from 'stripe'
import { Cs360Error, authError, rateLimitError, transientError } from '../../errors.js'

const SYSTEM = 'stripe'

/** Where to make the key cs360 needs; the message of every auth failure names it. */
export const KEY_FIX =
  'Set connectors.stripe.apiKey to a restricted key (Stripe Dashboard → Developers → API keys → Create restricted key) with Read access to Customers, Subscriptions, Invoices, Coupons and Events, e.g. apiKey: ${STRIPE_API_KEY}.'

/**
 * The one place a stripe-node failure becomes a cs360 failure kind. A rejected or insufficient
 * key stops the run (the fix is in the message); 429s that cs360's own retries could not wait
 * out, 5xx answers and connection failures (after stripe-node's retries) are transient or
 * rate-limited and Temporal retries them; anything else is an API error.
 * https://docs.stripe.com/error-handling
 */
export function classifyStripeError(error: unknown, doing: string): Cs360Error {
  if (error instanceof Cs360Error) return error
  const where = `Stripe, ${doing}`
  if (error instanceof Stripe.errors.StripeAuthenticationError)
    return authError(
      `${where}: the API key was rejected (${error.message}). ${KEY_FIX}`,
      SYSTEM,
      error,
    )
  if (error instanceof Stripe.errors.StripePermissionError)
    return authError(
      `${where}: the API key may not read this (${error.message}). ${KEY_FIX}`,
      SYSTEM,
      error,
    )
  if (error instanceof Stripe.errors.StripeRateLimitError)
    return rateLimitError(
      `${where}: Stripe kept answering 429 rate_limit (${error.message}); lower connectors.stripe.requestsPerSecond if other integrations share the account's limit.`,
      SYSTEM,
      retryAfterMs(error) ?? 60_000,
    )
  if (error instanceof Stripe.errors.StripeConnectionError)
    return transientError(
      `${where}: cannot reach Stripe (${error.message}); check connectors.stripe.apiBase and the network.`,
      SYSTEM,
      error,
    )
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? 0
    if (status >= 500 || status === 409 || error instanceof Stripe.errors.StripeAPIError)
      return transientError(
        `${where}: Stripe answered ${status || 'an API error'}: ${error.message}`,
        SYSTEM,
        error,
      )
    return new Cs360Error(
      'api',
      `${where}: ${status} ${error.code ?? error.type}${error.param ? ` (${error.param})` : ''}: ${error.message}`,
      { system: SYSTEM, cause: error },
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new Cs360Error('api', `${where}: ${message}`, { system: SYSTEM, cause: error })
}

/** A `Retry-After` in seconds (fractions allowed) as milliseconds, if the answer had one. */
export function retryAfterMs(error: { headers?: unknown }): number | undefined {
  const headers = error.headers as Record<string, string | undefined> | undefined
  const value = Number(headers?.['retry-after'])
  return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined
}
