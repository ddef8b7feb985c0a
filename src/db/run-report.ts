import { sql, type Kysely } from 'kysely'
import type { Database, SyncRun } from './database.js'

/** The run asked for, or the latest one to start; undefined when there is none. */
export async function findRun(db: Kysely<Database>, id?: string): Promise<SyncRun | undefined> {
  let query = db.selectFrom('sync_runs').selectAll().orderBy('started_at', 'desc').limit(1)
  if (id !== undefined) query = query.where('id', '=', id)
  return query.executeTakeFirst()
}

/**
 * The day the run scored accounts as of: the run does not record it, but the score history it
 * wrote does (rows it computed carry the day). Looked up through one account the run scored
 * (the history's key) while its scores are current, else by scanning the history. Null when
 * the run scored nothing, or a later run of the same day has since replaced its history rows.
 */
export async function runAsOf(
  db: Kysely<Database>,
  crm: string,
  run: Pick<SyncRun, 'id' | 'started_at' | 'finished_at'>,
): Promise<string | null> {
  const during = db
    .selectFrom('account_score_history')
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
    .where('source', '=', crm)
    .where('computed_at', '>=', run.started_at)
    .where('computed_at', '<=', run.finished_at ?? sql<Date>`now()`)
    .limit(1)
  const scored = await db
    .selectFrom('account_scores')
    .select('source_id')
    .where('source', '=', crm)
    .where('run_id', '=', run.id)
    .limit(1)
    .executeTakeFirst()
  const row = scored
    ? await during.where('source_id', '=', scored.source_id).executeTakeFirst()
    : await during.executeTakeFirst()
  return row?.day ?? null
}

export interface BandCount {
  band: string
  accounts: number
  /** Null where only the score history survives, which keeps no ARR. */
  arr: number | null
}

/**
 * How the run's scores spread over the bands. The scores still current for the run (their
 * run_id) carry ARR; once a later run replaced them, the run's day in the score history still
 * gives the counts.
 */
export async function runHealth(
  db: Kysely<Database>,
  crm: string,
  run: Pick<SyncRun, 'id' | 'started_at' | 'finished_at'>,
  asOf: string | null,
): Promise<{ basis: 'scores' | 'history' | 'none'; bands: BandCount[] }> {
  const current = await db
    .selectFrom('account_scores')
    .select([
      'health_band as band',
      sql<number>`count(*)::int`.as('accounts'),
      sql<string>`sum(arr)`.as('arr'),
    ])
    .where('source', '=', crm)
    .where('run_id', '=', run.id)
    .groupBy('health_band')
    .execute()
  if (current.length > 0)
    return { basis: 'scores', bands: current.map((r) => ({ ...r, arr: Number(r.arr) })) }
  if (asOf === null) return { basis: 'none', bands: [] }
  const history = await db
    .selectFrom('account_score_history')
    .select(['health_band as band', sql<number>`count(*)::int`.as('accounts')])
    .where('source', '=', crm)
    .where('day', '=', asOf)
    .where('computed_at', '>=', run.started_at)
    .where('computed_at', '<=', run.finished_at ?? sql<Date>`now()`)
    .groupBy('health_band')
    .execute()
  return history.length === 0
    ? { basis: 'none', bands: [] }
    : { basis: 'history', bands: history.map((r) => ({ ...r, arr: null })) }
}

/** Records the run set aside, per connector, stream and reason. */
export async function runQuarantine(db: Kysely<Database>, runId: string) {
  const rows = await db
    .selectFrom('quarantined_records')
    .select(['connector', 'stream', 'reason', sql<number>`count(*)::int`.as('records')])
    .where('run_id', '=', runId)
    .groupBy(['connector', 'stream', 'reason'])
    .orderBy('records', 'desc')
    .orderBy('connector')
    .orderBy('stream')
    .orderBy('reason')
    .execute()
  return rows
}

/**
 * Fields the CRM refused whose last attempt was this run, one row per record with the account's
 * name as the CRM holds it and the refusal's code (the text before the first colon).
 */
export async function runRefusals(db: Kysely<Database>, runId: string, limit: number) {
  return db
    .selectFrom('write_rejections as r')
    .leftJoin('accounts as a', (j) =>
      j.onRef('a.source', '=', 'r.connector').onRef('a.source_id', '=', 'r.record_id'),
    )
    .select([
      'r.connector',
      'r.object',
      'r.record_id as recordId',
      'a.name as accountName',
      sql<string>`split_part(max(r.last_error), ':', 1)`.as('code'),
      sql<string>`max(r.last_error)`.as('lastError'),
      sql<string[]>`array_agg(r.field order by r.field)`.as('fields'),
      sql<number>`max(r.attempts)::int`.as('attempts'),
    ])
    .where('r.last_run_id', '=', runId)
    .groupBy(['r.connector', 'r.object', 'r.record_id', 'a.name'])
    .orderBy('r.connector')
    .orderBy('r.record_id')
    .limit(limit)
    .execute()
}

/** How many records the CRM refused in the run, per connector and refusal code. */
export async function runRefusalCounts(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom('write_rejections')
    .select([
      'connector',
      sql<string>`split_part(last_error, ':', 1)`.as('code'),
      sql<number>`count(distinct (object, record_id))::int`.as('records'),
    ])
    .where('last_run_id', '=', runId)
    .groupBy(['connector', sql`split_part(last_error, ':', 1)`])
    .orderBy('records', 'desc')
    .execute()
}
