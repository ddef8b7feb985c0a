import { sql, type Kysely } from 'kysely'
import type { SegmentSettings } from '../model/segments/settings.js'
import type { Database } from './database.js'
import { tierPlacementSql } from './segments/tier-expression.js'

/**
 * After a page of scores lands: keeps the day's score in the history (one row per account per
 * day; a second run the same day replaces it) with the CSM's view beside it, and sets each account's trend against its score
 * of 30 days earlier (the latest kept on or before that day) and its coverage tier — two
 * set-based statements for the page.
 */
export async function recordScoreHistory(
  db: Kysely<Database>,
  input: {
    crm: string
    asOf: string
    accountIds: readonly string[]
    configVersion: string
    segments: SegmentSettings
  },
): Promise<void> {
  if (input.accountIds.length === 0) return
  const ids = sql.val([...input.accountIds])
  await sql`
    insert into account_score_history
      (source, source_id, day, health_score, health_band, health_status, model_version,
        config_version, csm_health_raw, csm_health_status, csm_health_band, csm_health_since)
    select source, source_id, ${input.asOf}::date, health_score, health_band, health_status,
      model_version, ${input.configVersion}, csm_health_raw, csm_health_status, csm_health_band,
      csm_health_since
    from account_scores
    where source = ${input.crm} and source_id = any(${ids}::text[])
    on conflict (source, source_id, day) do update set
      health_score = excluded.health_score, health_band = excluded.health_band,
      health_status = excluded.health_status, model_version = excluded.model_version,
      config_version = excluded.config_version, csm_health_raw = excluded.csm_health_raw,
      csm_health_status = excluded.csm_health_status, csm_health_band = excluded.csm_health_band,
      csm_health_since = excluded.csm_health_since, computed_at = now()`.execute(db)
  const { tier } = tierPlacementSql(input.segments, {
    accountId: sql.ref('a.source_id'),
    arr: sql.ref('s.arr'),
    accountType: sql.ref('a.account_type'),
    industry: sql.ref('a.industry'),
  })
  await sql`
    update account_scores s set
      config_version = ${input.configVersion},
      segment_tier = ${tier},
      health_trend_30d = (
        select s.health_score - h.health_score from account_score_history h
        where h.source = s.source and h.source_id = s.source_id
          and h.day <= ${input.asOf}::date - 30
        order by h.day desc limit 1)
    from accounts a
    where a.source = s.source and a.source_id = s.source_id
      and s.source = ${input.crm} and s.source_id = any(${ids}::text[])`.execute(db)
}

/** Stores each account's lifecycle stage beside its score, for the CRM and dashboards. */
export async function recordLifecycleStages(
  db: Kysely<Database>,
  crm: string,
  stages: ReadonlyMap<string, string>,
): Promise<void> {
  if (stages.size === 0) return
  await sql`
    update account_scores s set lifecycle_stage = v.stage
    from unnest(${sql.val([...stages.keys()])}::text[], ${sql.val([...stages.values()])}::text[])
      as v(id, stage)
    where s.source = ${crm} and s.source_id = v.id`.execute(db)
}
