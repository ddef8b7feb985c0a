import { afterAll, describe, expect, it } from 'vitest'
import { changeRecords, spread } from './change-records.js'
import { generateDataset } from './dataset/generate.js'
import type { HubspotSandbox } from './hubspot/server.js'
import type { SalesforceSandbox } from './salesforce/server.js'
import { startSandbox, type RunningSandbox } from './start-sandbox.js'
import type { StripeSandbox } from './stripe/server.js'
import type { ZendeskSandbox } from './zendesk/server.js'

describe('spread', () => {
  it('takes ⌈n × fraction⌉ ids evenly spaced, each once', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i)
    expect(spread(ids, 0.01)).toEqual([0, 83, 166])
    expect(spread(ids, 1)).toEqual(ids)
    expect(spread([7], 0.01)).toEqual([7])
    expect(spread([], 0.5)).toEqual([])
  })
})

describe('changeRecords', () => {
  const asOf = '2026-11-22'
  const running: RunningSandbox[] = []
  afterAll(async () => Promise.all(running.map((s) => s.close())))
  const start = async (crm: 'salesforce' | 'hubspot') => {
    const sandbox = await startSandbox(generateDataset({ accounts: 60, seed: 3, asOf, crm }))
    running.push(sandbox)
    return sandbox
  }

  it('changes 1% of every synced object in Salesforce, Zendesk and Stripe and moves their stamps', async () => {
    const sandbox = await start('salesforce')
    const sf = sandbox.server<SalesforceSandbox>('salesforce')!
    const zd = sandbox.server<ZendeskSandbox>('zendesk')!
    const stripe = sandbox.server<StripeSandbox>('stripe')!
    const accounts = sf.records('Account').length
    const opportunities = sf.records('Opportunity').length
    const tickets = zd.store.tickets.size
    const events = stripe.store.ordered('event').length
    const before = new Date(Date.now() - 1000).toISOString()

    const changed = changeRecords(sandbox, 0.01, 'bench change 1')

    expect(changed.salesforce).toEqual({
      Account: Math.ceil(accounts / 100),
      Opportunity: Math.ceil(opportunities / 100),
    })
    expect(changed.zendesk!.tickets).toBe(Math.ceil(tickets / 100))
    const marked = sf.records('Account').filter((a) => a.Description === 'bench change 1')
    expect(marked).toHaveLength(changed.salesforce!.Account!)
    for (const a of marked) expect(String(a.SystemModstamp) >= before.slice(0, 19)).toBe(true)
    const recent = Math.floor(Date.now() / 1000) - 5
    const touched = [...zd.store.tickets.values()].filter((t) => t.subject === 'bench change 1')
    expect(touched).toHaveLength(changed.zendesk!.tickets!)
    for (const t of touched) expect(t.generated_timestamp).toBeGreaterThanOrEqual(recent)
    const s = changed.stripe!
    expect(s.customers).toBeGreaterThan(0)
    // Each change is one `*.updated` event, the feed cs360's Stripe re-sync reads.
    expect(stripe.store.ordered('event').length - events).toBe(
      s.customers! + s.subscriptions! + s.invoices!,
    )
  })

  it('changes companies and deals in HubSpot, moving hs_lastmodifieddate', async () => {
    const sandbox = await start('hubspot')
    const hs = sandbox.server<HubspotSandbox>('hubspot')!
    const companies = hs.records('companies')
    const changed = changeRecords(sandbox, 0.01, 'bench change 2')
    expect(changed.hubspot).toEqual({
      companies: Math.ceil(companies.length / 100),
      deals: Math.ceil(hs.records('deals').length / 100),
    })
    const after = hs
      .records('companies')
      .filter((c) => c.properties.description === 'bench change 2')
    expect(after).toHaveLength(changed.hubspot!.companies!)
    for (const c of after) {
      const was = companies.find((o) => o.id === c.id)!
      expect(Date.parse(c.updatedAt)).toBeGreaterThan(Date.parse(was.updatedAt))
    }
    expect(changed.salesforce).toBeUndefined()
  })

  it('refuses a fraction outside (0, 1]', async () => {
    const sandbox = running[0]!
    expect(() => changeRecords(sandbox, 0, 'x')).toThrow(/fraction/)
    expect(() => changeRecords(sandbox, 1.5, 'x')).toThrow(/fraction/)
  })
})
