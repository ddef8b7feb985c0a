import { sql, type Insertable, type Kysely } from 'kysely'
import type { AccountScoresTable, Database } from './database.js'

export type AccountScoreRow = Insertable<AccountScoresTable>

// Postgres counts a statement's bind parameters in 16 bits (65,535 at most): a page of 5,000
// scores of 16 columns would overflow it, so a page lands in statements of at most this many.
const MAX_PARAMETERS = 60_000

/**
 * Lands one page of scores with multi-row upserts, as few as the parameter limit allows (two
 * for a page of 5,000). Multi-row VALUES beat one array per column (unnest) and a JSON document
 * (json_populate_recordset) here: quoting each score's components into an array or document
 * and parsing it back costs more than binding them one by one.
 */
export async function upsertAccountScores(
  db: Kysely<Database>,
  rows: AccountScoreRow[],
): Promise<void> {
  if (rows.length === 0) return
  const columns = new Set(rows.flatMap((r) => Object.keys(r))).size
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns))
  for (let i = 0; i < rows.length; i += perStatement)
    await upsertChunk(db, rows.slice(i, i + perStatement))
}

async function upsertChunk(db: Kysely<Database>, rows: AccountScoreRow[]): Promise<void> {
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
