import { sql, type Kysely } from 'kysely'
import type { CrmSignals } from '../../model/signals.js'
import type { Database } from '../database.js'

export interface CrmAccountSignals extends CrmSignals {
  sourceId: string
  /** What coverage tiering may look at besides ARR (model.segments overrides). */
  accountType: string | null
  industry: string | null
}

/**
 * CRM signals for a page of customer accounts (those with ARR running on `asOf`), keyed after
 * `afterId` so callers can walk any number of accounts in bounded memory. One set-based query:
 * - ARR: closed-won opportunity amounts whose contract term covers the day (inclusive);
 * - the next open renewal's probability and date, else the earliest end of a running contract.
 */
export async function crmSignalsPage(
  db: Kysely<Database>,
  source: string,
  asOf: string,
  afterId: string | null,
  limit: number,
): Promise<CrmAccountSignals[]> {
  const result = await sql<{
    source_id: string
    arr: string
    arr_year_ago: string
    days_since_last_activity: number | null
    renewal_probability: string | null
    next_renewal_date: string | null
    account_type: string | null
    industry: string | null
  }>`
    select a.source_id, a.account_type, a.industry,
      c.arr,
      coalesce(c.arr_year_ago, 0) as arr_year_ago,
      (${asOf}::date - a.last_activity_date) as days_since_last_activity,
      r.probability as renewal_probability,
      to_char(coalesce(r.close_date, c.term_end), 'YYYY-MM-DD') as next_renewal_date
    from accounts a
    -- Accounts walked in key order from afterId, each one's opportunities read by index, until
    -- the page is full: aggregating every account's contracts for each page would make the
    -- walk over 100,000 accounts quadratic.
    cross join lateral (
      select
        sum(amount) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as arr,
        sum(amount) filter (where contract_start <= ${asOf}::date - 365 and contract_end >= ${asOf}::date - 365) as arr_year_ago,
        min(contract_end) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as term_end
      from opportunities o
      where o.source = a.source and o.account_source_id = a.source_id
        and o.deleted_at is null and o.is_won and o.amount is not null
    ) c
    left join lateral (
      select o.probability, o.close_date
      from opportunities o
      where o.source = a.source and o.account_source_id = a.source_id
        and o.deleted_at is null and o.is_renewal and not o.is_closed
      order by o.close_date asc nulls last, o.source_id
      limit 1
    ) r on true
    where a.source = ${source} and a.deleted_at is null and c.arr > 0
      and (${afterId}::text is null or a.source_id > ${afterId})
    order by a.source_id
    limit ${limit}
  `.execute(db)
  return result.rows.map((row) => ({
    sourceId: row.source_id,
    arr: Number(row.arr),
    arrYearAgo: Number(row.arr_year_ago),
    daysSinceLastActivity:
      row.days_since_last_activity === null ? null : Math.max(0, row.days_since_last_activity),
    renewalProbability: row.renewal_probability === null ? null : Number(row.renewal_probability),
    nextRenewalDate: row.next_renewal_date,
    accountType: row.account_type,
    industry: row.industry,
  }))
}
