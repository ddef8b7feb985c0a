import { sql } from 'kysely'
import type { RowOf } from '../../db/database.js'
import { loadTarget, type RowRefs } from '../../db/load-target.js'

/**
 * Survey answers, one row per answer and account: keyed by the event's id, replaced only when
 * something differs, so an hour read again is a no-op.
 */
export const surveyResponsesTarget = loadTarget({
  table: 'survey_responses',
  key: ['source', 'source_id', 'source_account_id'],
})

const union = (column: string) => (r: RowRefs) =>
  sql`array(select distinct v from unnest(${r.stored(column)} || ${r.incoming(column)}) as v order by 1)`

/**
 * Days of usage per account. Each incoming row is one export hour (one bit of `hours_loaded`):
 * it only touches the stored day when that bit is not set yet, and then adds its events and
 * unions its ids, so a replayed hour — an interrupted window read again — adds nothing.
 */
export const usageDailyTarget = loadTarget({
  table: 'usage_daily',
  key: ['source', 'source_account_id', 'day'],
  merge: {
    hours_loaded: (r) => sql`${r.stored('hours_loaded')} | ${r.incoming('hours_loaded')}`,
    events: (r) => sql`${r.stored('events')} + ${r.incoming('events')}`,
    user_ids: union('user_ids'),
    session_ids: union('session_ids'),
    event_types: union('event_types'),
  },
  changedWhen: (r) =>
    sql<boolean>`(${r.stored('hours_loaded')} & ${r.incoming('hours_loaded')}) = 0`,
  // A page's hours of one account-day fold into one row. Pages are what the extract commits
  // and resumes at, so a read never replays part of a page: its hours are all new or all in.
  combine: (rows) => ({
    ...rows[0]!,
    hours_loaded: rows.reduce((bits, r) => bits | Number(r.hours_loaded), 0),
    events: rows.reduce((sum, r) => sum + Number(r.events ?? 0), 0),
    user_ids: unionOf(rows, 'user_ids'),
    session_ids: unionOf(rows, 'session_ids'),
    event_types: unionOf(rows, 'event_types'),
  }),
})

function unionOf(
  rows: RowOf<'usage_daily'>[],
  column: 'user_ids' | 'session_ids' | 'event_types',
): string[] {
  return [...new Set(rows.flatMap((r) => r[column] ?? []))].sort()
}

/**
 * Accounts named in the project: first seen only moves earlier, a `$groupidentify` name is kept
 * until another replaces it. An hour only touches the row when it says something identity
 * resolution uses (an earlier first sighting, a new name, a deleted row seen again): every hour
 * of every active account would otherwise rewrite the same row. Last seen moves along then.
 */
export const sourceAccountsTarget = loadTarget({
  table: 'source_accounts',
  key: ['source', 'source_id'],
  merge: {
    name: (r) => sql`coalesce(${r.incoming('name')}, ${r.stored('name')})`,
    source_created_at: (r) =>
      sql`least(${r.stored('source_created_at')}, ${r.incoming('source_created_at')})`,
    source_updated_at: (r) =>
      sql`greatest(${r.stored('source_updated_at')}, ${r.incoming('source_updated_at')})`,
  },
  changedWhen: (
    r,
  ) => sql<boolean>`${r.incoming('source_created_at')} < ${r.stored('source_created_at')}
    or (${r.incoming('name')} is not null and ${r.incoming('name')} is distinct from ${r.stored('name')})
    or ${r.stored('deleted_at')} is not null`,
  // A page's sightings of one account fold into one: first seen earliest, last seen latest,
  // the last name given.
  combine: (rows) => ({
    ...rows[rows.length - 1]!,
    name: rows.reduce<string | null>((name, r) => r.name ?? name, null),
    source_created_at: earliest(rows.map((r) => r.source_created_at)),
    source_updated_at: latest(rows.map((r) => r.source_updated_at)),
  }),
})

const time = (v: Date | string | null | undefined) => (v == null ? NaN : new Date(v).getTime())
const earliest = (values: (Date | string | null | undefined)[]) =>
  new Date(Math.min(...values.map(time).filter((t) => !Number.isNaN(t)))).toISOString()
const latest = (values: (Date | string | null | undefined)[]) =>
  new Date(Math.max(...values.map(time).filter((t) => !Number.isNaN(t)))).toISOString()
