import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sandboxClient } from './sdk-client.js'
import { startStripeSandbox, type StripeSandbox } from './server.js'
import { TEST_API_KEY, testAccount } from './test-account.js'

/**
 * What stripe-node 23.1 retries on its own (NOTES: "stripe 23.1 as it behaves"): with
 * `maxNetworkRetries` it retries `Stripe-Should-Retry: true`, 409 and 5xx, never a 429 without
 * `Stripe-Should-Retry: true`, and it ignores `Retry-After`. The connector paces and retries 429s
 * itself because of this.
 */
describe('stripe-node retries against the sandbox', () => {
  let sandbox: StripeSandbox
  let stripe: Stripe
  const statuses = () => sandbox.calls.statuses()

  beforeEach(async () => {
    sandbox = await startStripeSandbox({
      dataset: testAccount({ customers: 2, start: Math.floor(Date.now() / 1000) - 86_400 }),
      apiKey: TEST_API_KEY,
      requestsPerSecond: 3,
      rateLimitTimeScale: 5,
    })
    stripe = sandboxClient(sandbox, { maxNetworkRetries: 2 })
  })
  afterEach(() => sandbox.close())

  it('retries an answer carrying Stripe-Should-Retry: true, even a 429', async () => {
    sandbox.faults.failNext({ status: 429, count: 1, headers: { 'Stripe-Should-Retry': 'true' } })
    await stripe.customers.list()
    expect(statuses()).toEqual([429, 200])
  })

  it('retries 409 conflicts and 5xx up to maxNetworkRetries', async () => {
    sandbox.faults.failNext(409, 1)
    await stripe.customers.list()
    sandbox.faults.failNext(503, 2)
    await stripe.customers.list()
    expect(statuses()).toEqual([409, 200, 503, 503, 200])
    sandbox.faults.failNext(500, 3)
    await expect(stripe.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(statuses().slice(5)).toEqual([500, 500, 500])
  })

  it('gives up on a 5xx at once when told Stripe-Should-Retry: false', async () => {
    sandbox.faults.failNext({ status: 500, count: 1, headers: { 'Stripe-Should-Retry': 'false' } })
    await expect(stripe.customers.list()).rejects.toMatchObject({ statusCode: 500 })
    expect(statuses()).toEqual([500])
  })

  it('never retries a 429 of the per-second limit (Stripe-Should-Retry: false)', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => stripe.customers.list()),
    )
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(2)
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(statuses().filter((s) => s === 429)).toHaveLength(2)
    expect(statuses()).toHaveLength(5)
  })

  it('never retries a 429 without the header either', async () => {
    sandbox.faults.failNext(429, 1)
    const error = await stripe.customers.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(error).toMatchObject({ code: 'rate_limit', headers: expect.any(Object) })
    expect(statuses()).toEqual([429])
  })

  it('ignores Retry-After: a 503 asking for 30 s is retried after its own short backoff', async () => {
    sandbox.faults.failNext({ status: 503, count: 1, headers: { 'Retry-After': '30' } })
    const started = Date.now()
    await stripe.customers.list()
    expect(statuses()).toEqual([503, 200])
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
