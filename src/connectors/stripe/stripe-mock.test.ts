import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { createLogger } from '../../logger.js'
import { freePort, isListening } from '../../runtime/free-port.js'
import { waitFor } from '../wait.js'
import type { ConnectorContext } from '../types.js'
import { stripeClient } from './client.js'
import { stripeConfigSchema, type StripeConfig } from './config.js'
import { stripeConnector } from './connector.js'
import { fetchAllLines, fetchCoupons, fetchDiscountedSubscriptions } from './enrich.js'
import { listCustomers, listEvents, listInvoices, listSubscriptions } from './lists.js'

/**
 * Every request shape the connector sends, against stripe-mock: Stripe's own stand-in, which
 * validates parameters against Stripe's OpenAPI spec (unknown parameters, bad types and unknown
 * routes are 400/404). It is stateless (lists hold one fixture), so this checks shapes only;
 * behaviour is tested against the sandbox.
 */
const BINARY = fileURLToPath(new URL('../../../.cs360/bin/stripe-mock', import.meta.url))
const present = existsSync(BINARY)
const title = present
  ? 'Stripe connector requests against stripe-mock'
  : 'Stripe connector requests against stripe-mock (skipped: .cs360/bin/stripe-mock is missing; run bash scripts/install-stripe-mock.sh)'

describe.skipIf(!present)(title, () => {
  let mock: ChildProcess
  let ctx: ConnectorContext<StripeConfig>
  const answers: { method: string; path: string; status: number }[] = []

  beforeAll(async () => {
    const [http, https] = [await freePort(), await freePort()]
    mock = spawn(BINARY, ['-http-addr', `127.0.0.1:${http}`, '-https-addr', `127.0.0.1:${https}`], {
      stdio: 'ignore',
    })
    for (let i = 0; i < 100 && !(await isListening(http)); i++)
      await new Promise((r) => setTimeout(r, 100))
    const log = createLogger({}, () => undefined, true)
    ctx = {
      config: stripeConfigSchema.parse({
        apiKey: new Secret('STRIPE_API_KEY', 'sk_test_123'),
        apiBase: `http://127.0.0.1:${http}`,
        requestsPerSecond: 100,
      }),
      log,
      wait: waitFor(log),
    }
    stripeClient(ctx.config).stripe.on('response', (e: Stripe.ResponseEvent) =>
      answers.push({ method: e.method, path: e.path, status: e.status }),
    )
  }, 20_000)

  afterAll(() => {
    mock?.kill()
  })

  it('accepts every stream read, from scratch and from a checkpoint', async () => {
    expect(await stripeConnector.check(ctx)).toMatchObject({ ok: true })
    for (const stream of stripeConnector.streams) {
      for await (const page of stream.read(ctx, null)) void page
    }
    const events = stripeConnector.streams.find((s) => s.name === 'events')!
    for await (const page of events.read(ctx, {
      after: 'evt_123',
      afterCreated: 1,
      checkedAt: Math.floor(Date.now() / 1000),
    }))
      void page
    expect(answers.length).toBeGreaterThanOrEqual(5)
    expect(answers.filter((a) => a.status !== 200)).toEqual([])
  })

  it('accepts the list shapes bisection and resuming use', async () => {
    answers.length = 0
    for (const list of [listCustomers, listSubscriptions, listInvoices, listEvents]) {
      await list(ctx)({ limit: 100, created: { gte: 1_600_000_000, lte: 1_700_000_000 } })
      await list(ctx)({ limit: 100, created: 1_600_000_000, starting_after: 'obj_123' })
      await list(ctx)({ limit: 1, ending_before: 'obj_123' })
    }
    expect(answers).toHaveLength(12)
    expect(answers.filter((a) => a.status !== 200)).toEqual([])
  })

  it('accepts what read fetches beside the lists: coupons, invoice lines, discounted subscriptions', async () => {
    answers.length = 0
    await fetchCoupons(
      ctx,
      [{ items: { data: [{ discounts: [{ source: { coupon: 'co_123' } }] }] } }],
      new Map(),
    )
    await fetchAllLines(ctx, [{ id: 'in_123', lines: { has_more: true } }])
    await fetchDiscountedSubscriptions(ctx, [
      {
        type: 'customer.subscription.updated',
        data: { object: { id: 'sub_123', discounts: ['di_1'] } },
      },
    ])
    expect(answers.map((a) => `${a.method} ${a.path.split('?')[0]} ${a.status}`)).toEqual([
      'GET /v1/coupons/co_123 200',
      'GET /v1/invoices/in_123/lines 200',
      'GET /v1/subscriptions/sub_123 200',
    ])
  })
})
