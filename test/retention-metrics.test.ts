import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createActivities } from '../src/activities/index.js'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { readRetention } from '../src/db/metrics/read-retention.js'
import { refreshRetentionMetrics } from '../src/db/metrics/refresh-retention-metrics.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { monthOf } from '../src/model/retention/months.js'
import { retentionRates, retentionTotals } from '../src/model/retention/retention.js'
import { metricsSettingsSchema } from '../src/model/retention/metrics-settings.js'
import type { StripeSandbox } from '../src/sandbox/stripe/server.js'
import { createDatabase } from './global-setup.js'
import { createHarness, quietLog, type Harness } from './support/harness.js'

const CRM = 'salesforce'
const NOW = '2026-06-10T00:00:00Z'

/**
 * A small company whose billing reproduces 004's $1M example over the quarter ending June 2026
 * (a three-month trailing window keeps it small). MRR at each month end, in dollars:
 *
 *             owner  Jan   Feb   Mar   Apr   May   Jun   (… 2025)
 *   A a1       u1    300k  300k  300k  300k  300k  —     no June row yet: still 300k
 *   A a2       u1    100k  100k  100k  100k  100k  250k  on a second Stripe customer of A
 *   B b1       u1    300k  300k  300k  200k  200k  270k
 *   C c1       u2    50k   50k   50k   50k   0           canceled 12 May
 *   D d1       —                             250k  250k  created 2024: Jan–Apr estimated 250k
 *   E e1       u2                                  80k   new in June
 *   F f1       u2                                        Oct 2025 20k, canceled Nov 2025
 *   F f2       u2                                  20k   back in June
 *   G g1       —                                   5k    its customer matches two accounts
 *
 * Quarter to June (start = end of March): A 400k → 550k (+150k), B 300k → 270k (−30k), C 50k →
 * 0 (−50k), D 250k → 250k: starting MRR $1,000,000, NRR 107%, GRR 92%, 3 of 4 logos; E is new
 * ($80k) and F reactivated ($20k), both outside the cohort; G is no CRM account's.
 */
const accounts = [
  { id: 'A', owner: 'u1' },
  { id: 'B', owner: 'u1' },
  { id: 'C', owner: 'u2' },
  { id: 'D', owner: null },
  { id: 'E', owner: 'u2' },
  { id: 'F', owner: 'u2' },
  { id: 'H', owner: 'u2' },
]
const customers = [
  { id: 'cus_a1', account: 'A' },
  { id: 'cus_a2', account: 'A' },
  { id: 'cus_b', account: 'B' },
  { id: 'cus_c', account: 'C' },
  { id: 'cus_d', account: 'D' },
  { id: 'cus_e', account: 'E' },
  { id: 'cus_f', account: 'F' },
  { id: 'cus_g', account: null },
]
const k = 1_000
const subscriptions: {
  id: string
  customer: string
  created: string
  status: string
  endedAt?: string
  months: Record<string, number>
}[] = [
  {
    id: 'a1',
    customer: 'cus_a1',
    created: '2025-06-01',
    status: 'active',
    months: {
      '2026-01': 300 * k,
      '2026-02': 300 * k,
      '2026-03': 300 * k,
      '2026-04': 300 * k,
      '2026-05': 300 * k,
    },
  },
  {
    id: 'a2',
    customer: 'cus_a2',
    created: '2025-06-01',
    status: 'active',
    months: {
      '2026-01': 100 * k,
      '2026-02': 100 * k,
      '2026-03': 100 * k,
      '2026-04': 100 * k,
      '2026-05': 100 * k,
      '2026-06': 250 * k,
    },
  },
  {
    id: 'b1',
    customer: 'cus_b',
    created: '2025-01-10',
    status: 'active',
    months: {
      '2026-01': 300 * k,
      '2026-02': 300 * k,
      '2026-03': 300 * k,
      '2026-04': 200 * k,
      '2026-05': 200 * k,
      '2026-06': 270 * k,
    },
  },
  {
    id: 'c1',
    customer: 'cus_c',
    created: '2025-01-01',
    status: 'canceled',
    endedAt: '2026-05-12',
    months: {
      '2026-01': 50 * k,
      '2026-02': 50 * k,
      '2026-03': 50 * k,
      '2026-04': 50 * k,
      '2026-05': 0,
    },
  },
  {
    id: 'd1',
    customer: 'cus_d',
    created: '2024-03-05',
    status: 'active',
    months: { '2026-05': 250 * k, '2026-06': 250 * k },
  },
  {
    id: 'e1',
    customer: 'cus_e',
    created: '2026-06-02',
    status: 'active',
    months: { '2026-06': 80 * k },
  },
  {
    id: 'f1',
    customer: 'cus_f',
    created: '2025-06-01',
    status: 'canceled',
    endedAt: '2025-11-15',
    months: { '2025-10': 20 * k, '2025-11': 0 },
  },
  {
    id: 'f2',
    customer: 'cus_f',
    created: '2026-06-03',
    status: 'active',
    months: { '2026-06': 20 * k },
  },
  {
    id: 'g1',
    customer: 'cus_g',
    created: '2026-06-01',
    status: 'active',
    months: { '2026-06': 5 * k },
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
      accounts.map((a) => ({
        source: CRM,
        source_id: a.id,
        name: `Account ${a.id}`,
        owner_source_id: a.owner,
        source_updated_at: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('source_accounts')
    .values(
      customers.map((c) => ({
        source: 'stripe',
        source_id: c.id,
        name: c.id,
        source_updated_at: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('account_links')
    .values(
      customers.map((c) => ({
        source: 'stripe',
        source_id: c.id,
        crm: CRM,
        crm_account_id: c.account,
        status: c.account ? ('matched' as const) : ('conflict' as const),
        method: c.account ? ('explicit_id' as const) : ('domain' as const),
        evidence: '[]',
      })),
    )
    .execute()
  await db
    .insertInto('billing_subscriptions')
    .values(
      subscriptions.map((s) => ({
        source: 'stripe',
        source_id: s.id,
        source_account_id: s.customer,
        status: s.status,
        currency: 'usd',
        mrr: s.status === 'active' ? Object.values(s.months).at(-1)! : 0,
        ended_at: s.endedAt ?? null,
        canceled_at: s.endedAt ?? null,
        source_created_at: s.created,
        source_updated_at: NOW,
      })),
    )
    .execute()
  await db
    .insertInto('billing_mrr_monthly')
    .values(
      subscriptions.flatMap((s) =>
        Object.entries(s.months).map(([month, mrr]) => ({
          source: 'stripe',
          subscription_source_id: s.id,
          month: `${month}-01`,
          source_account_id: s.customer,
          mrr,
          source_updated_at: NOW,
        })),
      ),
    )
    .execute()
}

/** MRR ≥ $300k a month is "large" here, so the fixture spans two segments. */
const tiers = [
  { id: 'large', minArr: 3_600_000 },
  { id: 'small', minArr: 0 },
]
const settings = metricsSettingsSchema.parse({ retention: { trailingMonths: 3, months: 2 } })

describe('retention metrics over a hand-built company', () => {
  let db: Kysely<Database>

  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_retention'))
    await migrateToLatest(db)
    await loadFixture(db)
  })
  afterAll(() => db?.destroy())

  const refresh = (retention: Partial<typeof settings.retention> = {}) =>
    refreshRetentionMetrics(db, {
      crm: CRM,
      asOf: '2026-06-10',
      settings: { ...settings, retention: { ...settings.retention, ...retention } },
      tiers,
    })
  const rates = async (month: string, windowMonths: number, segment?: string, csm?: string) => {
    const row = await readRetention(db, { crm: CRM, month, windowMonths, segment, csm })
    expect(row, `${month} ${windowMonths} ${segment} ${csm}`).toBeDefined()
    return {
      starting: Number(row!.starting_mrr),
      expansion: Number(row!.expansion_mrr),
      contraction: Number(row!.contraction_mrr),
      churned: Number(row!.churned_mrr),
      new: Number(row!.new_mrr),
      reactivation: Number(row!.reactivation_mrr),
      ending: Number(row!.ending_mrr),
      estimated: Number(row!.estimated_starting_mrr),
      logos: [
        row!.starting_logos,
        row!.retained_logos,
        row!.churned_logos,
        row!.new_logos,
        row!.reactivated_logos,
      ],
      nrr: row!.nrr === null ? null : Number(row!.nrr),
      grr: row!.grr === null ? null : Number(row!.grr),
      logoRetention: row!.logo_retention === null ? null : Number(row!.logo_retention),
    }
  }

  it("reproduces 004's $1M example over the trailing window: NRR 107%, GRR 92%", async () => {
    const result = await refresh()
    expect(result).toMatchObject({ from: '2026-05-01', to: '2026-06-01' })
    expect(result.unattributed).toEqual({ customers: 1, mrr: 5_000 })
    expect(await rates('2026-06-01', 3)).toEqual({
      starting: 1_000_000,
      expansion: 150_000,
      contraction: 30_000,
      churned: 50_000,
      new: 80_000,
      reactivation: 20_000,
      ending: 1_170_000,
      estimated: 250_000,
      logos: [4, 3, 1, 1, 1],
      nrr: 107,
      grr: 92,
      logoRetention: 75,
    })
    // The same accounts through the pure model give the same rates.
    expect(
      retentionRates(
        retentionTotals([
          { startMrr: 400_000, endMrr: 550_000, paidBefore: true },
          { startMrr: 300_000, endMrr: 270_000, paidBefore: true },
          { startMrr: 50_000, endMrr: 0, paidBefore: true },
          { startMrr: 250_000, endMrr: 250_000, paidBefore: true },
          { startMrr: 0, endMrr: 80_000, paidBefore: false },
          { startMrr: 0, endMrr: 20_000, paidBefore: true },
        ]),
      ),
    ).toEqual({ nrr: 107, grr: 92, logoRetention: 75 })
  })

  it('computes each month alone and the trailing window of every month kept', async () => {
    await refresh()
    // June alone (start = end of May): A +150k, B +70k, D flat; C had left in May.
    expect(await rates('2026-06-01', 1)).toMatchObject({
      starting: 850_000,
      expansion: 220_000,
      contraction: 0,
      churned: 0,
      new: 80_000,
      reactivation: 20_000,
      logos: [3, 3, 0, 1, 1],
      nrr: 125.88, // 1,070,000 / 850,000
      grr: 100,
      logoRetention: 100,
    })
    // May alone: C's $50k churns out of $900k.
    expect(await rates('2026-05-01', 1)).toMatchObject({
      starting: 900_000,
      churned: 50_000,
      nrr: 94.44,
      grr: 94.44,
      logoRetention: 75,
    })
    // Quarter to May (start = end of February): B −100k, C −50k.
    expect(await rates('2026-05-01', 3)).toMatchObject({
      starting: 1_000_000,
      contraction: 100_000,
      churned: 50_000,
      nrr: 85,
      grr: 85,
    })
  })

  it('splits by segment at the start of the window and by CSM, and they add up', async () => {
    await refresh()
    expect(await rates('2026-06-01', 3, 'large')).toMatchObject({
      starting: 700_000, // A, B
      expansion: 150_000,
      contraction: 30_000,
      nrr: 117.14,
      grr: 95.71,
    })
    expect(await rates('2026-06-01', 3, 'small')).toMatchObject({
      starting: 300_000, // C, D; E and F join it at their ending ARR
      churned: 50_000,
      new: 80_000,
      reactivation: 20_000,
      nrr: 83.33,
      grr: 83.33,
    })
    expect(await rates('2026-06-01', 3, 'all', 'u2')).toMatchObject({
      starting: 50_000,
      churned: 50_000,
      new: 80_000,
      reactivation: 20_000,
      nrr: 0,
      grr: 0,
      logoRetention: 0,
    })
    expect(await rates('2026-06-01', 3, 'small', 'none')).toMatchObject({
      starting: 250_000,
      estimated: 250_000,
      nrr: 100,
    })
    const cells = await db
      .selectFrom('retention_monthly')
      .selectAll()
      .where('month', '=', '2026-06-01')
      .where('window_months', '=', 3)
      .where('segment', '!=', 'all')
      .where('csm_source_id', '!=', 'all')
      .execute()
    const sum = (column: 'starting_mrr' | 'ending_mrr') =>
      cells.reduce((total, row) => total + Number(row[column]), 0)
    expect(sum('starting_mrr')).toBe(1_000_000)
    expect(sum('ending_mrr')).toBe(1_170_000)
  })

  it('keeps each account’s MRR and movement per month', async () => {
    await refresh()
    const rows = await db
      .selectFrom('account_mrr_monthly')
      .select([
        'crm_account_id',
        'month',
        'mrr',
        'previous_mrr',
        'movement',
        'estimated',
        'segment',
        'owner_source_id',
      ])
      .where('crm', '=', CRM)
      .orderBy('crm_account_id')
      .orderBy('month')
      .execute()
    const at = (account: string, month: string) =>
      rows.find((r) => r.crm_account_id === account && r.month === month)
    // Stored from the start of the first trailing window (February) to June.
    expect(new Set(rows.map((r) => r.month))).toEqual(
      new Set(['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']),
    )
    // a1 has no June row yet: its May MRR holds.
    expect(at('A', '2026-06-01')).toMatchObject({
      mrr: '550000.00',
      previous_mrr: '400000.00',
      movement: 'expansion',
      estimated: false,
      owner_source_id: 'u1',
    })
    expect(at('B', '2026-04-01')).toMatchObject({ movement: 'contraction', mrr: '200000.00' })
    expect(at('C', '2026-05-01')).toMatchObject({
      movement: 'churn',
      mrr: '0.00',
      previous_mrr: '50000.00',
    })
    expect(at('C', '2026-06-01')).toBeUndefined()
    expect(at('D', '2026-04-01')).toMatchObject({
      mrr: '250000.00',
      estimated: true,
      owner_source_id: null,
    })
    expect(at('D', '2026-05-01')).toMatchObject({ movement: 'retained', estimated: false })
    expect(at('E', '2026-06-01')).toMatchObject({ movement: 'new', segment: 'small' })
    expect(at('F', '2026-06-01')).toMatchObject({ movement: 'reactivation', mrr: '20000.00' })
    expect(rows.some((r) => r.crm_account_id === 'H')).toBe(false)
  })

  it('without estimates, a subscription older than its billing history is new where it begins', async () => {
    await refresh({ estimateMissingHistory: false })
    // D is outside March's cohort and joins in May: NRR over A, B, C alone.
    expect(await rates('2026-06-01', 3)).toMatchObject({
      starting: 750_000,
      new: 330_000,
      estimated: 0,
      nrr: 109.33, // (750 + 150 − 30 − 50) / 750
      grr: 89.33,
    })
  })

  it('forecasts renewals per quarter as 004 does: $147.5k of $225k due', async () => {
    // 004's example renewing in the third quarter: A $100k at 85, B $50k at 45, D $75k at 25.
    const score = (id: string, arr: number, health: number, renewal: string) => ({
      source: CRM,
      source_id: id,
      arr,
      next_renewal_date: renewal,
      health_score: health,
      health_band: 'n/a',
      health_components: '{}',
      observed_weight: 1,
      missing_inputs: '[]',
      drivers: '[]',
      model_version: 'test',
      computed_at: NOW,
    })
    await db
      .insertInto('account_scores')
      .values([
        score('A', 100_000, 85, '2026-08-15'),
        score('B', 50_000, 45, '2026-09-30'),
        score('D', 75_000, 25, '2026-07-01'),
        score('E', 20_000, 70, '2027-02-01'),
        score('F', 12_000, 90, '2028-01-01'), // beyond the four quarters forecast
      ])
      .execute()
    const opportunity = (
      id: string,
      account: string,
      stage: string,
      amount: number,
      more: { probability?: number; isRenewal?: boolean; closed?: boolean } = {},
    ) => ({
      source: CRM,
      source_id: id,
      account_source_id: account,
      name: id,
      stage,
      amount,
      probability: more.probability ?? null,
      close_date: '2026-08-20',
      is_closed: more.closed ?? false,
      is_won: more.closed ?? false,
      is_renewal: more.isRenewal ?? false,
      is_expansion: !more.isRenewal,
      source_updated_at: NOW,
    })
    await db
      .insertInto('opportunities')
      .values([
        opportunity('o-upsell', 'A', 'Proposed', 40_000), // 004's stage: 50%
        opportunity('o-seats', 'B', 'Needs Analysis', 10_000, { probability: 20 }), // the CRM's 20%
        opportunity('o-renewal', 'A', 'Proposed', 100_000, { isRenewal: true }),
        opportunity('o-won', 'B', 'Closed Won', 5_000, { closed: true }),
        opportunity('o-prospect', 'H', 'Qualified', 30_000), // H is no customer
      ])
      .execute()
    const result = await refresh()
    expect(result.forecastRows).toBeGreaterThan(0)
    const forecast = async (quarter: string, segment = 'all', csm = 'all') => {
      const row = await db
        .selectFrom('renewal_forecast_quarterly')
        .selectAll()
        .where('crm', '=', CRM)
        .where('quarter', '=', quarter)
        .where('segment', '=', segment)
        .where('csm_source_id', '=', csm)
        .executeTakeFirst()
      expect(row, `${quarter} ${segment} ${csm}`).toBeDefined()
      return [
        row!.renewals,
        Number(row!.renewal_arr),
        Number(row!.forecast_arr),
        row!.at_risk_renewals,
        Number(row!.at_risk_arr),
        row!.expansion_opportunities,
        Number(row!.expansion_pipeline),
        Number(row!.weighted_expansion),
      ]
    }
    expect(await forecast('2026-07-01')).toEqual([
      3, 225_000, 147_500, 2, 125_000, 2, 50_000, 22_000,
    ])
    expect(await forecast('2026-07-01', 'small', 'u1')).toEqual([
      2, 150_000, 125_000, 1, 50_000, 2, 50_000, 22_000,
    ])
    expect(await forecast('2026-07-01', 'all', 'none')).toEqual([
      1, 75_000, 22_500, 1, 75_000, 0, 0, 0,
    ])
    expect(await forecast('2027-01-01')).toEqual([1, 20_000, 17_000, 0, 0, 0, 0, 0])
    // The quarter of the run has nothing due: a row of zeros, and no split rows.
    expect(await forecast('2026-04-01')).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    const quarters = await db
      .selectFrom('renewal_forecast_quarterly')
      .select('quarter')
      .distinct()
      .orderBy('quarter')
      .execute()
    expect(quarters.map((q) => q.quarter)).toEqual([
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
      '2027-01-01',
    ])
  })

  it('is idempotent: a second refresh, or two at once, leave the same rows', async () => {
    await refresh()
    const snapshot = async () => ({
      accounts: await db
        .selectFrom('account_mrr_monthly')
        .selectAll()
        .orderBy('crm_account_id')
        .orderBy('month')
        .execute(),
      retention: await db
        .selectFrom('retention_monthly')
        .selectAll()
        .orderBy('month')
        .orderBy('window_months')
        .orderBy('segment')
        .orderBy('csm_source_id')
        .execute(),
      forecast: await db
        .selectFrom('renewal_forecast_quarterly')
        .selectAll()
        .orderBy('quarter')
        .orderBy('segment')
        .orderBy('csm_source_id')
        .execute(),
    })
    const strip = (s: Awaited<ReturnType<typeof snapshot>>) => ({
      accounts: s.accounts.map(({ computed_at: _, ...row }) => row),
      retention: s.retention.map(({ computed_at: _, ...row }) => row),
      forecast: s.forecast.map(({ computed_at: _, ...row }) => row),
    })
    const first = strip(await snapshot())
    expect(first.accounts.length * first.retention.length * first.forecast.length).toBeGreaterThan(
      0,
    )
    await refresh()
    expect(strip(await snapshot())).toEqual(first)
    // Two at once (a retried activity beside its first attempt): the second waits its turn.
    await Promise.all([refresh(), refresh()])
    expect(strip(await snapshot())).toEqual(first)
  })
})

/**
 * The per-account MRR of a synced sandbox company adds up to what the Stripe sandbox itself
 * bills: every paying subscription's items (price × quantity, per month), counted independently
 * of the connector, less what no CRM account is linked to.
 */
describe('retention metrics over a synced sandbox company', () => {
  let h: Harness
  const asOf = new Date().toISOString().slice(0, 10)

  beforeAll(async () => {
    h = await createHarness('retention_sandbox', {
      accounts: 60,
      seed: 5,
      only: ['salesforce', 'stripe'],
    })
    const activities = createActivities({ db: h.db, config: h.config, log: quietLog })
    const runId = crypto.randomUUID()
    const plan = await activities.startSyncRun({
      runId,
      workflowId: 'retention-test',
      trigger: 'test',
    })
    for (const { connectorId, stream } of plan.extract)
      await activities.extractStream({ runId, connectorId, stream })
    await activities.resolveIdentities({ runId, crm: CRM })
  })
  afterAll(() => h?.close())

  it("reconciles this month's MRR with the Stripe sandbox's paying subscriptions", async () => {
    const result = await refreshRetentionMetrics(h.db, { crm: CRM, asOf })
    const stripe = h.sandbox.server<StripeSandbox>('stripe')!
    let billed = 0
    for (const { record } of stripe.store.ordered('subscription')) {
      if (record.status !== 'active' && record.status !== 'past_due') continue
      const items = (record.items as { data: { quantity: number; price: StripePrice }[] }).data
      const cents = items.reduce(
        (sum, item) => sum + (item.price.unit_amount * item.quantity) / monthsOf(item.price),
        0,
      )
      billed += Math.round(cents) / 100
    }
    const month = monthOf(asOf)
    const rows = await h.db
      .selectFrom('account_mrr_monthly')
      .select(['mrr'])
      .where('crm', '=', CRM)
      .where('month', '=', month)
      .execute()
    const attributed = rows.reduce((sum, r) => sum + Number(r.mrr), 0)
    expect(billed).toBeGreaterThan(0)
    expect(result.unattributed.customers).toBeGreaterThan(0) // the generator's identity traps
    expect(round(attributed + result.unattributed.mrr)).toBe(round(billed))
    const total = await readRetention(h.db, { crm: CRM, month, windowMonths: 1 })
    expect(round(Number(total!.ending_mrr))).toBe(round(attributed))
  })
})

interface StripePrice {
  unit_amount: number
  recurring: { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number }
}
const MONTHS = { day: 12 / 365, week: 12 / 52, month: 1, year: 12 }
const monthsOf = (price: StripePrice) =>
  MONTHS[price.recurring.interval] * price.recurring.interval_count
const round = (n: number) => Math.round(n * 100) / 100
