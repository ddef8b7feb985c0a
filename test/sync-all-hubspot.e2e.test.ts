import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HubspotSandbox } from '../src/sandbox/hubspot/server.js'
import {
  AS_OF,
  countRows,
  createHarness,
  runSync,
  startWorker,
  type Harness,
} from './support/harness.js'

/** The whole pipeline with HubSpot as the CRM of record: what ends up on the companies. */
describe('syncAll end to end with HubSpot as the CRM of record', () => {
  let h: Harness
  let hs: HubspotSandbox
  let stopWorker: () => Promise<void>
  let runs = 0

  const sync = () => runSync(h, `sync-all:hubspot:${(runs += 1)}`)
  const batchUpdates = () =>
    hs.calls.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/batch/update')).length

  beforeAll(async () => {
    h = await createHarness('hubspot_e2e', { accounts: 150, seed: 11, crm: 'hubspot' })
    hs = h.sandbox.server<HubspotSandbox>('hubspot')!
    stopWorker = await startWorker(h)
  })

  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it('lands owners, companies and deals, scores them and writes the scores onto the companies', async () => {
    const result = await sync()
    expect(await countRows(h.db, 'accounts')).toBe(
      hs.records('companies').length + hs.records('companies', { archived: true }).length,
    )
    expect(await countRows(h.db, 'opportunities')).toBe(
      hs.records('deals').length + hs.records('deals', { archived: true }).length,
    )
    expect(await countRows(h.db, 'crm_users')).toBe(hs.store.owners.length)

    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    expect(result.scored).toBe(customers.length)
    expect(result.written).toBe(customers.length)
    const truth = new Map(customers.map((a) => [a.crmId, a]))
    const companies = new Map(hs.records('companies').map((c) => [c.id, c.properties]))
    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    // Each account's most urgent open play, as the write-back picks it.
    const plays = await h.db
      .selectFrom('plays')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy(
        sql`case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
      )
      .orderBy('due_date')
      .orderBy('id')
      .execute()
    // The expansion pipeline, counted from the portal itself: open Existing Business deals at
    // their stage's probability (nobody set a forecast probability on them).
    const stageProbability: Record<string, number> = {
      qualifiedtobuy: 0.4,
      decisionmakerboughtin: 0.8,
    }
    const upsells = new Map<string, number>()
    for (const d of hs.records('deals')) {
      const p = d.properties
      if (p.dealtype !== 'existingbusiness' || !(p.dealstage! in stageProbability)) continue
      const company = hs.store.dealCompanies.get(d.id)![0]!.companyId
      upsells.set(
        company,
        (upsells.get(company) ?? 0) + Number(p.amount) * stageProbability[p.dealstage!]!,
      )
    }
    expect(upsells.size).toBeGreaterThan(0)
    for (const score of scores) {
      const p = companies.get(score.source_id)!
      expect(Number(p.cs360_health_score)).toBe(Number(score.health_score))
      expect(p.cs360_health_band).toBe(score.health_band)
      expect(Number(p.cs360_arr)).toBe(Number(score.arr))
      expect(p.cs360_next_renewal).toBe(score.next_renewal_date)
      expect(Number(score.arr)).toBe(truth.get(score.source_id)!.arr)
      // Everything else a CSM sees beside the score, from the same row and the plays.
      expect(p.cs360_segment_tier).toBe(score.segment_tier)
      // 003's roll-up: Green from 80, Yellow from 50, Red below.
      const health = Number(score.health_score)
      expect(p.cs360_health_status).toBe(health >= 80 ? 'Green' : health >= 50 ? 'Yellow' : 'Red')
      // 004's forecast: ARR × 95/85/60/30/10% by health; at risk below 60.
      const probability =
        health >= 80 ? 0.95 : health >= 60 ? 0.85 : health >= 40 ? 0.6 : health >= 20 ? 0.3 : 0.1
      expect(Number(p.cs360_renewal_forecast_arr)).toBeCloseTo(Number(score.arr) * probability, 2)
      expect(p.cs360_renewal_risk).toBe(health < 60 ? 'At risk' : 'On track')
      expect(Number(p.cs360_expansion_pipeline_arr)).toBeCloseTo(
        upsells.get(score.source_id) ?? 0,
        2,
      )
      expect(['high-touch', 'low-touch', 'tech-touch']).toContain(p.cs360_segment_tier)
      expect(p.cs360_lifecycle_stage).toBe(score.lifecycle_stage)
      expect(p.cs360_config_version).toBe(score.config_version)
      expect(p.cs360_computed_at).toBe(score.computed_at.toISOString().slice(0, 10))
      const drivers = (score.drivers as string[]).join('; ')
      expect(p.cs360_health_drivers ?? '').toBe(drivers.slice(0, 255))
      // No score 30 days old yet: no trend.
      expect(p.cs360_health_trend ?? null).toBeNull()
      const next = plays.find((x) => x.account_id === score.source_id)
      expect(p.cs360_next_play ?? null).toBe(
        next ? `${next.action}: ${next.reason}`.slice(0, 255) : null,
      )
      expect(p.cs360_next_play_priority ?? null).toBe(next?.priority ?? null)
    }
    for (const former of h.dataset.groundTruth!.accounts.filter((a) => a.churned))
      expect(companies.get(former.crmId)?.cs360_health_score ?? null).toBeNull()
    // Batch update takes 100 companies a call: ⌈customers / 100⌉ write requests.
    expect(batchUpdates()).toBe(Math.ceil(customers.length / 100))
  })

  it('links each customer’s support, billing and usage records to its company', async () => {
    const links = await h.db.selectFrom('account_links').selectAll().execute()
    for (const account of h.dataset.groundTruth!.accounts) {
      const expected = account.identity!.expected
      for (const [source, id, outcome] of [
        ['zendesk', account.links!.zendeskOrganizationId, expected.zendesk],
        ['stripe', account.links!.stripeCustomerId, expected.stripe],
      ] as const) {
        const found = links.find((l) => l.source === source && l.source_id === String(id))
        expect(found?.status, `${source} ${id} of ${account.name}`).toBe(outcome)
        if (outcome === 'matched') expect(found!.crm_account_id).toBe(account.crmId)
      }
    }
  })

  it('writes nothing the second time when nothing changed at the source', async () => {
    await hs.searchSettled()
    const before = batchUpdates()
    const result = await sync()
    expect(result.written).toBe(0)
    expect(batchUpdates()).toBe(before)
  })

  it('keeps one score per account per day and writes the trend against 30 days earlier', async () => {
    const [score] = await h.db.selectFrom('account_scores').selectAll().limit(1).execute()
    const history = await h.db
      .selectFrom('account_score_history')
      .selectAll()
      .where('source_id', '=', score!.source_id)
      .execute()
    // Two runs on one day: one row, with the config version that produced it.
    expect(history).toHaveLength(1)
    expect(history[0]!).toMatchObject({ day: AS_OF, config_version: score!.config_version })
    // A score kept 31 days earlier, 12.5 points lower: the next run's trend is +12.5.
    const monthAgo = new Date(Date.parse(AS_OF) - 31 * 86_400_000).toISOString().slice(0, 10)
    await h.db
      .insertInto('account_score_history')
      .values({
        source: 'hubspot',
        source_id: score!.source_id,
        day: monthAgo,
        health_score: Number(score!.health_score) - 12.5,
        health_band: score!.health_band,
        model_version: score!.model_version,
        config_version: 'older',
      })
      .execute()
    const result = await sync()
    expect(result.written).toBe(1)
    const company = hs.records('companies').find((c) => c.id === score!.source_id)!
    expect(Number(company.properties.cs360_health_trend)).toBe(12.5)
  })

  it('picks up a changed and an archived company incrementally and writes only the change', async () => {
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    const [changed, archived] = [customers[3]!.crmId, customers[4]!.crmId]
    hs.change('companies', changed, { name: 'Renamed In HubSpot Inc' })
    hs.archive('companies', archived)
    await hs.searchSettled()
    await sync()
    const rows = await h.db
      .selectFrom('accounts')
      .select(['source_id', 'name', 'deleted_at'])
      .where('source_id', 'in', [changed, archived])
      .execute()
    const byId = new Map(rows.map((r) => [r.source_id, r]))
    expect(byId.get(changed)!.name).toBe('Renamed In HubSpot Inc')
    expect(byId.get(archived)!.deleted_at).not.toBeNull()
    const scored = (await h.db.selectFrom('account_scores').select('source_id').execute()).map(
      (s) => s.source_id,
    )
    expect(scored).not.toContain(archived)
  })
})
