import { afterEach, describe, expect, it } from 'vitest'
import { testAccount, testId } from '../../sandbox/stripe/test-account.js'
import { stripeConnector } from './connector.js'
import { customersStream, eventsStream, invoicesStream, subscriptionsStream } from './streams.js'
import type { StreamPage } from '../types.js'
import { Customer360, runStream, startAccount, sync, type Account } from './test-support.js'

const DAY = 86_400
const now = () => Math.floor(Date.now() / 1000)
let account: Account | undefined
afterEach(() => account?.close())

const ids = (records: { id: string }[]) => records.map((r) => r.id)

describe('Stripe streams against the sandbox', () => {
  it('reads a list stream oldest first across pages, each page resumable', async () => {
    account = await startAccount(testAccount({ customers: 12, start: now() - 60 * DAY }), {
      config: { pageSize: 5 },
    })
    const run = await runStream(customersStream, account.ctx, null)
    const expected = Array.from({ length: 12 }, (_, i) => testId('cus', i + 1))
    expect(ids(run.records)).toEqual(expected)
    const sizes = run.pages.filter((p) => p.records.length > 0).map((p) => p.records.length)
    // The first page is the oldest window bisection found; the rest are full pages.
    expect(sizes.slice(1, -1).every((n) => n === 5)).toBe(true)
    expect(run.rows).toHaveLength(12)
    expect(run.checkpoint).toMatchObject({ phase: 'idle', reconciledAt: expect.any(Number) })

    const first = run.pages[0]!
    expect(first.checkpoint).toMatchObject({
      phase: 'pass',
      after: expected[first.records.length - 1],
    })
    const resumed = await runStream(customersStream, account.ctx, first.checkpoint)
    expect(ids(resumed.records)).toEqual(expected.slice(first.records.length))
  })

  it('finds the oldest page by bisecting created when the account has more than a page', async () => {
    account = await startAccount(
      testAccount({ customers: 40, start: now() - 300 * DAY, spacing: 5 * DAY }),
      {
        config: { pageSize: 10 },
      },
    )
    account.sandbox.calls.reset()
    const run = await runStream(customersStream, account.ctx, null)
    expect(ids(run.records)).toEqual(Array.from({ length: 40 }, (_, i) => testId('cus', i + 1)))
    // A few probes, then four pages of ten: far fewer requests than reading newest-first twice.
    expect(account.sandbox.calls.count()).toBeLessThan(40)
  })

  it('reads more than a page created in one second whole, oldest first', async () => {
    account = await startAccount(testAccount({ customers: 12, start: now() - DAY, spacing: 0 }), {
      config: { pageSize: 5 },
    })
    const run = await runStream(customersStream, account.ctx, null)
    expect(ids(run.records)).toEqual(Array.from({ length: 12 }, (_, i) => testId('cus', i + 1)))
    const resumed = await runStream(customersStream, account.ctx, run.pages[0]!.checkpoint)
    expect(ids(resumed.records)).toEqual(ids(run.records).slice(5))
  })

  it('lands subscriptions and invoices with their MRR from a first sync', async () => {
    account = await startAccount(
      testAccount({ customers: 3, start: now() - 95 * DAY, invoicesEach: 3 }),
    )
    const store = new Customer360()
    const runs = await sync(stripeConnector.streams, account.ctx, new Map(), store)
    expect(runs.get('events')!.records).toEqual([])
    expect(store.row('billing_subscriptions', testId('sub', 2))).toMatchObject({
      status: 'active',
      mrr: 132,
      seats: 3,
      source_account_id: testId('cus', 2),
    })
    expect(store.row('billing_invoices', testId('in', 201))).toMatchObject({
      subscription_source_id: testId('sub', 2),
      amount_paid: 132,
      status: 'paid',
    })
  })

  it('reads only the change through the events feed on the next run', async () => {
    account = await startAccount(testAccount({ customers: 5, start: now() - 90 * DAY }))
    const store = new Customer360()
    const cursors = new Map()
    await sync(stripeConnector.streams, account.ctx, cursors, store)
    account.sandbox.updateSubscription(testId('sub', 4), { quantity: 10 })
    account.sandbox.calls.reset()
    const runs = await sync(stripeConnector.streams, account.ctx, cursors, store)
    expect(runs.get('events')!.records).toMatchObject([{ type: 'customer.subscription.updated' }])
    for (const name of ['customers', 'subscriptions', 'invoices'])
      expect(runs.get(name)!.records, name).toEqual([])
    expect(account.sandbox.calls.count()).toBe(1)
    expect(store.row('billing_subscriptions', testId('sub', 4))).toMatchObject({
      mrr: 440,
      seats: 10,
    })
  })

  it('marks a deleted customer deleted and ends its subscription', async () => {
    account = await startAccount(testAccount({ customers: 3, start: now() - 90 * DAY }))
    const store = new Customer360()
    const cursors = new Map()
    await sync(stripeConnector.streams, account.ctx, cursors, store)
    account.sandbox.deleteCustomer(testId('cus', 2))
    const runs = await sync(stripeConnector.streams, account.ctx, cursors, store)
    expect(runs.get('events')!.records.map((e) => (e as { type?: string }).type)).toEqual([
      'customer.subscription.deleted',
      'customer.deleted',
    ])
    expect(store.row('source_accounts', testId('cus', 2))).toMatchObject({
      deleted_at: expect.any(String),
    })
    expect(store.row('billing_subscriptions', testId('sub', 2))).toMatchObject({
      status: 'canceled',
      mrr: 0,
      ended_at: expect.any(String),
    })
  })

  it('waits out 429s of the per-second limit itself and still reads everything', async () => {
    account = await startAccount(testAccount({ customers: 8, start: now() - 90 * DAY }), {
      rateLimits: true,
      requestsPerSecond: 5,
      rateLimitTimeScale: 0.2,
      config: { pageSize: 1, requestsPerSecond: 100 },
    })
    const run = await runStream(customersStream, account.ctx, null)
    expect(run.records).toHaveLength(8)
    expect(account.sandbox.calls.statuses()).toContain(429)
    expect(account.waits.some((w) => /429 rate_limit/.test(w.reason))).toBe(true)
  }, 20_000)

  it('waits as long as a Retry-After asks', async () => {
    account = await startAccount(testAccount({ customers: 2, start: now() - 90 * DAY }))
    account.sandbox.faults.failNext({
      status: 429,
      count: 1,
      headers: { 'Stripe-Should-Retry': 'false', 'Retry-After': '0.25' },
    })
    const run = await runStream(customersStream, account.ctx, null)
    expect(run.records).toHaveLength(2)
    expect(account.waits).toContainEqual({ ms: 250, reason: expect.stringMatching(/429/) })
  })

  it('paces requests to requestsPerSecond through ctx.wait', async () => {
    account = await startAccount(testAccount({ customers: 6, start: now() - 90 * DAY }), {
      rateLimits: true,
      requestsPerSecond: 5,
      config: { pageSize: 1, requestsPerSecond: 5 },
    })
    const started = Date.now()
    await runStream(customersStream, account.ctx, null)
    const requests = account.sandbox.calls.count()
    expect(requests).toBeGreaterThan(5)
    expect(account.waits.some((w) => /requestsPerSecond \(5\)/.test(w.reason))).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000 * Math.floor((requests - 1) / 5))
    expect(account.sandbox.calls.statuses()).not.toContain(429)
  }, 20_000)

  it('resumes a subscriptions pass from its checkpoint after a failure', async () => {
    account = await startAccount(testAccount({ customers: 9, start: now() - 90 * DAY }), {
      config: { pageSize: 3 },
    })
    let first: StreamPage | undefined
    for await (const page of subscriptionsStream.read(account.ctx, null)) {
      first = page
      break
    }
    const checkpoint = first!.checkpoint
    // stripe-node retries a 503 twice; the third makes the read fail, as a Stripe outage would.
    account.sandbox.faults.failNext(503, 3)
    await expect(runStream(subscriptionsStream, account.ctx, checkpoint)).rejects.toMatchObject({
      kind: 'transient',
    })
    const resumed = await runStream(subscriptionsStream, account.ctx, checkpoint)
    expect([...first!.records, ...resumed.records].map((r) => (r as { id: string }).id)).toEqual(
      Array.from({ length: 9 }, (_, i) => testId('sub', i + 1)),
    )
  })

  it('reads all lines of an invoice whose embedded lines Stripe cut short', async () => {
    const dataset = testAccount({ customers: 1, start: now() - 90 * DAY })
    const invoice = dataset.invoices[0] as unknown as {
      lines: { data: { id: string; amount: number }[] }
      amount_due: number
    }
    const line = invoice.lines.data[0]!
    invoice.lines.data = Array.from({ length: 12 }, (_, i) => ({ ...line, id: `il_T${i}` }))
    account = await startAccount(dataset)
    const run = await runStream(invoicesStream, account.ctx, null)
    expect(run.quarantined).toEqual([])
    expect(account.sandbox.calls.count((c) => c.path.endsWith('/lines'))).toBe(1)
    // Twelve monthly lines of the same subscription and month: the month sums all twelve.
    const month = run.rows.find((r) => r.table === 'billing_mrr_monthly')!
    expect(month.row).toMatchObject({ mrr: 12 * 88 })
  })

  it('checks the key with one cheap call and names the config key when it is wrong', async () => {
    account = await startAccount(testAccount({ customers: 1, start: now() - DAY }))
    expect(await stripeConnector.check(account.ctx)).toMatchObject({ ok: true })
    const { Secret } = await import('../../config/secret.js')
    const bad = {
      ...account.ctx,
      config: { ...account.ctx.config, apiKey: new Secret('STRIPE_API_KEY', 'sk_test_nope1234') },
    }
    const error = await stripeConnector.check(bad).catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('connectors.stripe.apiKey'),
    })
    expect((error as Error).message).toMatch(/restricted key/)
  })
})

describe('Stripe events feed', () => {
  it('lands every retained event on the first run, each into its table', async () => {
    account = await startAccount(testAccount({ customers: 4, start: now() - 10 * DAY }), {
      config: { pageSize: 5 },
    })
    const run = await runStream(eventsStream, account.ctx, null)
    expect(run.records).toHaveLength(12)
    expect(new Set(run.rows.map((r) => r.table))).toEqual(
      new Set([
        'source_accounts',
        'billing_subscriptions',
        'billing_invoices',
        'billing_mrr_monthly',
      ]),
    )
    const again = await runStream(eventsStream, account.ctx, run.checkpoint)
    expect(again.records).toEqual([])
  })
})
