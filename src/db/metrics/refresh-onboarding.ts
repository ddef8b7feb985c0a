import { sql, type Kysely } from 'kysely'
import type { OnboardingSettings } from '../../model/onboarding/settings.js'
import type { Database } from '../database.js'
import type { ArrTier } from './arr-segment.js'
import { ALL } from './dimensions.js'
import { crmAccountBooks } from './refresh-satisfaction.js'

export interface OnboardingRange {
  crm: string
  /** The first cohort month, `YYYY-MM-01`; the last is the month of `asOf`. */
  from: string
  asOf: string
  /** The configured connectors that feed usage. */
  usageSources: readonly string[]
  settings: OnboardingSettings
  tiers: readonly ArrTier[]
}

/**
 * Replaces the CRM's onboarding_monthly. A cohort is the accounts whose first won contract
 * started in the month; each reaches first value on the first day by which, from that start,
 * `activeUsers` distinct people and `features` distinct features (among `coreFeatures` when
 * listed) have shown in the usage of its linked analytics accounts — `firstValueDay` in
 * src/model/onboarding/first-value.ts. Time to first value is the days from the start to then;
 * onboarding is completed when that is within `windowDays`, in progress while the window is
 * open. Accounts without linked usage, or whose start is older than the usage history cs360
 * holds (the source's first day in usage_daily), cannot be measured and are left out. Per
 * cohort, segment × CSM and rolled up (GROUPING SETS: medians are taken over the accounts,
 * never over cells). Returns the rows stored.
 */
export async function refreshOnboarding(
  db: Kysely<Database>,
  range: OnboardingRange,
): Promise<number> {
  const { crm, asOf, settings } = range
  const { activeUsers, features, coreFeatures } = settings.activation
  await db.deleteFrom('onboarding_monthly').where('crm', '=', crm).execute()
  if (range.usageSources.length === 0) return 0
  const sources = sql.val([...range.usageSources])
  const result = await sql`
    insert into onboarding_monthly (crm, month, segment, csm_source_id, started, completed,
      in_progress, completion_rate, reached_first_value, median_days_to_first_value,
      average_days_to_first_value)
    with customers as (${crmAccountBooks(crm, range.tiers)}),
    starts as (
      select account_source_id as account_id, min(contract_start) as start
      from opportunities
      where source = ${crm} and deleted_at is null and is_won and contract_start is not null
      group by account_source_id
    ),
    linked as (
      select l.crm_account_id, l.source, l.source_id
      from account_links l
      where l.crm = ${crm} and l.status = 'matched' and l.source = any (${sources}::text[])
    ),
    history as (
      select source, min(day) as first_day
      from usage_daily where source = any (${sources}::text[]) group by source
    ),
    cohort as (
      select s.account_id, s.start
      from starts s
      where s.start >= ${range.from}::date and s.start <= ${asOf}::date
        and exists (
          select 1 from linked l join history h on h.source = l.source
          where l.crm_account_id = s.account_id and h.first_day <= s.start)
    ),
    days as (
      select c.account_id, u.day, u.user_ids, u.event_types
      from cohort c
      join linked l on l.crm_account_id = c.account_id
      join usage_daily u on u.source = l.source and u.source_account_id = l.source_id
      where u.day >= c.start and u.day <= ${asOf}::date
    ),
    user_firsts as (
      select account_id, uid, min(day) as first_day
      from days cross join lateral unnest(user_ids) as uid group by account_id, uid
    ),
    feature_firsts as (
      select account_id, f, min(day) as first_day
      from days cross join lateral unnest(event_types) as f
      where cardinality(${sql.val(coreFeatures)}::text[]) = 0
        or f = any (${sql.val(coreFeatures)}::text[])
      group by account_id, f
    ),
    nth_user as (
      select account_id, first_day from (
        select account_id, first_day,
          row_number() over (partition by account_id order by first_day) as n
        from user_firsts) x
      where n = ${activeUsers}::int
    ),
    nth_feature as (
      select account_id, first_day from (
        select account_id, first_day,
          row_number() over (partition by account_id order by first_day) as n
        from feature_firsts) x
      where n = ${features}::int
    ),
    outcomes as (
      -- Both thresholds met: the later of the two days (greatest() would skip a missing one).
      select c.account_id, c.start,
        case when u.first_day is not null and f.first_day is not null
          then greatest(u.first_day, f.first_day) end as first_value,
        c.start + ${settings.windowDays}::int as deadline
      from cohort c
      left join nth_user u on u.account_id = c.account_id
      left join nth_feature f on f.account_id = c.account_id
    ),
    items as (
      select date_trunc('month', o.start::timestamp)::date as month, b.segment, b.csm,
        o.first_value - o.start as days_to_value,
        coalesce(o.first_value <= o.deadline, false) as completed,
        coalesce(o.first_value > o.deadline, true) and o.deadline > ${asOf}::date as in_progress
      from outcomes o join customers b on b.account_id = o.account_id
    )
    select ${crm}, i.month,
      case when grouping(i.segment) = 1 then ${ALL} else i.segment end,
      case when grouping(i.csm) = 1 then ${ALL} else i.csm end,
      count(*)::int,
      count(*) filter (where i.completed)::int,
      count(*) filter (where i.in_progress)::int,
      round(count(*) filter (where i.completed) * 100.0
        / nullif(count(*) filter (where not i.in_progress), 0), 2),
      count(i.days_to_value)::int,
      round(percentile_cont(0.5) within group (order by i.days_to_value)::numeric, 1),
      round(avg(i.days_to_value), 1)
    from items i
    group by i.month, grouping sets ((i.segment, i.csm), (i.segment), (i.csm), ())`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
