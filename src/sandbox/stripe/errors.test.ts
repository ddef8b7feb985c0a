import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxClient } from './sdk-client.js'
import { startStripeSandbox, type StripeSandbox } from './server.js'
import { TEST_API_KEY, testAccount, testId } from './test-account.js'

const start = Math.floor(Date.now() / 1000) - 20 * 86_400

describe('Stripe sandbox errors and API versions', () => {
  let sandbox: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    sandbox = await startStripeSandbox({
      dataset: testAccount({ customers: 3, start }),
      apiKey: TEST_API_KEY,
      rateLimits: false,
    })
    stripe = sandboxClient(sandbox)
  })
  afterAll(() => sandbox.close())

  const raw = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, ...headers },
    })

  it('answers a missing object with 404 resource_missing and a request id', async () => {
    const error = await stripe.customers.retrieve('cus_nobody').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nobody'",
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
      requestId: expect.stringMatching(/^req_/),
    })
  })

  it('rejects unknown parameters, bad limits, two cursors and unknown cursors', async () => {
    await expect(stripe.customers.list({ colour: 'red' } as never)).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'colour',
    })
    await expect(stripe.customers.list({ limit: 101 })).rejects.toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'limit',
    })
    await expect(
      stripe.customers.list({ starting_after: testId('cus', 1), ending_before: testId('cus', 2) }),
    ).rejects.toMatchObject({ code: 'parameters_exclusive' })
    await expect(stripe.customers.list({ starting_after: 'cus_gone' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'starting_after',
    })
    await expect(
      stripe.subscriptions.update(testId('sub', 1), { items: [{ quantity: 2 }] }),
    ).rejects.toMatchObject({ code: 'parameter_missing', param: 'items[0][price]' })
    await expect(stripe.subscriptions.list({ status: 'sleeping' as never })).rejects.toMatchObject({
      statusCode: 400,
      param: 'status',
    })
  })

  it('refuses a wrong key with 401 and a missing one with the bearer hint', async () => {
    const wrong = sandboxClient(sandbox, { apiKey: 'sk_test_wrongwrongwrong1234' })
    const error = await wrong.customers.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect((error as Error).message).toBe('Invalid API Key provided: sk_test_***************1234')
    const anonymous = await fetch(`${sandbox.url}/v1/customers`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('request-id')).toMatch(/^req_/)
    const body = (await anonymous.json()) as { error: { type: string; message: string } }
    expect(body.error.type).toBe('invalid_request_error')
    expect(body.error.message).toMatch(/You did not provide an API key/)
  })

  it('answers an unknown URL as Stripe does', async () => {
    const response = await raw('/v1/customers/search/odd/path')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringMatching(/^Unrecognized request URL \(GET: /) },
    })
  })

  it("renders billing periods and the invoice's subscription as the requested version has them", async () => {
    const sub = await stripe.subscriptions.retrieve(testId('sub', 1))
    expect(sub.lastResponse.headers['stripe-version']).toBe('2026-10-28.endive')
    expect(sub).not.toHaveProperty('current_period_start')
    expect(sub.items.data[0]!.current_period_start).toEqual(expect.any(Number))
    const invoice = await stripe.invoices.retrieve(testId('in', 100))
    expect(invoice).not.toHaveProperty('subscription')
    expect(invoice.parent?.subscription_details?.subscription).toBe(testId('sub', 1))

    const old = { apiVersion: '2024-06-20' }
    const oldSub = (await stripe.subscriptions.retrieve(testId('sub', 1), {}, old)) as unknown as {
      current_period_start: number
      items: { data: object[] }
    }
    expect(oldSub.current_period_start).toEqual(expect.any(Number))
    expect(oldSub.items.data[0]).not.toHaveProperty('current_period_start')
    const oldInvoice = (await stripe.invoices.retrieve(
      testId('in', 100),
      {},
      old,
    )) as unknown as object
    expect(oldInvoice).toMatchObject({ subscription: testId('sub', 1) })
    expect(oldInvoice).not.toHaveProperty('parent')
  })

  it('refuses an API version Stripe does not have', async () => {
    const response = await raw('/v1/customers', { 'Stripe-Version': '2099-01-01' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'Invalid Stripe API version: 2099-01-01' },
    })
  })
})
