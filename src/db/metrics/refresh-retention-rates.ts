import { sql, type Kysely } from 'kysely'
import type { Database } from '../database.js'
import { arrSegmentSql, type ArrTier } from './arr-segment.js'
import { ALL, NO_CSM } from './dimensions.js'

export interface RetentionRange {
  crm: string
  /** First and last month reported, `YYYY-MM-01`. */
  from: string
  to: string
  trailingMonths: number
  tiers: readonly ArrTier[]
}

/**
 * Replaces the CRM's retention_monthly from its account_mrr_monthly: per month, for the month
 * alone and the trailing window, each account's MRR at the window's start against its end,
 * summed per segment × CSM, rolled up (GROUPING SETS over those sums), and 004's rates from
 * the sums. The starting cohort is the accounts paying at the start; accounts that start
 * paying in the window are new or reactivated revenue outside NRR and GRR. Returns the rows
 * stored.
 */
export async function refreshRetentionRates(
  db: Kysely<Database>,
  range: RetentionRange,
): Promise<number> {
  const { crm, from, to } = range
  const window = range.trailingMonths
  const interval = sql`make_interval(months => ${window})`
  await db.deleteFrom('retention_monthly').where('crm', '=', crm).execute()
  const segment = arrSegmentSql(
    sql`(case when c.start_mrr > 0 then c.start_mrr else c.end_mrr end) * 12`,
    range.tiers,
  )
  const result = await sql`
    insert into retention_monthly (crm, month, window_months, segment, csm_source_id,
      starting_mrr, expansion_mrr, contraction_mrr, churned_mrr, new_mrr, reactivation_mrr,
      ending_mrr, estimated_starting_mrr, starting_logos, retained_logos, churned_logos,
      new_logos, reactivated_logos, nrr, grr, logo_retention)
    with kept as (
      select * from account_mrr_monthly where crm = ${crm}
    ),
    changes as (
      -- The month alone: each row holds the month before; an account paying then has a row.
      select 1 as window_months, m.month, m.start_mrr, m.end_mrr, m.start_estimated,
        m.paid_before, m.owner_source_id
      from (
        select k.month, k.previous_mrr as start_mrr, k.mrr as end_mrr,
          coalesce(lag(k.month) over w = (k.month - interval '1 month')::date
            and lag(k.estimated) over w, false) as start_estimated,
          coalesce(k.first_paid_month < k.month, false) as paid_before,
          k.owner_source_id
        from kept k
        window w as (partition by k.crm_account_id order by k.month)
      ) m
      where m.month between ${from}::date and ${to}::date
      union all
      -- The trailing window: the month's end against the end of the month before the window,
      -- either missing when the account paid nothing then.
      select ${window}, coalesce(f.month, (s.month + ${interval})::date),
        coalesce(s.mrr, 0), coalesce(f.mrr, 0), coalesce(s.estimated, false),
        coalesce(coalesce(f.first_paid_month, s.first_paid_month)
          <= coalesce(s.month, (f.month - ${interval})::date), false),
        coalesce(f.owner_source_id, s.owner_source_id)
      from (select * from kept where month between ${from}::date and ${to}::date) f
      full join (
        select * from kept
        where month between (${from}::date - ${interval})::date and (${to}::date - ${interval})::date
      ) s on s.crm_account_id = f.crm_account_id and s.month = (f.month - ${interval})::date
    ),
    cells as (
      select c.month, c.window_months, ${segment} as segment,
        coalesce(c.owner_source_id, ${NO_CSM}) as csm,
        sum(c.start_mrr) filter (where c.start_mrr > 0) as starting_mrr,
        sum(c.end_mrr - c.start_mrr)
          filter (where c.start_mrr > 0 and c.end_mrr > c.start_mrr) as expansion_mrr,
        sum(c.start_mrr - c.end_mrr)
          filter (where c.start_mrr > 0 and c.end_mrr > 0 and c.end_mrr < c.start_mrr)
          as contraction_mrr,
        sum(c.start_mrr) filter (where c.start_mrr > 0 and c.end_mrr <= 0) as churned_mrr,
        sum(c.end_mrr) filter (where c.start_mrr <= 0 and not c.paid_before) as new_mrr,
        sum(c.end_mrr) filter (where c.start_mrr <= 0 and c.paid_before) as reactivation_mrr,
        sum(c.end_mrr) filter (where c.end_mrr > 0) as ending_mrr,
        sum(c.start_mrr) filter (where c.start_mrr > 0 and c.start_estimated)
          as estimated_starting_mrr,
        count(*) filter (where c.start_mrr > 0) as starting_logos,
        count(*) filter (where c.start_mrr > 0 and c.end_mrr > 0) as retained_logos,
        count(*) filter (where c.start_mrr > 0 and c.end_mrr <= 0) as churned_logos,
        count(*) filter (where c.start_mrr <= 0 and not c.paid_before) as new_logos,
        count(*) filter (where c.start_mrr <= 0 and c.paid_before) as reactivated_logos
      from changes c
      where c.start_mrr > 0 or c.end_mrr > 0
      group by 1, 2, 3, 4
    ),
    totals as (
      -- Sums and counts add up, so the roll-ups are summed from the cells.
      select month, window_months,
        case when grouping(segment) = 1 then ${ALL} else segment end as segment,
        case when grouping(csm) = 1 then ${ALL} else csm end as csm,
        coalesce(sum(starting_mrr), 0) as starting_mrr,
        coalesce(sum(expansion_mrr), 0) as expansion_mrr,
        coalesce(sum(contraction_mrr), 0) as contraction_mrr,
        coalesce(sum(churned_mrr), 0) as churned_mrr,
        coalesce(sum(new_mrr), 0) as new_mrr,
        coalesce(sum(reactivation_mrr), 0) as reactivation_mrr,
        coalesce(sum(ending_mrr), 0) as ending_mrr,
        coalesce(sum(estimated_starting_mrr), 0) as estimated_starting_mrr,
        sum(starting_logos)::int as starting_logos,
        sum(retained_logos)::int as retained_logos,
        sum(churned_logos)::int as churned_logos,
        sum(new_logos)::int as new_logos,
        sum(reactivated_logos)::int as reactivated_logos
      from cells
      group by month, window_months, grouping sets ((segment, csm), (segment), (csm), ())
    )
    select ${crm}, t.month, t.window_months, t.segment, t.csm,
      t.starting_mrr, t.expansion_mrr, t.contraction_mrr, t.churned_mrr, t.new_mrr,
      t.reactivation_mrr, t.ending_mrr, t.estimated_starting_mrr, t.starting_logos,
      t.retained_logos, t.churned_logos, t.new_logos, t.reactivated_logos,
      round((t.starting_mrr + t.expansion_mrr - t.contraction_mrr - t.churned_mrr) * 100
        / nullif(t.starting_mrr, 0), 2),
      round((t.starting_mrr - t.contraction_mrr - t.churned_mrr) * 100
        / nullif(t.starting_mrr, 0), 2),
      round(t.retained_logos * 100.0 / nullif(t.starting_logos, 0), 2)
    from totals t`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
