import { sql, type Kysely } from 'kysely'
import { addMonths } from '../../model/retention/months.js'
import type { Database } from '../database.js'
import { accountMrrSeries } from './account-mrr-series.js'
import { arrSegmentSql, type ArrTier } from './arr-segment.js'

export interface AccountMrrRange {
  crm: string
  /** First and last month stored, `YYYY-MM-01`. */
  from: string
  to: string
  estimateMissingHistory: boolean
  tiers: readonly ArrTier[]
}

/**
 * Replaces the CRM's account_mrr_monthly with each linked account's MRR per month of the
 * range and its movement since the month before, in one statement over every account.
 * Returns the rows stored.
 */
export async function refreshAccountMrr(
  db: Kysely<Database>,
  range: AccountMrrRange,
): Promise<number> {
  const { crm, from, to } = range
  await db.deleteFrom('account_mrr_monthly').where('crm', '=', crm).execute()
  const linked = sql`
    select l.crm_account_id as account_key, l.source, l.source_id
    from account_links l
    where l.crm = ${crm} and l.status = 'matched'`
  // The month before the range gives the first stored month its previous MRR.
  const before = addMonths(from, -1)
  const series = accountMrrSeries(linked, {
    from: before,
    to,
    estimateMissingHistory: range.estimateMissingHistory,
  })
  const segment = arrSegmentSql(
    sql`(case when p.previous_mrr > 0 then p.previous_mrr else p.mrr end) * 12`,
    range.tiers,
  )
  const result = await sql`
    insert into account_mrr_monthly (crm, crm_account_id, month, mrr, previous_mrr, change_mrr,
      movement, estimated, first_paid_month, segment, owner_source_id)
    with series as (${series}),
    points as (
      select s.account_key, s.first_paid_month, s.month, s.mrr, s.estimated,
        -- An account's months are consecutive while any of its subscriptions lives; across a
        -- gap (it had left, and came back) the month before paid nothing.
        case when lag(s.month) over w = (s.month - interval '1 month')::date
          then lag(s.mrr) over w else 0 end as previous_mrr
      from series s
      window w as (partition by s.account_key order by s.month)
    )
    select ${crm}, p.account_key, p.month, p.mrr, p.previous_mrr, p.mrr - p.previous_mrr,
      case
        when p.previous_mrr > 0 and p.mrr <= 0 then 'churn'
        when p.previous_mrr > 0 and p.mrr > p.previous_mrr then 'expansion'
        when p.previous_mrr > 0 and p.mrr < p.previous_mrr then 'contraction'
        when p.previous_mrr > 0 then 'retained'
        when p.first_paid_month < p.month then 'reactivation'
        else 'new'
      end,
      p.estimated, p.first_paid_month, ${segment}, acc.owner_source_id
    from points p
    left join accounts acc on acc.source = ${crm} and acc.source_id = p.account_key
    where p.month >= ${from}::date and (p.mrr > 0 or p.previous_mrr > 0)`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
