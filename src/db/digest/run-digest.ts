import { sql, type Kysely } from 'kysely'
import type { Database } from '../database.js'

/** How many at-risk renewals the digest names; the rest are counted. */
export const AT_RISK_NAMED = 5

/** An at-risk renewal due soon, as the digest names it. */
export interface AtRiskRenewal {
  name: string
  arr: number
  renewalDate: string
  healthScore: number
  healthBand: string
}

/** What a RevOps lead reads after a run, read from the customer-360 the run left behind. */
export interface RunDigestFacts {
  /** The CRM's live accounts, and those with a contract running on the as-of day (scored). */
  accounts: number
  scored: number
  /** Scored accounts and ARR per health band. */
  bands: { band: string; accounts: number; arr: number }[]
  /** Renewals due from the as-of day through `horizonDays` later: all, and those at risk. */
  renewalsDue: { count: number; arr: number }
  atRisk: { count: number; arr: number; largest: AtRiskRenewal[] }
}

/**
 * The digest's facts in three queries. Only accounts with a contract running on the as-of day
 * are scored (the sync's own rule: ARR > 0 then), so accounts − scored is the rest: prospects
 * and customers whose contracts have ended.
 */
export async function runDigestFacts(
  db: Kysely<Database>,
  crm: string,
  asOf: string,
  horizonDays: number,
): Promise<RunDigestFacts> {
  const counts = await sql<{ accounts: number; scored: number }>`
    select
      (select count(*)::int from accounts where source = ${crm} and deleted_at is null) as accounts,
      (select count(*)::int from account_scores where source = ${crm}) as scored`.execute(db)
  const bands = await db
    .selectFrom('account_scores')
    .where('source', '=', crm)
    .groupBy('health_band')
    .select((eb) => [
      'health_band as band',
      eb.fn.countAll<number>().as('accounts'),
      sql<string>`coalesce(sum(arr), 0)`.as('arr'),
    ])
    .execute()
  const due = await sql<{ count: number; arr: string; at_risk: number; at_risk_arr: string }>`
    select count(*)::int as count, coalesce(sum(arr), 0) as arr,
      (count(*) filter (where renewal_at_risk))::int as at_risk,
      coalesce(sum(arr) filter (where renewal_at_risk), 0) as at_risk_arr
    from account_scores
    where source = ${crm}
      and next_renewal_date between ${asOf}::date and ${asOf}::date + ${horizonDays}::int`.execute(
    db,
  )
  const largest = await sql<{
    name: string
    arr: string
    renewal_date: string
    health_score: string
    health_band: string
  }>`
    select a.name, s.arr, to_char(s.next_renewal_date, 'YYYY-MM-DD') as renewal_date,
      s.health_score, s.health_band
    from account_scores s
    join accounts a on a.source = s.source and a.source_id = s.source_id
    where s.source = ${crm} and s.renewal_at_risk
      and s.next_renewal_date between ${asOf}::date and ${asOf}::date + ${horizonDays}::int
    order by s.arr desc, s.next_renewal_date, a.name
    limit ${AT_RISK_NAMED}`.execute(db)
  const [row] = due.rows
  return {
    accounts: counts.rows[0]?.accounts ?? 0,
    scored: counts.rows[0]?.scored ?? 0,
    bands: bands.map((b) => ({ band: b.band, accounts: Number(b.accounts), arr: Number(b.arr) })),
    renewalsDue: { count: row?.count ?? 0, arr: Number(row?.arr ?? 0) },
    atRisk: {
      count: row?.at_risk ?? 0,
      arr: Number(row?.at_risk_arr ?? 0),
      largest: largest.rows.map((r) => ({
        name: r.name,
        arr: Number(r.arr),
        renewalDate: r.renewal_date,
        healthScore: Number(r.health_score),
        healthBand: r.health_band,
      })),
    },
  }
}
