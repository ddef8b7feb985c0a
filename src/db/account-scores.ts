import { sql, type Insertable, type Kysely } from 'kysely'
import type { AccountScoresTable, Database } from './database.js'

export type AccountScoreRow = Insertable<AccountScoresTable>

/** Lands one page of scores with a single multi-row upsert. */
export async function upsertAccountScores(
  db: Kysely<Database>,
  rows: AccountScoreRow[],
): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('account_scores')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['source', 'source_id']).doUpdateSet((eb) => ({
        arr: eb.ref('excluded.arr'),
        next_renewal_date: eb.ref('excluded.next_renewal_date'),
        health_score: eb.ref('excluded.health_score'),
        health_band: eb.ref('excluded.health_band'),
        health_status: eb.ref('excluded.health_status'),
        renewal_forecast_arr: eb.ref('excluded.renewal_forecast_arr'),
        renewal_at_risk: eb.ref('excluded.renewal_at_risk'),
        health_components: eb.ref('excluded.health_components'),
        observed_weight: eb.ref('excluded.observed_weight'),
        missing_inputs: eb.ref('excluded.missing_inputs'),
        drivers: eb.ref('excluded.drivers'),
        model_version: eb.ref('excluded.model_version'),
        computed_at: eb.ref('excluded.computed_at'),
        run_id: eb.ref('excluded.run_id'),
        nps: eb.ref('excluded.nps'),
        nps_responses: eb.ref('excluded.nps_responses'),
      })),
    )
    .execute()
}

/**
 * Drops the scores of accounts this run did not score (deleted, no longer customers), so
 * nothing stale is written back.
 */
export async function removeScoresNotFromRun(
  db: Kysely<Database>,
  crm: string,
  runId: string,
): Promise<number> {
  const removed = await db
    .deleteFrom('account_scores')
    .where('source', '=', crm)
    .where(sql<boolean>`run_id is distinct from ${runId}::uuid`)
    .executeTakeFirst()
  return Number(removed.numDeletedRows)
}
