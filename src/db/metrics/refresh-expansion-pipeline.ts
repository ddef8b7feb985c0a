import { sql, type Kysely } from 'kysely'
import type { RenewalForecastSettings } from '../../model/retention/forecast-settings.js'
import type { Database } from '../database.js'
import { openExpansionSql } from './open-expansion.js'

/**
 * Replaces the CRM's account_expansion_pipeline: per customer (a scored account) with open
 * expansion opportunities, whatever their close date, their amount, the amount weighted by
 * stage probability where one is known, and what has none (stage unknown). Returns the rows.
 */
export async function refreshAccountExpansionPipeline(
  db: Kysely<Database>,
  crm: string,
  stages: RenewalForecastSettings['expansionStages'],
): Promise<number> {
  await db.deleteFrom('account_expansion_pipeline').where('crm', '=', crm).execute()
  const result = await sql`
    insert into account_expansion_pipeline (crm, account_id, opportunities, pipeline_arr,
      weighted_arr, stage_unknown_opportunities, stage_unknown_arr, next_close_date)
    with expansion as (${openExpansionSql(crm, stages)})
    select ${crm}, e.account_id, count(*)::int, sum(e.amount),
      coalesce(sum(e.amount * e.probability), 0),
      count(*) filter (where e.probability is null)::int,
      coalesce(sum(e.amount) filter (where e.probability is null), 0),
      min(e.close_date)
    from expansion e
    join account_scores s on s.source = ${crm} and s.source_id = e.account_id
    group by e.account_id`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
