import { sql } from 'kysely'
import { loadTarget, type RowRefs } from '../../db/load-target.js'

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
})

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
})
