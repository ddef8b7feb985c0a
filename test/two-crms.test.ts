import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import type { HubspotSandbox } from '../src/sandbox/hubspot/server.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

/**
 * HubSpot as the CRM of record with Salesforce still configured (a team mid-migration): both
 * are read, Salesforce's accounts link to the HubSpot companies of the same customers, and only
 * HubSpot is scored and written to.
 */
describe('two CRMs configured, one of record', () => {
  let h: Harness
  let stopWorker: () => Promise<void>

  beforeAll(async () => {
    const options = { accounts: 40, seed: 17, asOf: AS_OF }
    const inHubspot = generateDataset({ ...options, crm: 'hubspot' })
    const inSalesforce = generateDataset({ ...options, crm: 'salesforce' })
    h = await createHarness('two_crms', {
      dataset: { ...inHubspot, salesforce: inSalesforce.salesforce },
      configHead: 'crm: hubspot\n',
    })
    stopWorker = await startWorker(h)
  })

  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it('reads both, links the other CRM’s accounts, and scores and writes the CRM of record only', async () => {
    const result = await runSync(h, 'sync-all:two-crms')
    const steps = result.steps.map((s) => s.step)
    expect(steps).toContain('extract:salesforce:Account')
    expect(steps).toContain('extract:hubspot:companies')
    expect(steps).toContain('writeback:hubspot')
    expect(steps).not.toContain('writeback:salesforce')
    expect(h.salesforce.calls.writes()).toEqual([])
    const scored = await h.db.selectFrom('account_scores').select('source').distinct().execute()
    expect(scored).toEqual([{ source: 'hubspot' }])
    const hs = h.sandbox.server<HubspotSandbox>('hubspot')!
    const written = hs.records('companies').filter((c) => c.properties.cs360_health_score != null)
    expect(written.length).toBe(result.written)
    expect(result.written).toBeGreaterThan(30)
    // Each Salesforce account is the same customer as one HubSpot company (same name and domain).
    const links = await h.db
      .selectFrom('account_links')
      .selectAll()
      .where('source', '=', 'salesforce')
      .execute()
    const matched = links.filter((l) => l.status === 'matched')
    expect(matched.length).toBeGreaterThan(30)
    const companyName = new Map(hs.records('companies').map((c) => [c.id, c.properties.name]))
    const accountName = new Map(h.salesforce.records('Account').map((a) => [a.Id, a.Name]))
    for (const l of matched)
      expect(companyName.get(l.crm_account_id!)).toBe(accountName.get(l.source_id))
  })
})
