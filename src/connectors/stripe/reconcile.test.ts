import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testAccount, testId } from '../../sandbox/stripe/test-account.js'
import { stripeConnector } from './connector.js'
import { Customer360, startAccount, sync, type Account } from './test-support.js'

const DAY_MS = 86_400_000
const T0 = Date.parse('2026-11-01T09:00:00Z')
let account: Account | undefined

/** The clock of both the sandbox account and cs360, moved by the tests. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
  vi.setSystemTime(T0)
})
afterEach(async () => {
  await account?.close()
  vi.useRealTimers()
})

async function firstSync() {
  account = await startAccount(testAccount({ customers: 5, start: T0 / 1000 - 200 * 86_400 }))
  const store = new Customer360()
  const cursors = new Map()
  await sync(stripeConnector.streams, account.ctx, cursors, store)
  const run = () => sync(stripeConnector.streams, account!.ctx, cursors, store)
  return { sandbox: account.sandbox, store, run }
}

describe('Stripe reconciliation', () => {
  it('re-reads everything after a gap longer than Stripe keeps events', async () => {
    const { sandbox, store, run } = await firstSync()
    vi.setSystemTime(T0 + 40 * DAY_MS)
    // Changed the day after the last sync: its event is 39 days old now, gone from the feed.
    sandbox.updateSubscription(testId('sub', 2), { quantity: 9 }, { at: T0 + DAY_MS })
    const runs = await run()
    expect(runs.get('events')!.records).toEqual([])
    expect(runs.get('subscriptions')!.records).toHaveLength(5)
    expect(store.row('billing_subscriptions', testId('sub', 2))).toMatchObject({
      seats: 9,
      mrr: 396,
    })
  })

  it('catches a change with no event in the window at the next reconcileEvery pass', async () => {
    const { sandbox, store, run } = await firstSync()
    sandbox.updateSubscription(testId('sub', 3), { quantity: 7 }, { at: T0 - 35 * DAY_MS })
    vi.setSystemTime(T0 + DAY_MS)
    const quiet = await run()
    expect(quiet.get('subscriptions')!.records).toEqual([])
    expect(store.row('billing_subscriptions', testId('sub', 3))).toMatchObject({ seats: 4 })
    vi.setSystemTime(T0 + 8 * DAY_MS)
    const reconciled = await run()
    expect(reconciled.get('subscriptions')!.records).toHaveLength(5)
    expect(store.row('billing_subscriptions', testId('sub', 3))).toMatchObject({
      seats: 7,
      mrr: 308,
    })
  })

  it("goes on from the last event's time once that event is past 30 days", async () => {
    const { sandbox, store, run } = await firstSync()
    sandbox.updateCustomer(testId('cus', 1), { name: 'First change' })
    await run()
    for (const day of [10, 20, 30]) {
      vi.setSystemTime(T0 + day * DAY_MS)
      expect((await run()).get('events')!.records, `day ${day}`).toEqual([])
    }
    vi.setSystemTime(T0 + 35 * DAY_MS)
    sandbox.updateCustomer(testId('cus', 1), { name: 'Second change' })
    vi.setSystemTime(T0 + 36 * DAY_MS)
    const runs = await run()
    expect(runs.get('events')!.records).toMatchObject([{ type: 'customer.updated' }])
    expect(store.row('source_accounts', testId('cus', 1))).toMatchObject({ name: 'Second change' })
    expect(sandbox.calls.statuses()).toContain(400)
  })
})
