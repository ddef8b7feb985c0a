import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import {
  startHttpServer,
  type SandboxRequest,
  type SandboxResponse,
} from '../framework/http-server.js'
import { Router } from '../framework/router.js'
import { sandboxHandler, type RequestLimit } from '../framework/sandbox-handler.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import { WindowLimiter } from '../framework/window-limiter.js'
import { LATEST_API_VERSION, parseApiVersion } from './api-version.js'
import { apiKeyAuth } from './auth.js'
import { deleteCustomer, updateCustomer } from './customer-actions.js'
import type { StripeDataset } from './dataset-schema.js'
import { apiVersionOf } from './endpoint.js'
import { rateLimited, stripeError, stripeErrors } from './errors.js'
import { recordEvent } from './events.js'
import { IdempotencyKeys } from './idempotency.js'
import { failInvoicePayment, payInvoice, updateInvoice } from './invoice-actions.js'
import { couponRoutes } from './routes-coupons.js'
import { customerRoutes } from './routes-customers.js'
import { eventRoutes } from './routes-events.js'
import { invoiceRoutes } from './routes-invoices.js'
import { subscriptionRoutes } from './routes-subscriptions.js'
import { seedCreationEvents } from './seed-events.js'
import { StripeStore, type StripeRecord } from './store.js'
import { cancelSubscription, updateSubscription } from './subscription-actions.js'

export interface StripeSandboxOptions {
  dataset: StripeDataset
  /** The one secret key the account accepts (`sk_test_…`). */
  apiKey: string
  /** 0 or unset: a free port. */
  port?: number
  /** The account's clock in epoch ms (object timestamps, the 30-day event window); tests move it. */
  now?: () => number
  /** The account's default API version: what events are rendered in. Default stripe-node's pin. */
  accountApiVersion?: string
  /** Requests per second before a 429: Stripe allows 25 in test mode (100 live). */
  requestsPerSecond?: number
  /** Multiplies the one-second rate-limit window (0.01 in tests). */
  rateLimitTimeScale?: number
  /** false: no rate limit at all. */
  rateLimits?: boolean
}

const ACTIONS = {
  updateCustomer,
  deleteCustomer,
  updateSubscription,
  cancelSubscription,
  payInvoice,
  failInvoicePayment,
  updateInvoice,
}

type Actions = {
  [K in keyof typeof ACTIONS]: (typeof ACTIONS)[K] extends (
    store: StripeStore,
    ...rest: infer A
  ) => infer R
    ? (...rest: A) => R
    : never
}

/** The kinds `add` inserts, with the event Stripe emits on creation. */
const CREATED_EVENT = {
  customer: 'customer.created',
  subscription: 'customer.subscription.created',
  invoice: 'invoice.created',
} as const

export interface StripeSandbox extends SandboxServer, Actions {
  system: 'stripe'
  apiKey: string
  /** The account's state itself. */
  store: StripeStore
  /**
   * Adds an object exactly as given (drift tests add unknown fields or broken ones) and records
   * its creation event; `at` backdates the event.
   */
  add(kind: keyof typeof CREATED_EVENT, record: StripeRecord, options?: { at?: number }): void
}

/**
 * A local Stripe account speaking the v1 API's wire protocol, so stripe-node works against it
 * unmodified: bearer keys, bracket-notation parameters, newest-first cursor lists, expansion,
 * API-version rendering, the 30-day event log, idempotent POSTs, Stripe's error bodies, a
 * per-second rate limit and fault switches.
 */
export async function startStripeSandbox(options: StripeSandboxOptions): Promise<StripeSandbox> {
  const now = options.now ?? Date.now
  const store = new StripeStore(
    options.dataset,
    now,
    options.accountApiVersion ?? LATEST_API_VERSION,
  )
  seedCreationEvents(store)
  const faults = new FaultSwitches({}, now)
  const calls = new CallLog()
  const keys = new IdempotencyKeys()
  const router = new Router()
  customerRoutes(router, store, keys)
  subscriptionRoutes(router, store, keys)
  invoiceRoutes(router, store, keys)
  eventRoutes(router, store, keys)
  couponRoutes(router, store, keys)
  const limits =
    options.rateLimits === false
      ? []
      : [perSecondLimit(options.requestsPerSecond ?? 25, options.rateLimitTimeScale ?? 1)]
  const http = await startHttpServer({
    port: options.port,
    handle: sandboxHandler({
      router,
      faults,
      calls,
      errors: stripeErrors,
      auth: apiKeyAuth(options.apiKey),
      limits,
      guard: (req) => versionGuard(req, store),
      decorate: (req, res) => decorate(req, res, store),
    }),
  })
  const actions = Object.fromEntries(
    Object.entries(ACTIONS).map(([name, action]) => [
      name,
      (...args: unknown[]) => (action as (...a: unknown[]) => unknown)(store, ...args),
    ]),
  ) as Actions
  return {
    system: 'stripe',
    url: http.url,
    apiKey: options.apiKey,
    faults,
    calls,
    store,
    close: () => http.close(),
    ...actions,
    add: (kind, record, opts = {}) => {
      store.insert(kind, record)
      recordEvent(store, CREATED_EVENT[kind], record, opts)
    },
  }
}

/**
 * Stripe's per-second request limit. The 429 carries `Stripe-Should-Retry: false`, as test-mode
 * 429s often do, so stripe-node does not retry it; Stripe documents no Retry-After header.
 * https://docs.stripe.com/rate-limits
 */
function perSecondLimit(perSecond: number, timeScale: number): RequestLimit {
  return {
    limiter: new WindowLimiter(perSecond, Math.max(1, Math.round(1000 * timeScale))),
    applies: () => true,
    refuse: () => rateLimited({ 'Stripe-Should-Retry': 'false' }),
  }
}

/** An API version Stripe does not know is a 400 before anything else. */
function versionGuard(req: SandboxRequest, store: StripeStore): SandboxResponse | undefined {
  const header = req.headers['stripe-version']
  const asked = Array.isArray(header) ? header[0] : header
  if (asked === undefined || parseApiVersion(asked, store.accountApiVersion)) return undefined
  return stripeError(400, 'invalid_request_error', `Invalid Stripe API version: ${asked}`, {
    param: 'Stripe-Version',
  })
}

/** Every answer carries a `Request-Id`, the version it is rendered in, and the account's time. */
function decorate(req: SandboxRequest, res: SandboxResponse, store: StripeStore): SandboxResponse {
  const headers: Record<string, string> = {
    'Request-Id': store.ids.next('req', 14),
    'Stripe-Version': apiVersionOf(req, store),
    Date: new Date(store.clock()).toUTCString(),
    ...res.headers,
  }
  const key = req.headers['idempotency-key']
  if (typeof key === 'string') headers['Idempotency-Key'] = key
  return { ...res, headers }
}
