import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { upsertAccountScores, type AccountScoreRow } from '../src/db/account-scores.js'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createDatabase } from './global-setup.js'

/** Scoring lands a page of 5,000 accounts at once: more values than a statement may bind. */
describe('upsertAccountScores', () => {
  let db: Kysely<Database>
  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_account_scores'))
    await migrateToLatest(db)
  })
  afterAll(() => db.destroy())

  const RUN = '00000000-0000-4000-8000-000000000001'
  const row = (i: number, score: number): AccountScoreRow => ({
    source: 'salesforce',
    source_id: `acc-${String(i).padStart(5, '0')}`,
    arr: 1000 + i,
    next_renewal_date: i % 2 === 0 ? '2027-03-31' : null,
    health_score: score,
    health_band: score >= 50 ? 'Stable' : 'At-risk',
    health_status: score >= 50 ? 'Green' : 'Red',
    renewal_forecast_arr: i % 3 === 0 ? null : 900.5,
    renewal_at_risk: score < 50,
    health_components: JSON.stringify([{ id: 'usage', score, note: 'a "quoted", {braced} note' }]),
    observed_weight: 0.75,
    missing_inputs: JSON.stringify(['support']),
    drivers: JSON.stringify([`Usage moved the score by ${score}`]),
    model_version: 'weighted-v1',
    computed_at: new Date('2026-11-28T10:00:00Z'),
    run_id: RUN,
  })

  it('lands 5,000 rows of 16 columns in one call, then updates them all in place', async () => {
    await upsertAccountScores(
      db,
      Array.from({ length: 5000 }, (_, i) => row(i, 40)),
    )
    await upsertAccountScores(
      db,
      Array.from({ length: 5000 }, (_, i) => row(i, 40 + (i % 50))),
    )
    const stored = await db.selectFrom('account_scores').selectAll().orderBy('source_id').execute()
    expect(stored).toHaveLength(5000)
    const third = stored[3]!
    expect({
      arr: Number(third.arr),
      next_renewal_date: third.next_renewal_date,
      health_score: Number(third.health_score),
      health_band: third.health_band,
      health_status: third.health_status,
      renewal_forecast_arr: third.renewal_forecast_arr,
      renewal_at_risk: third.renewal_at_risk,
      health_components: third.health_components,
      observed_weight: Number(third.observed_weight),
      missing_inputs: third.missing_inputs,
      drivers: third.drivers,
      computed_at: third.computed_at.toISOString(),
      run_id: third.run_id,
    }).toEqual({
      arr: 1003,
      next_renewal_date: null,
      health_score: 43,
      health_band: 'At-risk',
      health_status: 'Red',
      renewal_forecast_arr: null,
      renewal_at_risk: true,
      health_components: [{ id: 'usage', score: 43, note: 'a "quoted", {braced} note' }],
      observed_weight: 0.75,
      missing_inputs: ['support'],
      drivers: ['Usage moved the score by 43'],
      computed_at: '2026-11-28T10:00:00.000Z',
      run_id: RUN,
    })
    expect(stored[4]!.next_renewal_date).toBe('2027-03-31')
    expect(Number(stored[4]!.renewal_forecast_arr)).toBe(900.5)
  })
})
