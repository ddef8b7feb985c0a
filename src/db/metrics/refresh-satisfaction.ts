import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { SurveySettings } from '../../model/surveys/settings.js'
import type { Database } from '../database.js'
import { arrSegmentSql, type ArrTier } from './arr-segment.js'
import { ALL, NO_CSM } from './dimensions.js'

export interface SatisfactionRange {
  crm: string
  /** First and last month reported, `YYYY-MM-01`. */
  from: string
  to: string
  settings: SurveySettings
  tiers: readonly ArrTier[]
}

/**
 * The CRM's accounts with their segment (the tier of their ARR as last scored; accounts no longer
 * scored, former customers among them, fall in the lowest tier) and CSM (their owner now): as
 * the renewal forecast, satisfaction and onboarding follow today's books.
 */
export function crmAccountBooks(crm: string, tiers: readonly ArrTier[]): RawBuilder<unknown> {
  return sql`
    select a.source_id as account_id, ${arrSegmentSql(sql`coalesce(s.arr, 0)`, tiers)} as segment,
      coalesce(a.owner_source_id, ${NO_CSM}) as csm
    from accounts a
    left join account_scores s on s.source = a.source and s.source_id = a.source_id
    where a.source = ${crm} and a.deleted_at is null`
}

/**
 * Replaces the CRM's satisfaction_monthly: per month the answers were given, segment × CSM and
 * rolled up (GROUPING SETS), 004's NPS (% promoters − % detractors) and CES (average answer) of
 * survey answers, CSAT (% satisfied) of survey answers, and CSAT of the support desk's ratings
 * (% good of good + bad), apart. A respondent answering one survey twice in a month counts once
 * (their latest answer) for each account; answers reach an account through its matched links.
 * Months without any answer have no row. Returns the rows stored.
 */
export async function refreshSatisfaction(
  db: Kysely<Database>,
  range: SatisfactionRange,
): Promise<number> {
  const { crm, from, to, settings } = range
  await db.deleteFrom('satisfaction_monthly').where('crm', '=', crm).execute()
  const result = await sql`
    insert into satisfaction_monthly (crm, month, segment, csm_source_id, nps_responses,
      promoters, passives, detractors, nps, csat_responses, csat_satisfied, csat,
      support_csat_responses, support_csat_good, support_csat, ces_responses, ces)
    with customers as (${crmAccountBooks(crm, range.tiers)}),
    linked as (
      select l.crm_account_id, l.source, l.source_id
      from account_links l
      where l.crm = ${crm} and l.status = 'matched'
    ),
    bounds as (
      select ${from}::date as first_day, (${to}::date + interval '1 month') as end_time
    ),
    surveys as (
      select distinct on (l.crm_account_id, r.kind, r.respondent_id,
          date_trunc('month', r.answered_at at time zone 'UTC'))
        date_trunc('month', r.answered_at at time zone 'UTC')::date as month,
        l.crm_account_id, r.kind, r.score
      from survey_responses r cross join bounds b
      join linked l on l.source = r.source and l.source_id = r.source_account_id
      where r.answered_at >= b.first_day and r.answered_at < b.end_time
      order by l.crm_account_id, r.kind, r.respondent_id,
        date_trunc('month', r.answered_at at time zone 'UTC'), r.answered_at desc, r.source_id desc
    ),
    ratings as (
      -- A rating reaches its organization directly or through its ticket (as support signals).
      select date_trunc('month', r.source_created_at at time zone 'UTC')::date as month,
        l.crm_account_id, 'support' as kind, case when r.score = 'good' then 1 else 0 end as score
      from satisfaction_ratings r cross join bounds b
      left join support_tickets t on t.source = r.source and t.source_id = r.ticket_source_id
      join linked l on l.source = r.source
        and l.source_id = coalesce(r.source_account_id, t.source_account_id)
      where r.deleted_at is null and r.score in ('good', 'bad')
        and r.source_created_at >= b.first_day and r.source_created_at < b.end_time
    ),
    answers as (
      select a.month, c.segment, c.csm, a.kind, a.score
      from (select * from surveys union all select * from ratings) a
      join customers c on c.account_id = a.crm_account_id
    ),
    totals as (
      select month,
        case when grouping(segment) = 1 then ${ALL} else segment end as segment,
        case when grouping(csm) = 1 then ${ALL} else csm end as csm,
        count(*) filter (where kind = 'nps')::int as nps_responses,
        count(*) filter (where kind = 'nps' and score >= ${settings.nps.promoterMin}::int)::int
          as promoters,
        count(*) filter (where kind = 'nps' and score <= ${settings.nps.detractorMax}::int)::int
          as detractors,
        count(*) filter (where kind = 'csat')::int as csat_responses,
        count(*) filter (where kind = 'csat' and score >= ${settings.csat.satisfiedMin}::int)::int
          as csat_satisfied,
        count(*) filter (where kind = 'support')::int as support_responses,
        count(*) filter (where kind = 'support' and score = 1)::int as support_good,
        count(*) filter (where kind = 'ces')::int as ces_responses,
        avg(score) filter (where kind = 'ces') as ces
      from answers
      group by month, grouping sets ((segment, csm), (segment), (csm), ())
    )
    select ${crm}, t.month, t.segment, t.csm, t.nps_responses, t.promoters,
      t.nps_responses - t.promoters - t.detractors, t.detractors,
      round((t.promoters - t.detractors) * 100.0 / nullif(t.nps_responses, 0), 1),
      t.csat_responses, t.csat_satisfied,
      round(t.csat_satisfied * 100.0 / nullif(t.csat_responses, 0), 2),
      t.support_responses, t.support_good,
      round(t.support_good * 100.0 / nullif(t.support_responses, 0), 2),
      t.ces_responses, round(t.ces, 2)
    from totals t`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
