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
    with contracts as (
      select account_source_id,
        sum(amount) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as arr,
        sum(amount) filter (where contract_start <= ${asOf}::date - 365 and contract_end >= ${asOf}::date - 365) as arr_year_ago,
        min(contract_end) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as term_end
      from opportunities
      where source = ${source} and deleted_at is null and is_won and amount is not null
      group by account_source_id
    ),
    renewals as (
      select distinct on (account_source_id) account_source_id, probability, close_date
      from opportunities
      where source = ${source} and deleted_at is null and is_renewal and not is_closed
      order by account_source_id, close_date asc nulls last, source_id
    )
    select a.source_id, a.account_type, a.industry,
      c.arr,
      coalesce(c.arr_year_ago, 0) as arr_year_ago,
      (${asOf}::date - a.last_activity_date) as days_since_last_activity,
      r.probability as renewal_probability,
      to_char(coalesce(r.close_date, c.term_end), 'YYYY-MM-DD') as next_renewal_date
    from accounts a
    join contracts c on c.account_source_id = a.source_id
    left join renewals r on r.account_source_id = a.source_id
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
