import { sql, type Kysely } from 'kysely'
import type { Database, LinkMethod, LinkStatus } from '../database.js'
import { identityCounts } from './identity-report.js'

export interface ResolutionCounts {
  source: string
  status: LinkStatus
  method: LinkMethod | null
  records: number
}

/**
 * Links every live record of the other systems (source_accounts, and the accounts of another
 * CRM read as a source) to at most one live account of `crm`, in one set-based statement,
 * replacing the previous links. Keys in order of strength:
 * 1. explicit ids: the record names the CRM account, or the CRM account names the record;
 * 2. a normalized web domain, unless it is in `ignoredDomains` (free mail, resellers);
 * 3. the exact normalized company name.
 * The strongest key that matches anything decides. If it points at one account, the record is
 * matched; at two or more (a parent company's domain on several accounts, two accounts claiming
 * one Stripe customer), it is a conflict and is not linked; nothing matched, it is unmatched.
 * Every candidate of every key is kept as evidence for `cs360 report identity`.
 */
export async function resolveAccountLinks(
  db: Kysely<Database>,
  crm: string,
  ignoredDomains: readonly string[],
): Promise<ResolutionCounts[]> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_links').where('crm', '=', crm).execute()
    await sql`
      with crm_accounts as (
        select source_id, name, domain, external_ids, cs360_normalized_name(name) as norm_name
        from accounts where source = ${crm} and deleted_at is null
      ),
      records as (
        select source, source_id, domains, crm_account_ids, cs360_normalized_name(name) as norm_name
        from source_accounts where deleted_at is null and source <> ${crm}
        union all
        -- Another CRM read as a source: its accounts, with the ids it holds for this CRM.
        select source, source_id,
          case when domain is null then '{}'::text[] else array[domain] end,
          array(select value from jsonb_each_text(external_ids) where key = ${crm}),
          cs360_normalized_name(name)
        from accounts where deleted_at is null and source <> ${crm}
      ),
      candidates as (
        select r.source, r.source_id, 1 as rank, 'explicit_id' as key, c.source_id as value,
          c.source_id as crm_account_id
        from records r join crm_accounts c on c.source_id = any (r.crm_account_ids)
        union
        select r.source, r.source_id, 1, 'explicit_id', r.source_id, c.source_id
        from records r join crm_accounts c on c.external_ids ->> r.source = r.source_id
        union
        select r.source, r.source_id, 2, 'domain', d.domain, c.source_id
        from records r cross join lateral unnest(r.domains) as d(domain)
        join crm_accounts c on c.domain = d.domain
        where not (d.domain = any (${sql.val([...ignoredDomains])}::text[]))
        union
        select r.source, r.source_id, 3, 'name', r.norm_name, c.source_id
        from records r join crm_accounts c on c.norm_name = r.norm_name
        where r.norm_name <> ''
      ),
      strongest as (
        select source, source_id, min(rank) as rank from candidates group by source, source_id
      ),
      decided as (
        select s.source, s.source_id, count(distinct c.crm_account_id) as accounts,
          min(c.crm_account_id) as crm_account_id, min(c.key) as method
        from strongest s join candidates c
          on c.source = s.source and c.source_id = s.source_id and c.rank = s.rank
        group by s.source, s.source_id
      ),
      evidence as (
        select c.source, c.source_id, jsonb_agg(jsonb_build_object(
            'key', c.key, 'value', c.value, 'crmAccountId', c.crm_account_id,
            'crmAccountName', a.name) order by c.rank, c.crm_account_id) as evidence
        from candidates c join crm_accounts a on a.source_id = c.crm_account_id
        group by c.source, c.source_id
      )
      insert into account_links (source, source_id, crm, crm_account_id, status, method, evidence)
      select r.source, r.source_id, ${crm},
        case when d.accounts = 1 then d.crm_account_id end,
        case when d.accounts is null then 'unmatched' when d.accounts = 1 then 'matched'
          else 'conflict' end,
        d.method,
        coalesce(e.evidence, '[]'::jsonb)
      from records r
      left join decided d on d.source = r.source and d.source_id = r.source_id
      left join evidence e on e.source = r.source and e.source_id = r.source_id
    `.execute(trx)
    return identityCounts(trx, crm)
  })
}
