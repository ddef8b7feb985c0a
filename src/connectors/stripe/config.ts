import { durationMs } from '../../config/duration.js'
import { z } from 'zod'
import { secretField } from '../../config/secret.js'
import { timeoutSecondsField } from '../time-limit.js'

/**
 * A secret (`sk_…`) or restricted (`rk_…`) key; a publishable key (`pk_…`) cannot read billing
 * data, which is worth saying before the first request.
 */
const apiKey = secretField.refine(
  (secret) => /^(sk|rk)_(test|live)_\w+$/.test(secret.reveal()),
  'must be a secret (sk_…) or, better, a restricted (rk_…) Stripe API key; see docs/connectors/stripe.md for the read scopes',
)

/** The API's origin; stripe-node adds `/v1/` itself, so a path here would be a mistake. */
const apiBase = z
  .url()
  .refine((url) => /^https?:$/.test(new URL(url).protocol), 'must be an http(s) URL')
  .refine(
    (url) => new URL(url).pathname === '/',
    'must be the API origin only, such as https://api.stripe.com (stripe-node adds /v1)',
  )

export const stripeConfigSchema = z
  .object({
    apiKey,
    /** Stripe's API by default; the sandbox (or a proxy) sets its own origin. */
    apiBase: apiBase.default('https://api.stripe.com'),
    /**
     * Seconds one request may go without an answer before it is given up (the sync retries it
     * later; `cs360 check` reports it); token requests included.
     */
    timeoutSeconds: timeoutSecondsField(60),
    /** Customer metadata keys that link a customer to its CRM account. */
    identity: z
      .object({
        crmAccountIdMetadataKey: z.string().min(1).default('crm_account_id'),
        domainMetadataKey: z.string().min(1).default('domain'),
      })
      .strict()
      .prefault({}),
    /**
     * How often a full list pass re-reads every customer, subscription and invoice, to catch
     * changes the 30-day events feed no longer shows.
     */
    reconcileEvery: durationMs.prefault('7d'),
    /** Requests per second cs360 sends; Stripe allows 100 live and 25 in test mode. */
    requestsPerSecond: z.number().positive().max(100).default(20),
    /** Objects per list request: 100, the API's maximum, unless a test needs many pages. */
    pageSize: z.number().int().min(1).max(100).default(100),
  })
  .strict()

export type StripeConfig = z.infer<typeof stripeConfigSchema>
