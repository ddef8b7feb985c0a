import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { refreshRetentionMetrics } from '../src/db/metrics/refresh-retention-metrics.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { expansionPipeline } from '../src/model/expansion/weighting.js'
import { metricsSettingsSchema } from '../src/model/retention/metrics-settings.js'
import { quarterOf } from '../src/model/retention/months.js'
import type { HubspotSandbox } from '../src/sandbox/hubspot/server.js'
import { createDatabase } from './global-setup.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

const CRM = 'salesforce'
const NOW = '2026-06-10T00:00:00Z'
const k = 1_000

/**
 * Customers A (high touch, u1), B (low touch, u2) and C (tech touch, nobody's), and P, an
 * account with no score (no customer). The run is on 2026-06-10: quarters Q2 2026 – Q1 2027.
 */
const scores = [
  { id: 'A', arr: 120 * k, renewal: '2026-12-01' },
  { id: 'B', arr: 40 * k, renewal: null },
  { id: 'C', arr: 10 * k, renewal: '2026-08-01' },
]
const owners: Record<string, string | null> = { A: 'u1', B: 'u2', C: null, P: 'u1' }

interface Opportunity {
  id: string
  account: string
  stage: string
  amount: number | null
  probability: number | null
  close: string | null
  expansion?: boolean
  renewal?: boolean
  closed?: boolean
  deleted?: boolean
}

const opportunities: Opportunity[] = [
  // Weighted by the probability the CRM holds (75%), though 004 names the stage (25%): 15k.
  {
    id: 'a-crm',
    account: 'A',
    stage: 'Qualified',
    amount: 20 * k,
    probability: 75,
    close: '2026-08-20',
  },
  // No CRM probability: 004's Committed, 75%: 7.5k.
  {
    id: 'a-cfg',
    account: 'A',
    stage: 'Committed',
    amount: 10 * k,
    probability: null,
    close: '2026-11-05',
  },
  // Past its close date and still open: expected this quarter. 004's Proposed, 50%: 4k.
  {
    id: 'a-late',
    account: 'A',
    stage: 'proposed',
    amount: 8 * k,
    probability: null,
    close: '2026-03-15',
  },
  // Renewals are forecast by health, not here; closed and deleted deals are no pipeline.
  {
    id: 'a-renewal',
    account: 'A',
    stage: 'Proposed',
    amount: 100 * k,
    probability: 90,
    close: '2026-11-30',
    renewal: true,
  },
  {
    id: 'a-won',
    account: 'A',
    stage: 'Closed Won',
    amount: 5 * k,
    probability: 100,
    close: '2026-05-01',
    closed: true,
  },
  {
    id: 'a-deleted',
    account: 'A',
    stage: 'Proposed',
    amount: 7 * k,
    probability: 50,
    close: '2026-08-01',
    deleted: true,
  },
  // A stage nobody knows a probability for: pipeline, not weighted, counted as stage unknown.
  {
    id: 'b-unknown',
    account: 'B',
    stage: 'Scoping',
    amount: 30 * k,
    probability: null,
    close: '2026-09-01',
  },
  // Beyond the forecast's four quarters: the account's pipeline, no quarter's.
  {
    id: 'b-far',
    account: 'B',
    stage: 'Prospecting',
    amount: 50 * k,
    probability: 10,
    close: '2027-09-01',
  },
  // Not a kind that grows the account (new business, say).
  {
    id: 'b-new',
    account: 'B',
    stage: 'Proposed',
    amount: 25 * k,
    probability: 50,
    close: '2026-08-01',
    expansion: false,
  },
  // Without a close date: the account's pipeline, no quarter's. Without an amount: nothing.
  {
    id: 'c-undated',
    account: 'C',
    stage: 'Needs Analysis',
    amount: 6 * k,
    probability: 40,
    close: null,
  },
  {
    id: 'c-no-amount',
    account: 'C',
    stage: 'Needs Analysis',
    amount: null,
    probability: 40,
    close: '2026-08-01',
  },
  // P is no customer.
  {
    id: 'p-upsell',
    account: 'P',
    stage: 'Proposed',
    amount: 9 * k,
    probability: 50,
    close: '2026-08-01',
  },
]

async function loadFixture(db: Kysely<Database>) {
  await db
    .insertInto('crm_users')
    .values(
      ['u1', 'u2'].map((id) => ({ source: CRM, source_id: id, name: id, source_updated_at: NOW })),
    )
    .execute()
  await db
    .insertInto('accounts')
    .values(
      Object.entries(owners).map(([id, owner]) => ({
        source: CRM,
        source_id: id,
        name: `Account ${id}`,
        owner_source_id: owner,
        source_updated_at: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('account_scores')
    .values(
      scores.map((s) => ({
        source: CRM,
        source_id: s.id,
        arr: s.arr,
        next_renewal_date: s.renewal,
        health_score: 70,
        health_band: 'Stable',
        health_components: '{}',
        observed_weight: 1,
        missing_inputs: '[]',
        drivers: '[]',
        model_version: 'test',
        computed_at: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('opportunities')
    .values(
      opportunities.map((o) => ({
        source: CRM,
        source_id: o.id,
        account_source_id: o.account,
        name: o.id,
        stage: o.stage,
        amount: o.amount,
        probability: o.probability,
        close_date: o.close,
        is_closed: o.closed ?? false,
        is_won: o.closed ?? false,
        is_renewal: o.renewal ?? false,
        is_expansion: !o.renewal && (o.expansion ?? true),
        deleted_at: o.deleted ? NOW : null,
        source_updated_at: NOW,
      })),
    )
    .execute()
}

describe('expansion pipeline over a hand-built company', () => {
  let db: Kysely<Database>
  const settings = metricsSettingsSchema.parse({})

  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_expansion'))
    await migrateToLatest(db)
    await loadFixture(db)
  })
  afterAll(() => db?.destroy())

  const refresh = (expansionStages = settings.forecast.expansionStages) =>
    refreshRetentionMetrics(db, {
      crm: CRM,
      asOf: '2026-06-10',
      settings: { ...settings, forecast: { ...settings.forecast, expansionStages } },
    })

  const perAccount = async () =>
    (
      await db
        .selectFrom('account_expansion_pipeline')
        .selectAll()
        .where('crm', '=', CRM)
        .orderBy('account_id')
        .execute()
    ).map((r) => ({
      account: r.account_id,
      opportunities: r.opportunities,
      pipeline: Number(r.pipeline_arr),
      weighted: Number(r.weighted_arr),
      stageUnknown: [r.stage_unknown_opportunities, Number(r.stage_unknown_arr)],
      nextClose: r.next_close_date,
    }))

  const quarter = async (q: string, segment = 'all', csm = 'all') => {
    const row = await db
      .selectFrom('renewal_forecast_quarterly')
      .selectAll()
      .where('crm', '=', CRM)
      .where('quarter', '=', q)
      .where('segment', '=', segment)
      .where('csm_source_id', '=', csm)
      .executeTakeFirst()
    expect(row, `${q} ${segment} ${csm}`).toBeDefined()
    return {
      opportunities: row!.expansion_opportunities,
      pipeline: Number(row!.expansion_pipeline),
      weighted: Number(row!.weighted_expansion),
      stageUnknown: [row!.expansion_stage_unknown, Number(row!.expansion_stage_unknown_arr)],
    }
  }

  it("per customer: the CRM's probability, else the configured stage's, else stage unknown", async () => {
    const result = await refresh()
    expect(result.expansionAccounts).toBe(3)
    expect(await perAccount()).toEqual([
      {
        account: 'A',
        opportunities: 3,
        pipeline: 38 * k,
        weighted: 15 * k + 7.5 * k + 4 * k,
        stageUnknown: [0, 0],
        nextClose: '2026-03-15',
      },
      {
        account: 'B',
        opportunities: 2,
        pipeline: 80 * k,
        weighted: 5 * k,
        stageUnknown: [1, 30 * k],
        nextClose: '2026-09-01',
      },
      {
        account: 'C',
        opportunities: 1,
        pipeline: 6 * k,
        weighted: 2.4 * k,
        stageUnknown: [0, 0],
        nextClose: null,
      },
    ])
  })

  it('agrees with the weighting rules of src/model/expansion', async () => {
    await refresh()
    const counted = opportunities.filter(
      (o) => o.account === 'B' && o.expansion !== false && !o.renewal && o.amount !== null,
    )
    const model = expansionPipeline(
      counted.map((o) => ({ amount: o.amount!, stage: o.stage, crmProbability: o.probability })),
      settings.forecast.expansionStages,
    )
    const b = (await perAccount()).find((r) => r.account === 'B')!
    expect([b.opportunities, b.pipeline, b.weighted, b.stageUnknown]).toEqual([
      model.opportunities,
      model.pipeline,
      model.weighted,
      [model.stageUnknown.opportunities, model.stageUnknown.amount],
    ])
  })

  it('per quarter of expected close × segment × CSM, beside the renewal forecast', async () => {
    await refresh()
    // The late one, expected now.
    expect(await quarter('2026-04-01')).toEqual({
      opportunities: 1,
      pipeline: 8 * k,
      weighted: 4 * k,
      stageUnknown: [0, 0],
    })
    expect(await quarter('2026-07-01')).toEqual({
      opportunities: 2,
      pipeline: 50 * k,
      weighted: 15 * k,
      stageUnknown: [1, 30 * k],
    })
    expect(await quarter('2026-07-01', 'high-touch', 'u1')).toEqual({
      opportunities: 1,
      pipeline: 20 * k,
      weighted: 15 * k,
      stageUnknown: [0, 0],
    })
    expect(await quarter('2026-07-01', 'low-touch', 'all')).toEqual({
      opportunities: 1,
      pipeline: 30 * k,
      weighted: 0,
      stageUnknown: [1, 30 * k],
    })
    // C renews in Q3 and has no dated pipeline: its row has the renewal and no expansion.
    expect(await quarter('2026-07-01', 'tech-touch', 'none')).toEqual({
      opportunities: 0,
      pipeline: 0,
      weighted: 0,
      stageUnknown: [0, 0],
    })
    expect(await quarter('2026-10-01', 'all', 'u1')).toEqual({
      opportunities: 1,
      pipeline: 10 * k,
      weighted: 7.5 * k,
      stageUnknown: [0, 0],
    })
    expect(await quarter('2027-01-01')).toEqual({
      opportunities: 0,
      pipeline: 0,
      weighted: 0,
      stageUnknown: [0, 0],
    })
  })

  it('weights a stage the CRM gives no probability once the config names it', async () => {
    await refresh({ Scoping: 0.2 })
    const b = (await perAccount()).find((r) => r.account === 'B')!
    expect([b.weighted, b.stageUnknown]).toEqual([5 * k + 6 * k, [0, 0]])
    // Naming stages replaces 004's: Committed and Proposed are unknown now.
    const a = (await perAccount()).find((r) => r.account === 'A')!
    expect([a.weighted, a.stageUnknown]).toEqual([15 * k, [2, 18 * k]])
    await refresh()
  })
})

/**
 * A synced sandbox company, each CRM in turn: the stored pipeline is what the CRM's own records
 * say — the open upsells of scored customers at their stage probability — with the open
 * renewals and the closed-won upsells every company has left out.
 */
describe.each([
  { crm: 'salesforce' as const, seed: 5 },
  { crm: 'hubspot' as const, seed: 6 },
])('expansion pipeline over a synced sandbox $crm', ({ crm, seed }) => {
  let h: Harness
  let stopWorker: () => Promise<void>

  beforeAll(async () => {
    h = await createHarness(`expansion_${crm}`, { accounts: 80, seed, crm, only: [crm] })
    stopWorker = await startWorker(h)
    await runSync(h, `expansion:${crm}`)
  })
  afterAll(async () => {
    await stopWorker?.()
    await h?.close()
  })

  /** The CRM's open upsells by account, read from the sandbox itself, and what it holds else. */
  function fromTheCrm() {
    const open: { account: string; amount: number; probability: number; close: string }[] = []
    let openRenewals = 0
    let closedUpsells = 0
    if (crm === 'salesforce') {
      for (const o of h.salesforce.records('Opportunity')) {
        if (o.Type === 'Renewal' && o.IsClosed === false) openRenewals += 1
        if (o.Type !== 'Upsell') continue
        if (o.IsClosed === true) closedUpsells += 1
        else
          open.push({
            account: String(o.AccountId),
            amount: Number(o.Amount),
            probability: Number(o.Probability) / 100,
            close: String(o.CloseDate),
          })
      }
    } else {
      const hs = h.sandbox.server<HubspotSandbox>('hubspot')!
      const stage: Record<string, number> = { qualifiedtobuy: 0.4, decisionmakerboughtin: 0.8 }
      for (const d of hs.records('deals')) {
        const p = d.properties
        if (p.dealtype === 'renewal' && p.hs_is_closed === 'false') openRenewals += 1
        if (p.dealtype !== 'existingbusiness') continue
        if (p.hs_is_closed === 'true') closedUpsells += 1
        else
          open.push({
            account: hs.store.dealCompanies.get(d.id)![0]!.companyId,
            amount: Number(p.amount),
            probability: stage[p.dealstage!]!,
            close: p.closedate!.slice(0, 10),
          })
      }
    }
    return { open, openRenewals, closedUpsells }
  }

  it('stores each customer’s open upsells, weighted by their stage', async () => {
    const { open, openRenewals, closedUpsells } = fromTheCrm()
    expect(open.length).toBeGreaterThan(3)
    expect(openRenewals).toBeGreaterThan(0)
    expect(closedUpsells).toBeGreaterThan(0)
    const scored = new Set(
      (await h.db.selectFrom('account_scores').select('source_id').execute()).map(
        (s) => s.source_id,
      ),
    )
    const expected = new Map<
      string,
      { opportunities: number; pipeline: number; weighted: number }
    >()
    for (const o of open.filter((o) => scored.has(o.account))) {
      const e = expected.get(o.account) ?? { opportunities: 0, pipeline: 0, weighted: 0 }
      e.opportunities += 1
      e.pipeline += o.amount
      e.weighted += o.amount * o.probability
      expected.set(o.account, e)
    }
    const rows = await h.db
      .selectFrom('account_expansion_pipeline')
      .selectAll()
      .where('crm', '=', crm)
      .execute()
    expect(
      new Map(
        rows.map((r) => [
          r.account_id,
          {
            opportunities: r.opportunities,
            pipeline: Number(r.pipeline_arr),
            weighted: Number(r.weighted_arr),
          },
        ]),
      ),
    ).toEqual(expected)
    // Both CRMs know every stage's probability.
    expect(rows.every((r) => r.stage_unknown_opportunities === 0)).toBe(true)
  })

  it('adds them up per quarter of expected close, and the segment × CSM rows to the total', async () => {
    const { open } = fromTheCrm()
    const scored = new Set(
      (await h.db.selectFrom('account_scores').select('source_id').execute()).map(
        (s) => s.source_id,
      ),
    )
    const rows = await h.db
      .selectFrom('renewal_forecast_quarterly')
      .selectAll()
      .where('crm', '=', crm)
      .execute()
    const quarters = [...new Set(rows.map((r) => r.quarter))].sort()
    expect(quarters[0]).toBe(quarterOf(AS_OF))
    let total = 0
    for (const q of quarters) {
      const due = open.filter((o) => scored.has(o.account) && quarterOf(o.close) === q)
      const all = rows.find(
        (r) => r.quarter === q && r.segment === 'all' && r.csm_source_id === 'all',
      )!
      expect(all.expansion_opportunities, q).toBe(due.length)
      expect(Number(all.expansion_pipeline)).toBeCloseTo(
        due.reduce((s, o) => s + o.amount, 0),
        2,
      )
      expect(Number(all.weighted_expansion)).toBeCloseTo(
        due.reduce((s, o) => s + o.amount * o.probability, 0),
        2,
      )
      const split = rows.filter(
        (r) => r.quarter === q && r.segment !== 'all' && r.csm_source_id !== 'all',
      )
      expect(split.reduce((s, r) => s + Number(r.expansion_pipeline), 0)).toBeCloseTo(
        Number(all.expansion_pipeline),
        2,
      )
      total += all.expansion_opportunities
    }
    // The sandbox's upsells close within two quarters: all of them are in the forecast.
    expect(total).toBe(open.filter((o) => scored.has(o.account)).length)
  })
})
