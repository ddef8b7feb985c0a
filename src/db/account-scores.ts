import { sql, type Insertable, type Kysely } from 'kysely'
import type { AccountScoresTable, Database } from './database.js'

/** The columns scoring writes, each with the SQL type its unnested array is cast to. */
const SCORE_COLUMNS = {
  source: 'text',
  source_id: 'text',
  arr: 'numeric',
  next_renewal_date: 'date',
  health_score: 'numeric',
  health_band: 'text',
  health_status: 'text',
  renewal_forecast_arr: 'numeric',
  renewal_at_risk: 'boolean',
  health_components: 'jsonb',
  observed_weight: 'numeric',
  missing_inputs: 'jsonb',
  drivers: 'jsonb',
  model_version: 'text',
  computed_at: 'timestamptz',
  run_id: 'uuid',
} as const satisfies Partial<Record<keyof AccountScoresTable, string>>

type ScoreColumn = keyof typeof SCORE_COLUMNS
export type AccountScoreRow = Pick<Insertable<AccountScoresTable>, ScoreColumn>

/**
 * Lands one page of scores with a single upsert. The rows travel as one array per column
 * (unnest), not one bind parameter per value: Postgres counts a statement's parameters in 16
 * bits, so 5,000 rows of 16 columns as parameters would not even reach it.
 */
export async function upsertAccountScores(
  db: Kysely<Database>,
  rows: AccountScoreRow[],
): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(SCORE_COLUMNS) as ScoreColumn[]
  const arrays = columns.map(
    (c) => sql`${sql.val(rows.map((r) => r[c] ?? null))}::${sql.raw(SCORE_COLUMNS[c])}[]`,
  )
  const names = sql.join(columns.map((c) => sql.ref(c)))
  const updates = sql.join(
    columns
      .filter((c) => c !== 'source' && c !== 'source_id')
      .map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
  )
  await sql`
    insert into account_scores (${names})
    select * from unnest(${sql.join(arrays)})
    on conflict (source, source_id) do update set ${updates}`.execute(db)
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
