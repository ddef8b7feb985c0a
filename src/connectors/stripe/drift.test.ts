import { afterEach, describe, expect, it } from 'vitest'
import { testAccount } from '../../sandbox/stripe/test-account.js'
import { customersStream, eventsStream, subscriptionsStream } from './streams.js'
import { runStream, startAccount, type Account } from './test-support.js'

const now = () => Math.floor(Date.now() / 1000)
let account: Account | undefined
afterEach(() => account?.close())

/** The account plus a customer with a field cs360 does not know and one with a broken field. */
async function drifted() {
  const dataset = testAccount({ customers: 3, start: now() - 90 * 86_400 })
  account = await startAccount(dataset)
  const template = dataset.customers[0]!
  account.sandbox.add('customer', {
    ...template,
    id: 'cus_newField',
    created: now(),
    loyalty_tier: 'gold',
  })
  account.sandbox.add('customer', { ...template, id: 'cus_brokenName', created: now(), name: 42 })
  return account
}

describe('Stripe schema drift', () => {
  it('keeps an unknown field in extra and quarantines a broken customer on a list pass', async () => {
    const { ctx } = await drifted()
    const run = await runStream(customersStream, ctx, null)
    expect(run.records).toHaveLength(5)
    expect(run.quarantined).toEqual([
      {
        sourceId: 'cus_brokenName',
        reason: 'name: Invalid input: expected string, received number',
      },
    ])
    const kept = run.rows.find(
      (r) => (r.row as { source_id: string }).source_id === 'cus_newField',
    )!
    expect(JSON.parse(String((kept.row as { extra: string }).extra))).toMatchObject({
      loyalty_tier: 'gold',
    })
  })

  it('does the same for the objects events carry', async () => {
    const { ctx } = await drifted()
    const run = await runStream(eventsStream, ctx, null)
    expect(run.records).toHaveLength(2)
    expect(run.quarantined).toEqual([
      {
        sourceId: 'cus_brokenName',
        reason: 'data.object.name: Invalid input: expected string, received number',
      },
    ])
    expect(JSON.parse(String((run.rows[0]!.row as { extra: string }).extra))).toMatchObject({
      loyalty_tier: 'gold',
    })
  })

  it('quarantines a subscription whose status Stripe has not documented, and reads on', async () => {
    const dataset = testAccount({ customers: 3, start: now() - 90 * 86_400 })
    dataset.subscriptions[1]!.status = 'dormant' as never
    account = await startAccount(dataset)
    const run = await runStream(subscriptionsStream, account.ctx, null)
    expect(run.records).toHaveLength(3)
    expect(run.quarantined).toMatchObject([
      { sourceId: dataset.subscriptions[1]!.id, reason: expect.stringMatching(/^status: /) },
    ])
  })
})
