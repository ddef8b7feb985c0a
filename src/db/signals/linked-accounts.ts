import { sql, type RawBuilder } from 'kysely'

/**
 * The source records (of `sources`) linked to a page of CRM accounts: the join every source
 * signal starts from. Only matched links count; conflicts and unmatched records never feed a
 * score.
 */
export function linkedRecords(
  crm: string,
  sources: readonly string[],
  accountIds: readonly string[],
): RawBuilder<unknown> {
  return sql`
    select l.crm_account_id, l.source, l.source_id
    from account_links l
    where l.crm = ${crm} and l.status = 'matched'
      and l.source = any (${sql.val([...sources])}::text[])
      and l.crm_account_id = any (${sql.val([...accountIds])}::text[])`
}

/** Accounts with at least one linked record: they have this kind of data, even if all zeros. */
export function linkedAccounts(
  crm: string,
  sources: readonly string[],
  accountIds: readonly string[],
): RawBuilder<unknown> {
  return sql`select distinct crm_account_id from (${linkedRecords(crm, sources, accountIds)}) x`
}
