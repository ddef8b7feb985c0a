import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { ALL } from '../db/metrics/dimensions.js'
import { readRetention } from '../db/metrics/read-retention.js'
import { quarterOf } from '../model/retention/months.js'

const money = (value: number | string) => `$${Math.round(Number(value)).toLocaleString('en-US')}`
const pct = (value: number | string | null) =>
  value === null ? 'n/a' : `${Number(value).toFixed(1)}%`

/**
 * Leadership's lines: NRR, GRR and logo retention over the trailing twelve months, the renewal
 * forecast of the next two quarters (renewal ARR due, forecast by health, at risk) and their
 * expansion pipeline (unweighted and weighted by stage).
 */
export async function retentionLines(
  db: Kysely<Database>,
  crm: string,
  asOf: string,
): Promise<string[]> {
  const month = `${asOf.slice(0, 7)}-01`
  const lines: string[] = []
  const t12m = await readRetention(db, { crm, month, windowMonths: 12 })
  if (t12m)
    lines.push(
      `retention, trailing 12 months to ${asOf.slice(0, 7)}: NRR ${pct(t12m.nrr)}, GRR ${pct(t12m.grr)}, logo retention ${pct(t12m.logo_retention)} (starting MRR ${money(t12m.starting_mrr)}${Number(t12m.estimated_starting_mrr) > 0 ? `, ${money(t12m.estimated_starting_mrr)} of it estimated before the billing history begins` : ''})`,
    )
  const quarters = await db
    .selectFrom('renewal_forecast_quarterly')
    .selectAll()
    .where('crm', '=', crm)
    .where('segment', '=', ALL)
    .where('csm_source_id', '=', ALL)
    .where('quarter', '>=', quarterOf(asOf))
    .orderBy('quarter')
    .limit(2)
    .execute()
  const label = (quarter: string) =>
    `${quarter.slice(0, 4)} Q${(Number(quarter.slice(5, 7)) + 2) / 3}`
  if (quarters.length > 0) lines.push('renewal forecast:')
  for (const q of quarters)
    lines.push(
      `  ${label(q.quarter)}  ${q.renewals} renewals, ${money(q.renewal_arr)} due, forecast ${money(q.forecast_arr)}, at risk ${money(q.at_risk_arr)} (${q.at_risk_renewals})`,
    )
  if (quarters.length > 0)
    lines.push('expansion pipeline (open upsells by expected close, weighted by stage):')
  for (const q of quarters)
    lines.push(
      `  ${label(q.quarter)}  ${q.expansion_opportunities} ${q.expansion_opportunities === 1 ? 'opportunity' : 'opportunities'}, ${money(q.expansion_pipeline)} pipeline, weighted ${money(q.weighted_expansion)}${q.expansion_stage_unknown > 0 ? `, ${money(q.expansion_stage_unknown_arr)} at stages of unknown probability (${q.expansion_stage_unknown})` : ''}`,
    )
  return lines
}
