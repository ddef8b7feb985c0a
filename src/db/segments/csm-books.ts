import { sql, type Kysely } from 'kysely'
import type { BookEntry } from '../../model/segments/books.js'
import type { SegmentSettings } from '../../model/segments/settings.js'
import type { Database } from '../database.js'
import { tierPlacementSql } from './tier-expression.js'

/**
 * Every CSM's book in one statement: the CRM's customer accounts (those the last run scored
 * with ARR), tiered in SQL, grouped by owner (accounts.owner_source_id → crm_users), tier and
 * the override that placed them. A few rows per CSM however many accounts there are.
 */
export async function csmBookEntries(
  db: Kysely<Database>,
  crm: string,
  settings: SegmentSettings,
): Promise<BookEntry[]> {
  const placement = tierPlacementSql(settings, {
    accountId: sql.ref('a.source_id'),
    arr: sql.ref('s.arr'),
    accountType: sql.ref('a.account_type'),
    industry: sql.ref('a.industry'),
  })
  const rows = await db
    .with('customers', (qb) =>
      qb
        .selectFrom('account_scores as s')
        .innerJoin('accounts as a', (join) =>
          join.onRef('a.source', '=', 's.source').onRef('a.source_id', '=', 's.source_id'),
        )
        .select([
          'a.owner_source_id',
          's.arr',
          placement.tier.as('tier'),
          placement.overriddenBy.as('overridden_by'),
        ])
        .where('s.source', '=', crm)
        .where('a.deleted_at', 'is', null)
        .where('s.arr', '>', '0'),
    )
    .selectFrom('customers as c')
    .leftJoin('crm_users as u', (join) =>
      join.on('u.source', '=', crm).onRef('u.source_id', '=', 'c.owner_source_id'),
    )
    .select((eb) => [
      'c.owner_source_id',
      'u.name',
      sql<boolean>`coalesce(u.is_active and u.deleted_at is null, false)`.as('active'),
      'c.tier',
      'c.overridden_by',
      eb.fn.countAll<string>().as('accounts'),
      eb.fn.sum<string>('c.arr').as('arr'),
    ])
    .groupBy([
      'c.owner_source_id',
      'u.name',
      'u.is_active',
      'u.deleted_at',
      'c.tier',
      'c.overridden_by',
    ])
    .execute()
  return rows.map((r) => ({
    csm:
      r.owner_source_id === null
        ? null
        : { id: r.owner_source_id, name: r.name ?? r.owner_source_id, active: r.active },
    tier: r.tier,
    overriddenBy: r.overridden_by,
    accounts: Number(r.accounts),
    arr: Number(r.arr),
  }))
}
