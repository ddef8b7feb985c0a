import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../src/model/plays/dates.js'
import {
  firstValueDay,
  onboardingOutcome,
  timeToFirstValue,
} from '../src/model/onboarding/first-value.js'
import { npsCounts, npsFromCounts } from '../src/model/surveys/nps.js'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import type { HealthComponent } from '../src/model/health/model.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

const SURVEY_EVENTS = new Set([
  'NPS Survey Answered',
  'CSAT Survey Answered',
  'CES Survey Answered',
])
const BAD_ANSWER = 'a0a0a0a0-0000-4000-8000-00000000bad1'

/**
 * Survey answers end to end: the sandbox product's in-app NPS, CSAT and CES answers are read
 * from the Amplitude Export API into survey_responses (a broken one quarantined, the run going
 * on), become the npsScore health measure of the accounts that have them, and the satisfaction
 * and onboarding metrics per month; a second read of the same hours adds nothing.
 */
describe('survey responses over the sandbox', () => {
  let h: Harness
  let stop: () => Promise<void>
  const dataset = generateDataset({ accounts: 60, seed: 7, asOf: AS_OF })
  const domain = dataset.amplitude!.users[0]!.groups.company![0]!
  // An answer the widget got wrong: 11 on a 0–10 scale.
  dataset.amplitude!.events.push({
    uuid: BAD_ANSWER,
    event_type: 'NPS Survey Answered',
    event_time: `${addDays(AS_OF, -2)} 20:00:00.000000`,
    server_upload_time: `${addDays(AS_OF, -2)} 20:00:02.000000`,
    user_id: `widget@${domain}`,
    groups: { company: [domain] },
    event_properties: { score: 11 },
  })

  beforeAll(async () => {
    h = await createHarness('surveys', { dataset })
    stop = await startWorker(h)
    await runSync(h, 'surveys-1')
  })
  afterAll(async () => {
    await stop()
    await h.close()
  })

  const responses = () =>
    h.db
      .selectFrom('survey_responses')
      .selectAll()
      .orderBy('source_id')
      .orderBy('source_account_id')
      .execute()

  it('stores every answer the export holds, once, and quarantines the broken one', async () => {
    // The sandbox config reads from the project's first day (its startDate).
    const readFrom = Date.parse(`${dataset.amplitude!.from}T00:00:00Z`)
    const expected = dataset
      .amplitude!.events.filter((e) => SURVEY_EVENTS.has(e.event_type) && e.uuid !== BAD_ANSWER)
      .filter(
        (e) => Date.parse(`${e.server_upload_time!.replace(' ', 'T').slice(0, 19)}Z`) >= readFrom,
      )
    const stored = await responses()
    expect(stored.length).toBe(expected.length)
    expect(new Set(stored.map((r) => r.kind))).toEqual(new Set(['nps', 'csat', 'ces']))
    const byId = new Map(expected.map((e) => [e.uuid, e]))
    for (const r of stored) {
      const event = byId.get(r.source_id)!
      expect(r.score).toBe(
        (event.event_properties as Record<string, number>)[r.kind === 'nps' ? 'score' : 'rating'],
      )
      expect(r.respondent_id).toBe(event.user_id)
    }
    const quarantined = await h.db
      .selectFrom('quarantined_records')
      .select(['connector', 'source_id', 'reason'])
      .where('source_id', '=', BAD_ANSWER)
      .execute()
    expect(quarantined).toEqual([
      {
        connector: 'amplitude',
        source_id: BAD_ANSWER,
        reason: 'event_properties.score: 11 is off the NPS scale 0–10',
      },
    ])
  })

  it('scores npsScore for an account with answers, and re-weights it away for one without', async () => {
    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    const relationship = (s: (typeof scores)[number]) =>
      (s.health_components as HealthComponent[]).find((c) => c.name === 'relationship')!
    const answered = scores.filter((s) => s.nps !== null)
    const silent = scores.filter((s) => s.nps === null)
    expect(answered.length).toBeGreaterThan(0)
    expect(silent.length).toBeGreaterThan(0)

    // The stored NPS is 004's formula over each respondent's latest answer in 180 days.
    const links = await h.db
      .selectFrom('account_links')
      .select(['crm_account_id', 'source_id'])
      .where('source', '=', 'amplitude')
      .where('status', '=', 'matched')
      .execute()
    const windowStart = Date.parse(`${addDays(AS_OF, -179)}T00:00:00Z`)
    const asOfEnd = Date.parse(`${addDays(AS_OF, 1)}T00:00:00Z`)
    const stored = await responses()
    for (const score of answered) {
      const keys = new Set(
        links.filter((l) => l.crm_account_id === score.source_id).map((l) => l.source_id),
      )
      const latest = new Map<string, { at: number; score: number }>()
      for (const r of stored) {
        const at = r.answered_at.getTime()
        if (r.kind !== 'nps' || !keys.has(r.source_account_id) || at < windowStart || at >= asOfEnd)
          continue
        const seen = latest.get(r.respondent_id)
        if (!seen || seen.at < at) latest.set(r.respondent_id, { at, score: r.score })
      }
      const counts = npsCounts(
        [...latest.values()].map((v) => v.score),
        { promoterMin: 9, detractorMax: 6, windowDays: 180 },
      )
      expect(Math.abs(Number(score.nps) - npsFromCounts(counts)!)).toBeLessThanOrEqual(0.05 + 1e-9)
      expect(score.nps_responses).toBe(latest.size)
      const measure = relationship(score).measures.find((m) => m.name === 'npsScore')!
      expect(measure.reason).toMatch(/^NPS [+-]?\d+ from \d+ respondents? in 180 days$/)
      expect(measure.reason).toContain(`from ${latest.size} respondent`)
    }
    for (const score of silent) {
      expect(relationship(score).measures.map((m) => m.name)).not.toContain('npsScore')
      expect(score.nps_responses).toBeNull()
      expect(Number(score.observed_weight)).toBeLessThan(1)
    }
  })

  it('reports NPS, CSAT (surveys and support) and CES per month, segment and CSM', async () => {
    const rows = await h.db
      .selectFrom('satisfaction_monthly')
      .selectAll()
      .where('segment', '=', 'all')
      .where('csm_source_id', '=', 'all')
      .orderBy('month')
      .execute()
    expect(rows.length).toBeGreaterThan(6)
    const recent = rows.filter((r) => r.month >= addDays(AS_OF, -120))
    for (const r of rows) {
      expect(r.promoters + r.passives + r.detractors).toBe(r.nps_responses)
      if (r.nps_responses > 0)
        // Stored to one decimal: within half a tenth of the exact value.
        expect(
          Math.abs(Number(r.nps) - ((r.promoters - r.detractors) * 100) / r.nps_responses),
        ).toBeLessThanOrEqual(0.05 + 1e-9)
    }
    expect(recent.some((r) => r.nps_responses > 0 && r.nps !== null)).toBe(true)
    expect(recent.some((r) => r.csat_responses > 0 && r.csat !== null)).toBe(true)
    expect(rows.some((r) => r.support_csat_responses > 0 && r.support_csat !== null)).toBe(true)
    // The segment × CSM cells add up to the roll-up.
    const cells = await h.db
      .selectFrom('satisfaction_monthly')
      .select(['month', 'nps_responses', 'csat_responses'])
      .where('segment', '!=', 'all')
      .where('csm_source_id', '!=', 'all')
      .execute()
    for (const r of rows) {
      const inMonth = cells.filter((c) => c.month === r.month)
      expect(inMonth.reduce((n, c) => n + c.nps_responses, 0)).toBe(r.nps_responses)
      expect(inMonth.reduce((n, c) => n + c.csat_responses, 0)).toBe(r.csat_responses)
    }
  })

  it('measures onboarding cohorts as the model does: time to first value and completion', async () => {
    const rows = await h.db
      .selectFrom('onboarding_monthly')
      .selectAll()
      .where('segment', '=', 'all')
      .where('csm_source_id', '=', 'all')
      .execute()
    // The same cohort from the model's functions over the stored usage.
    const starts = await h.db
      .selectFrom('opportunities')
      .select(['account_source_id', (eb) => eb.fn.min('contract_start').as('start')])
      .where('is_won', '=', true)
      .where('deleted_at', 'is', null)
      .where('contract_start', 'is not', null)
      .groupBy('account_source_id')
      .execute()
    const links = await h.db
      .selectFrom('account_links')
      .select(['crm_account_id', 'source_id'])
      .where('source', '=', 'amplitude')
      .where('status', '=', 'matched')
      .execute()
    const usage = await h.db.selectFrom('usage_daily').selectAll().execute()
    const history = usage.reduce((min, u) => (u.day < min ? u.day : min), '9999-12-31')
    const accounts = new Set(
      (
        await h.db
          .selectFrom('accounts')
          .select('source_id')
          .where('deleted_at', 'is', null)
          .execute()
      ).map((a) => a.source_id),
    )
    const expected = new Map<
      string,
      { started: number; completed: number; inProgress: number; days: number[] }
    >()
    for (const { account_source_id: id, start } of starts) {
      const keys = new Set(links.filter((l) => l.crm_account_id === id).map((l) => l.source_id))
      const from = String(start)
      if (!accounts.has(id!) || keys.size === 0 || from < history || from > AS_OF) continue
      if (from < '2024-12-01') continue
      const days = usage
        .filter((u) => keys.has(u.source_account_id) && u.day <= AS_OF)
        .map((u) => ({ day: u.day, userIds: u.user_ids, features: u.event_types }))
      const value = firstValueDay(days, from, { activeUsers: 3, features: 3, coreFeatures: [] })
      const month = `${from.slice(0, 7)}-01`
      const cell = expected.get(month) ?? { started: 0, completed: 0, inProgress: 0, days: [] }
      cell.started += 1
      const outcome = onboardingOutcome(from, value, AS_OF, 30)
      if (outcome === 'completed') cell.completed += 1
      if (outcome === 'in-progress') cell.inProgress += 1
      if (value) cell.days.push(timeToFirstValue(from, value))
      expected.set(month, cell)
    }
    expect(expected.size).toBeGreaterThan(0)
    expect(
      rows
        .map((r) => [r.month, r.started, r.completed, r.in_progress, r.reached_first_value])
        .sort(),
    ).toEqual(
      [...expected]
        .map(([month, c]) => [month, c.started, c.completed, c.inProgress, c.days.length])
        .sort(),
    )
    for (const r of rows.filter((x) => x.reached_first_value > 0)) {
      const days = expected.get(r.month)!.days
      expect(Number(r.average_days_to_first_value)).toBeCloseTo(
        days.reduce((a, b) => a + b, 0) / days.length,
        0,
      )
    }
  })

  it('re-reading the same hours stores no answer twice and rewrites none', async () => {
    const before = await responses()
    await runSync(h, 'surveys-2')
    // Forget Amplitude's checkpoint: the next run reads the whole year again.
    await h.db.deleteFrom('sync_cursors').where('connector', '=', 'amplitude').execute()
    await runSync(h, 'surveys-3')
    expect(await responses()).toEqual(before)
  })
})
