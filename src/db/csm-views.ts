import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database.js'

/** One scored account's CSM value as the CRM holds it now, and as its score row held it. */
export interface CsmValue {
  sourceId: string
  name: string
  /** What the CSM typed (accounts.csm_health), null when nothing. */
  raw: string | null
  /** The value the score row held before this run (null: none, or a new score row). */
  previousRaw: string | null
}

/** The CSM values of a page of scored accounts, in one statement. */
export async function csmValuesOf(
  db: Kysely<Database>,
  crm: string,
  accountIds: readonly string[],
): Promise<CsmValue[]> {
  if (accountIds.length === 0) return []
  const rows = await db
    .selectFrom('account_scores as s')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.source', '=', 's.source').onRef('a.source_id', '=', 's.source_id'),
    )
    .select(['s.source_id', 'a.name', 'a.csm_health', 's.csm_health_raw'])
    .where('s.source', '=', crm)
    .where(sql<boolean>`s.source_id = any(${sql.val([...accountIds])}::text[])`)
    .execute()
  return rows.map((r) => ({
    sourceId: r.source_id,
    name: r.name,
    raw: r.csm_health,
    previousRaw: r.csm_health_raw,
  }))
}

/** What a CSM value reads as, ready to store beside the score. */
export interface CsmViewRow {
  sourceId: string
  raw: string | null
  status: string | null
  band: string | null
}

/**
 * Stores the CSMs' views beside the model's scores of a page, in one statement, leaving the
 * model's score, band and status untouched. "Since" is the first day cs360 saw the current raw
 * value: kept while the value stays, taken from the score history when the score row is new
 * (an account scored again after a gap), and the scoring day when the value changed.
 */
export async function recordCsmViews(
  db: Kysely<Database> | Transaction<Database>,
  input: { crm: string; asOf: string; views: readonly CsmViewRow[] },
): Promise<void> {
  if (input.views.length === 0) return
  const column = <K extends keyof CsmViewRow>(key: K) => sql.val(input.views.map((v) => v[key]))
  await sql`
    update account_scores s set
      csm_health_raw = v.raw,
      csm_health_status = v.status,
      csm_health_band = v.band,
      csm_health_since = case
        when v.raw is null then null
        when s.csm_health_raw = v.raw and s.csm_health_since <= ${input.asOf}::date
          then s.csm_health_since
        else coalesce((
          select case when h.csm_health_raw = v.raw then h.csm_health_since end
          from account_score_history h
          where h.source = s.source and h.source_id = s.source_id and h.day < ${input.asOf}::date
          order by h.day desc limit 1), ${input.asOf}::date)
      end
    from unnest(${column('sourceId')}::text[], ${column('raw')}::text[],
      ${column('status')}::text[], ${column('band')}::text[]) as v(id, raw, status, band)
    where s.source = ${input.crm} and s.source_id = v.id
      -- Rows whose view is as stored stay untouched: no dead tuples for 100,000 unchanged rows.
      and (s.csm_health_raw, s.csm_health_status, s.csm_health_band)
        is distinct from (v.raw, v.status, v.band)`.execute(db)
}
