import { sql, type Kysely } from 'kysely'
import type { Database } from '../database.js'

/** Scored accounts and their ARR in one health band, of one coverage tier or of all (`tier` null). */
export interface HealthCell {
  tier: string | null
  band: string
  accounts: number
  arr: number
}

/** The tier of accounts scored before any tier was recorded for them. */
export const NO_TIER = 'no tier'

/**
 * How the CRM's scored accounts spread over the health bands, by count and ARR: per coverage
 * tier (account_scores.segment_tier) × band, and per band over every tier. One grouped query.
 */
export async function healthDistribution(db: Kysely<Database>, crm: string): Promise<HealthCell[]> {
  const result = await sql<{ tier: string | null; band: string; accounts: number; arr: string }>`
    select case when grouping(s.tier) = 1 then null else s.tier end as tier,
      s.health_band as band, count(*)::int as accounts, sum(s.arr) as arr
    from (
      select coalesce(segment_tier, ${NO_TIER}) as tier, health_band, arr
      from account_scores
      where source = ${crm}
    ) s
    group by grouping sets ((s.tier, s.health_band), (s.health_band))`.execute(db)
  return result.rows.map((r) => ({ ...r, arr: Number(r.arr) }))
}
