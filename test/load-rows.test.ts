import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { loadRows } from '../src/db/load-rows.js'
import { loadTarget, rowFor, sourceRecordTarget } from '../src/db/load-target.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createDatabase } from './global-setup.js'

/** The one loader every stream goes through, against a real Postgres. */
describe('loadRows', () => {
  let db: Kysely<Database>
  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_load_rows'))
    await migrateToLatest(db)
  })
  afterAll(() => db.destroy())

  const tickets = sourceRecordTarget('support_tickets')
  const ticket = (id: string, status: string, updated: string, deleted: string | null = null) =>
    rowFor('support_tickets', {
      source: 'desk',
      source_id: id,
      source_account_id: 'org-1',
      status,
      source_created_at: '2026-11-01T00:00:00Z',
      source_updated_at: updated,
      deleted_at: deleted,
    })
  const load = (rows: ReturnType<typeof ticket>[]) =>
    db.transaction().execute((trx) => loadRows(trx, [tickets], rows))

  it('counts only what Postgres changed: replays, older rows and identical rows are unchanged', async () => {
    expect(
      await load([
        ticket('1', 'new', '2026-11-02T00:00:00Z'),
        ticket('2', 'new', '2026-11-02T00:00:00Z'),
      ]),
    ).toEqual({ upserted: 2, deleted: 0, unchanged: 0 })
    // The same page again, an older version of ticket 1, and a real change of ticket 2.
    expect(
      await load([
        ticket('1', 'new', '2026-11-02T00:00:00Z'),
        ticket('1', 'open', '2026-11-01T12:00:00Z'),
        ticket('2', 'solved', '2026-11-03T00:00:00Z'),
      ]),
    ).toEqual({ upserted: 1, deleted: 0, unchanged: 2 })
    const stored = await db
      .selectFrom('support_tickets')
      .select(['source_id', 'status'])
      .orderBy('source_id')
      .execute()
    expect(stored).toEqual([
      { source_id: '1', status: 'new' },
      { source_id: '2', status: 'solved' },
    ])
  })

  it('keeps the newest of two rows for one key in a page, and counts a deletion', async () => {
    expect(
      await load([
        ticket('3', 'new', '2026-11-04T00:00:00Z'),
        ticket('3', 'deleted', '2026-11-05T00:00:00Z', '2026-11-05T00:00:00Z'),
      ]),
    ).toEqual({ upserted: 1, deleted: 1, unchanged: 1 })
  })

  it('applies every row of a merging target, even several for one key in one page', async () => {
    const counter = loadTarget({
      table: 'usage_daily',
      key: ['source', 'source_account_id', 'day'],
      merge: {
        hours_loaded: (r) => sql`${r.stored('hours_loaded')} | ${r.incoming('hours_loaded')}`,
        events: (r) => sql`${r.stored('events')} + ${r.incoming('events')}`,
      },
      changedWhen: (r) =>
        sql<boolean>`(${r.stored('hours_loaded')} & ${r.incoming('hours_loaded')}) = 0`,
    })
    const hour = (h: number, events: number) =>
      rowFor('usage_daily', {
        source: 'analytics',
        source_account_id: 'acme.com',
        day: '2026-11-20',
        hours_loaded: 2 ** h,
        events,
      })
    const page = [hour(9, 5), hour(10, 7), hour(11, 1)]
    expect(await db.transaction().execute((trx) => loadRows(trx, [counter], page))).toEqual({
      upserted: 3,
      deleted: 0,
      unchanged: 0,
    })
    // Replayed, the hours' bits are set: nothing is added.
    expect(await db.transaction().execute((trx) => loadRows(trx, [counter], page))).toEqual({
      upserted: 0,
      deleted: 0,
      unchanged: 3,
    })
    const day = await db.selectFrom('usage_daily').selectAll().executeTakeFirstOrThrow()
    expect({ hours: day.hours_loaded, events: day.events }).toEqual({
      hours: 2 ** 9 + 2 ** 10 + 2 ** 11,
      events: 13,
    })
  })

  it('refuses rows for a table the stream did not declare', async () => {
    await expect(
      db.transaction().execute((trx) =>
        loadRows(
          trx,
          [tickets],
          [
            rowFor('source_accounts', {
              source: 'x',
              source_id: '1',
              source_updated_at: '2026-11-01T00:00:00Z',
            }),
          ],
        ),
      ),
    ).rejects.toThrow(/no load target declared for table source_accounts/)
  })
})
