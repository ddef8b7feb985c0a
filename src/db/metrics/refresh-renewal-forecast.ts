import { sql, type Kysely, type RawBuilder } from 'kysely'
import type {
  ProbabilityBin,
  RenewalForecastSettings,
} from '../../model/retention/forecast-settings.js'
import type { Database } from '../database.js'
import { arrSegmentSql, type ArrTier } from './arr-segment.js'
import { ALL, NO_CSM } from './dimensions.js'
import { openExpansionSql } from './open-expansion.js'

export interface RenewalForecastRange {
  crm: string
  /** First and last quarter, `YYYY-MM-01` of their first month. */
  from: string
  to: string
  settings: RenewalForecastSettings
  tiers: readonly ArrTier[]
}

/**
 * Replaces the CRM's renewal_forecast_quarterly: per quarter of the next renewal date, the
 * scored accounts' ARR due, Σ ARR × the probability of their health score (004's renewal
 * forecast), the ARR of those scoring below `atRiskBelow`; and per quarter of expected close,
 * customers' open expansion opportunities (open-expansion.ts), weighted by stage where the
 * probability is known and counted apart where it is not. An opportunity past its close date
 * and still open is expected this quarter; one without a close date is in no quarter (it is in
 * account_expansion_pipeline). Segment by the account's ARR, CSM its owner, rolled up with
 * GROUPING SETS. Returns the rows stored.
 */
export async function refreshRenewalForecast(
  db: Kysely<Database>,
  range: RenewalForecastRange,
): Promise<number> {
  const { crm, settings } = range
  await db.deleteFrom('renewal_forecast_quarterly').where('crm', '=', crm).execute()
  const result = await sql`
    insert into renewal_forecast_quarterly (crm, quarter, segment, csm_source_id, renewals,
      renewal_arr, forecast_arr, at_risk_renewals, at_risk_arr, expansion_opportunities,
      expansion_pipeline, weighted_expansion, expansion_stage_unknown,
      expansion_stage_unknown_arr)
    with quarters as (
      select q.quarter::date as quarter
      from generate_series(${range.from}::date::timestamp, ${range.to}::date::timestamp,
        interval '3 months') q(quarter)
    ),
    customers as (
      select s.source_id as account_id, s.arr, s.health_score, s.next_renewal_date,
        ${arrSegmentSql(sql`s.arr`, range.tiers)} as segment,
        coalesce(a.owner_source_id, ${NO_CSM}) as csm
      from account_scores s
      left join accounts a on a.source = s.source and a.source_id = s.source_id
      where s.source = ${crm}
    ),
    expansion as (${openExpansionSql(crm, settings.expansionStages)}),
    items as (
      select date_trunc('quarter', c.next_renewal_date::timestamp)::date as quarter,
        c.segment, c.csm, true as renewal, c.arr as amount,
        c.arr * ${probabilitySql(sql`c.health_score`, settings.probabilityByHealth)} as weighted,
        c.health_score < ${settings.atRiskBelow} as at_risk, false as stage_unknown
      from customers c
      where c.next_renewal_date is not null
      union all
      select greatest(date_trunc('quarter', e.close_date::timestamp)::date, ${range.from}::date),
        c.segment, c.csm, false, e.amount, e.amount * e.probability, false,
        e.probability is null
      from expansion e
      join customers c on c.account_id = e.account_id
      where e.close_date is not null
    )
    select ${crm}, q.quarter,
      case when grouping(i.segment) = 1 then ${ALL} else i.segment end,
      case when grouping(i.csm) = 1 then ${ALL} else i.csm end,
      count(*) filter (where i.renewal)::int,
      coalesce(sum(i.amount) filter (where i.renewal), 0),
      coalesce(sum(i.weighted) filter (where i.renewal), 0),
      count(*) filter (where i.renewal and i.at_risk)::int,
      coalesce(sum(i.amount) filter (where i.renewal and i.at_risk), 0),
      count(*) filter (where not i.renewal)::int,
      coalesce(sum(i.amount) filter (where not i.renewal), 0),
      coalesce(sum(i.weighted) filter (where not i.renewal), 0),
      count(*) filter (where not i.renewal and i.stage_unknown)::int,
      coalesce(sum(i.amount) filter (where not i.renewal and i.stage_unknown), 0)
    from quarters q
    left join items i on i.quarter = q.quarter
    group by q.quarter, grouping sets ((i.segment, i.csm), (i.segment), (i.csm), ())
    -- A quarter with nothing in it keeps only its roll-up row, of zeros.
    having (grouping(i.segment) = 1 or i.segment is not null)
      and (grouping(i.csm) = 1 or i.csm is not null)`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** The probability of a health score expression, from the bins (highest floor first). */
function probabilitySql(
  health: RawBuilder<unknown>,
  bins: readonly ProbabilityBin[],
): RawBuilder<number> {
  const last = bins[bins.length - 1]!
  const branches = bins
    .slice(0, -1)
    .map((b) => sql`when ${health} >= ${b.minHealth}::numeric then ${b.probability}::numeric`)
  if (branches.length === 0) return sql<number>`${last.probability}::numeric`
  return sql<number>`(case ${sql.join(branches, sql` `)} else ${last.probability}::numeric end)`
}
