import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { mostUrgentOpenPlays } from '../src/db/plays/open-plays.js'
import { refreshPlaysPage } from '../src/db/plays/refresh-page.js'
import { closePlaysOfUnscoredAccounts, refreshPlays } from '../src/db/plays/refresh-plays.js'
import { lifecycleSettingsSchema } from '../src/model/lifecycle/settings.js'
import { addDays } from '../src/model/plays/dates.js'
import type { Play } from '../src/model/plays/types.js'
import { createDatabase } from './global-setup.js'

/**
 * Plays over a hand-built customer-360 in a real Postgres: the rules' inputs come from the same
 * signal SQL scoring uses, and each refresh runs page by page as the plays step does.
 */
const CRM = 'salesforce'
const DAY0 = '2026-11-22'
const SOURCES = {
  usage: ['amplitude'],
  support: ['zendesk'],
  billing: ['stripe'],
  surveys: ['amplitude'],
}
const SETTINGS = lifecycleSettingsSchema.parse({})
const RENEWAL = addDays(DAY0, 75)
const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i + 1}`)

interface Fixture {
  id: string
  owner: string
  health: number
  renewal?: string
  firstContract?: string
  /** Users active on the day and 35 days before (the prior 30-day window). */
  activeNow?: number
  activePrior?: number
  lastActiveDaysAgo?: number
  seats?: number
  openUrgentTicket?: boolean
}

const FIXTURES: Fixture[] = [
  // Healthy, 9 of 10 seats in use: the one account that earns an upsell.
  { id: 'acc-1-upsell', owner: 'csm-ada', health: 90, seats: 10, activeNow: 9 },
  // At its seat limit but unhealthy, renewing in 75 days: renewal plays, no upsell.
  {
    id: 'acc-2-unhealthy',
    owner: 'csm-bo',
    health: 45,
    seats: 10,
    activeNow: 10,
    renewal: RENEWAL,
  },
  // Healthy and at the limit, with an urgent ticket open: no upsell.
  { id: 'acc-3-urgent', owner: 'csm-ada', health: 88, seats: 10, openUrgentTicket: true },
  // Active users down from 10 to 4.
  { id: 'acc-4-drop', owner: 'csm-bo', health: 70, activeNow: 4, activePrior: 10 },
  // Last used 10 days ago.
  { id: 'acc-5-idle', owner: 'csm-ada', health: 65, lastActiveDaysAgo: 10 },
  // Healthy and at the limit, but on day 10 of its first contract: too soon to ask.
  { id: 'acc-6-new', owner: 'csm-bo', health: 92, seats: 10, firstContract: addDays(DAY0, -10) },
]

async function loadFixture(db: Kysely<Database>) {
  const now = new Date()
  const link = (source: string, sourceId: string, account: string) => ({
    source,
    source_id: sourceId,
    crm: CRM,
    crm_account_id: account,
    status: 'matched' as const,
    method: 'explicit_id' as const,
    evidence: '[]',
  })
  for (const f of FIXTURES) {
    await db
      .insertInto('accounts')
      .values({
        source: CRM,
        source_id: f.id,
        name: f.id,
        owner_source_id: f.owner,
        source_updated_at: now,
      })
      .execute()
    await db
      .insertInto('opportunities')
      .values({
        source: CRM,
        source_id: `opp-${f.id}`,
        account_source_id: f.id,
        name: 'Contract',
        stage: 'Closed Won',
        amount: 50_000,
        is_closed: true,
        is_won: true,
        contract_start: f.firstContract ?? '2025-01-01',
        contract_end: '2027-12-31',
        source_updated_at: now,
      })
      .execute()
    await setScore(db, f.id, f.health, f.renewal ?? '2027-12-31')
    const lastActive = addDays(DAY0, -(f.lastActiveDaysAgo ?? 0))
    const usage = (day: string, active: number) => ({
      source: 'amplitude',
      source_account_id: `amp-${f.id}`,
      day,
      events: active * 10,
      user_ids: users(active),
      session_ids: users(active).map((u) => `${u}-${day}`),
      event_types: ['report_viewed'],
    })
    const now30 = f.activeNow ?? f.seats ?? 5
    await db
      .insertInto('usage_daily')
      .values([usage(lastActive, now30), usage(addDays(lastActive, -35), f.activePrior ?? now30)])
      .execute()
    await db
      .insertInto('account_links')
      .values(link('amplitude', `amp-${f.id}`, f.id))
      .execute()
    await db
      .insertInto('account_links')
      .values(link('zendesk', `org-${f.id}`, f.id))
      .execute()
    if (f.openUrgentTicket)
      await db
        .insertInto('support_tickets')
        .values({
          source: 'zendesk',
          source_id: `ticket-${f.id}`,
          source_account_id: `org-${f.id}`,
          status: 'open',
          priority: 'urgent',
          source_created_at: `${addDays(DAY0, -2)}T10:00:00Z`,
          source_updated_at: now,
        })
        .execute()
    if (f.seats) {
      await db
        .insertInto('account_links')
        .values(link('stripe', `cus-${f.id}`, f.id))
        .execute()
      await db
        .insertInto('billing_mrr_monthly')
        .values({
          source: 'stripe',
          subscription_source_id: `sub-${f.id}`,
          month: '2026-11-01',
          source_account_id: `cus-${f.id}`,
          mrr: 4_000,
          seats: f.seats,
          source_updated_at: now,
        })
        .execute()
    }
  }
}

async function setScore(db: Kysely<Database>, id: string, health: number, renewal: string) {
  await db
    .insertInto('account_scores')
    .values({
      source: CRM,
      source_id: id,
      arr: 50_000,
      next_renewal_date: renewal,
      health_score: health,
      health_band: 'n/a',
      health_components: '[]',
      observed_weight: 1,
      missing_inputs: '[]',
      drivers: '[]',
      model_version: 'fixture',
      computed_at: new Date(),
    })
    .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet({ health_score: health }))
    .execute()
}

/** The plays step: pages of 4 accounts (so the fixture takes two), then unscored accounts. */
async function refreshAll(db: Kysely<Database>, asOf: string) {
  const total = { raised: 0, kept: 0, closed: 0, evaluated: 0 }
  let afterId: string | null = null
  do {
    const page = await refreshPlaysPage(db, {
      crm: CRM,
      asOf,
      sources: SOURCES,
      settings: SETTINGS,
      afterId,
      limit: 4,
    })
    total.raised += page.raised
    total.kept += page.kept
    total.closed += page.closed
    total.evaluated += page.evaluated
    afterId = page.nextAfterId
  } while (afterId !== null)
  total.closed += await closePlaysOfUnscoredAccounts(db, { crm: CRM, asOf })
  return total
}

const openPlays = async (db: Kysely<Database>) =>
  (
    await db
      .selectFrom('plays')
      .select(['account_id', 'play_type', 'reason_key'])
      .where('status', '=', 'open')
      .orderBy('account_id')
      .orderBy('play_type')
      .execute()
  ).map((p) => `${p.account_id} ${p.play_type} ${p.reason_key}`)

const playRow = (db: Kysely<Database>, account: string, type: string) =>
  db
    .selectFrom('plays')
    .selectAll()
    .where('account_id', '=', account)
    .where('play_type', '=', type)
    .orderBy('id')
    .execute()

describe('plays in Postgres', () => {
  let db: Kysely<Database>

  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_plays'))
    await migrateToLatest(db)
    await loadFixture(db)
  })
  afterAll(async () => {
    await db?.destroy()
  })

  it('raises each play for the account whose condition holds, for its CSM', async () => {
    const result = await refreshAll(db, DAY0)
    expect(result).toEqual({ raised: 5, kept: 0, closed: 0, evaluated: 6 })
    expect(await openPlays(db)).toEqual([
      'acc-1-upsell upsell paid seats',
      `acc-2-unhealthy renewal ${RENEWAL}:T-90`,
      `acc-2-unhealthy renewal-risk ${RENEWAL}:Elevated`,
      'acc-4-drop usage-drop usage',
      'acc-5-idle no-login login',
    ])
    const [drop] = await playRow(db, 'acc-4-drop', 'usage-drop')
    expect(drop).toMatchObject({
      reason: 'Active users down 60% vs the prior 30 days (10 → 4)',
      action: 'Check-in call, identify blockers',
      priority: 'high',
      owner_id: 'csm-bo',
      due_date: addDays(DAY0, 3),
      raised_as_of: DAY0,
      status: 'open',
    })
    const [risk] = await playRow(db, 'acc-2-unhealthy', 'renewal-risk')
    expect(risk).toMatchObject({ priority: 'high', action: 'CSM proactive intervention' })
  })

  it('never asks an unhealthy, complaining or just-onboarded account for an upsell', async () => {
    const upsells = await db
      .selectFrom('plays')
      .select('account_id')
      .where('play_type', '=', 'upsell')
      .execute()
    expect(upsells.map((u) => u.account_id)).toEqual(['acc-1-upsell'])
  })

  it('a second refresh of the same day keeps every play once, due dates unchanged', async () => {
    const before = await db.selectFrom('plays').selectAll().orderBy('id').execute()
    const result = await refreshAll(db, DAY0)
    expect(result).toEqual({ raised: 0, kept: 5, closed: 0, evaluated: 6 })
    const after = await db.selectFrom('plays').selectAll().orderBy('id').execute()
    expect(after.map((p) => [p.id, p.status, p.due_date])).toEqual(
      before.map((p) => [p.id, p.status, p.due_date]),
    )
  })

  it('closes plays whose condition cleared, with why, and keeps the rest', async () => {
    const day1 = addDays(DAY0, 1)
    // acc-4's users are back; acc-2's health recovers to 75.
    await db
      .insertInto('usage_daily')
      .values({
        source: 'amplitude',
        source_account_id: 'amp-acc-4-drop',
        day: day1,
        events: 100,
        user_ids: users(10),
      })
      .execute()
    await setScore(db, 'acc-2-unhealthy', 75, RENEWAL)
    const result = await refreshAll(db, day1)
    expect(result).toMatchObject({ raised: 0, closed: 2, kept: 3 })
    const [drop] = await playRow(db, 'acc-4-drop', 'usage-drop')
    expect(drop).toMatchObject({
      status: 'closed',
      closed_as_of: day1,
      closed_why: 'Usage not down 50% or more vs the prior 30 days (worst: active users flat)',
    })
    expect(drop!.closed_at).toBeInstanceOf(Date)
    const [risk] = await playRow(db, 'acc-2-unhealthy', 'renewal-risk')
    expect(risk).toMatchObject({
      status: 'closed',
      closed_why: 'Health 75 with the renewal in 74 days: no escalation',
    })
    expect(await openPlays(db)).toEqual([
      'acc-1-upsell upsell paid seats',
      `acc-2-unhealthy renewal ${RENEWAL}:T-90`,
      'acc-5-idle no-login login',
    ])
  })

  it('raises a new play when a cleared condition returns, keeping the closed one as history', async () => {
    await setScore(db, 'acc-2-unhealthy', 45, RENEWAL)
    const result = await refreshAll(db, addDays(DAY0, 2))
    expect(result.raised).toBe(1)
    const rows = await playRow(db, 'acc-2-unhealthy', 'renewal-risk')
    expect(rows.map((r) => [r.reason_key, r.status])).toEqual([
      [`${RENEWAL}:Elevated`, 'closed'],
      [`${RENEWAL}:Elevated`, 'open'],
    ])
  })

  it('a renewal moving into T-60 replaces its T-90 play and escalates to Critical', async () => {
    await setScore(db, 'acc-2-unhealthy', 35, RENEWAL)
    const day16 = addDays(DAY0, 16)
    await refreshAll(db, day16)
    const renewal = await playRow(db, 'acc-2-unhealthy', 'renewal')
    expect(renewal.map((r) => [r.reason_key, r.status, r.closed_why])).toEqual([
      [`${RENEWAL}:T-90`, 'closed', `Replaced: Renewal due ${RENEWAL}, in 59 days (T-60)`],
      [`${RENEWAL}:T-60`, 'open', null],
    ])
    const risk = await playRow(db, 'acc-2-unhealthy', 'renewal-risk')
    expect(risk.filter((r) => r.status === 'open').map((r) => [r.reason_key, r.priority])).toEqual([
      [`${RENEWAL}:Critical`, 'urgent'],
    ])
    const [top] = await mostUrgentOpenPlays(db, CRM, 1)
    expect(top).toMatchObject({ account_id: 'acc-2-unhealthy', play_type: 'renewal-risk' })
  })

  it('closes the plays of an account no longer scored', async () => {
    await db.deleteFrom('account_scores').where('source_id', '=', 'acc-5-idle').execute()
    await refreshAll(db, addDays(DAY0, 17))
    const [idle] = await playRow(db, 'acc-5-idle', 'no-login')
    expect(idle).toMatchObject({
      status: 'closed',
      closed_why: 'The account is no longer a scored customer',
    })
  })

  it('candidates repeating a key land as one play, the most urgent', async () => {
    const play = (priority: Play['priority']): Play => ({
      accountId: 'acc-9',
      type: 'ticket-spike',
      reasonKey: 'tickets',
      reason: `spike (${priority})`,
      action: 'Schedule troubleshooting session',
      priority,
      ownerId: null,
      dueDate: DAY0,
      evidence: {},
    })
    const result = await refreshPlays(db, {
      crm: CRM,
      asOf: DAY0,
      candidates: [play('low'), play('urgent'), play('medium')],
      accountIds: ['acc-9'],
    })
    expect(result).toEqual({ raised: 1, kept: 0, closed: 0 })
    const rows = await playRow(db, 'acc-9', 'ticket-spike')
    expect(rows.map((r) => r.priority)).toEqual(['urgent'])
  })
})
