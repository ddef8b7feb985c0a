import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../sandbox/dataset/generate.js'
import type { Dataset } from '../../sandbox/dataset/schema.js'
import { stripeConnector } from './connector.js'
import { Customer360, startAccount, sync, type Account, type StreamRun } from './test-support.js'

/**
 * The connector over a generated company's Stripe account: every object lands, nothing is
 * quarantined, customers carry the CRM links, and MRR × 12 comes back to the ARR the company
 * model contracted (seats are whole, so within half a seat's yearly price).
 */
describe('Stripe connector on a generated company', () => {
  const asOf = new Date().toISOString().slice(0, 10)
  let dataset: Dataset
  let account: Account
  let runs: Map<string, StreamRun>
  const store = new Customer360()

  beforeAll(async () => {
    dataset = generateDataset({ accounts: 60, seed: 11, asOf })
    account = await startAccount(dataset.stripe!)
    runs = await sync(stripeConnector.streams, account.ctx, new Map(), store)
  }, 60_000)
  afterAll(() => account?.close())

  it('lands every customer, subscription and invoice without quarantining any', () => {
    for (const [name, run] of runs) expect(run.quarantined, name).toEqual([])
    const stripe = dataset.stripe!
    expect(store.table('source_accounts').size).toBe(stripe.customers.length)
    expect(store.table('billing_subscriptions').size).toBe(stripe.subscriptions.length)
    expect(store.table('billing_invoices').size).toBe(stripe.invoices.length)
  })

  it('links each customer by its CRM id and domain', () => {
    for (const truth of dataset.groundTruth!.accounts) {
      const row = store.row('source_accounts', truth.links!.stripeCustomerId!)!
      expect([[truth.crmId], []]).toContainEqual(row.crm_account_ids)
      // A customer billed to a free-mail address carries no domain of its company (a trap).
      if (truth.identity!.trap !== 'free-mail-billing') expect(row.domains).toContain(truth.domain)
    }
  })

  it('brings MRR × 12 back to the contracted ARR', () => {
    const subscriptionOf = new Map(
      dataset.stripe!.subscriptions.map((s) => [s.customer, s.id] as const),
    )
    for (const truth of dataset.groundTruth!.accounts) {
      const row = store.row(
        'billing_subscriptions',
        subscriptionOf.get(truth.links!.stripeCustomerId!)!,
      )!
      const seatYear = (Number(row.mrr) * 12) / Math.max(1, Number(row.seats))
      if (truth.churned) expect(row.mrr, truth.name).toBe(0)
      else
        expect(Math.abs(Number(row.mrr) * 12 - truth.arr), truth.name).toBeLessThanOrEqual(
          seatYear / 2 + 1,
        )
    }
  })

  it('keeps monthly MRR for closed months from invoices and the current month from the items', () => {
    const current = `${asOf.slice(0, 7)}-01`
    const months = [...store.table('billing_mrr_monthly').values()]
    expect(months.every((m) => String(m.month) <= current)).toBe(true)
    const live = dataset.stripe!.subscriptions.filter((s) => s.status !== 'canceled')
    for (const sub of live) {
      const row = store.row('billing_mrr_monthly', `${sub.id}/${current}`)
      expect(row?.mrr, sub.id).toBe(store.row('billing_subscriptions', sub.id)!.mrr)
    }
    const history = months.filter((m) => String(m.month) < current)
    expect(history.length).toBeGreaterThan(live.length * 6)
  })
})
