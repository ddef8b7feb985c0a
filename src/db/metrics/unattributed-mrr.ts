import { sql, type Kysely } from 'kysely'
import type { Database } from '../database.js'
import { accountMrrSeries } from './account-mrr-series.js'

export interface UnattributedMrr {
  /** Billing customers paying in the month that no CRM account is linked to. */
  customers: number
  mrr: number
}

/**
 * MRR of one month that no CRM account carries: billing customers in conflict or unmatched
 * (`cs360 report identity` lists them). Per-account metrics leave it out; reported beside them
 * so the accounts' total and the billing system's total can be reconciled.
 */
export async function unattributedMrr(
  db: Kysely<Database>,
  crm: string,
  month: string,
): Promise<UnattributedMrr> {
  const unlinked = sql`
    select sa.source || ':' || sa.source_id as account_key, sa.source, sa.source_id
    from source_accounts sa
    where sa.deleted_at is null
      and not exists (
        select 1 from account_links l
        where l.crm = ${crm} and l.status = 'matched'
          and l.source = sa.source and l.source_id = sa.source_id)`
  const series = accountMrrSeries(unlinked, {
    from: month,
    to: month,
    estimateMissingHistory: false,
  })
  const { rows } = await sql<{ customers: string; mrr: string }>`
    select count(*) filter (where s.mrr > 0) as customers, coalesce(sum(s.mrr), 0) as mrr
    from (${series}) s`.execute(db)
  return { customers: Number(rows[0]?.customers ?? 0), mrr: Number(rows[0]?.mrr ?? 0) }
}
