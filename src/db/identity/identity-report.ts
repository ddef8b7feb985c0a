import { sql, type Kysely } from 'kysely'
import type { Database, LinkEvidence, LinkMethod, LinkStatus } from '../database.js'

export interface IdentityIssue {
  source: string
  sourceId: string
  status: Exclude<LinkStatus, 'matched'>
  name: string | null
  domains: string[]
  crmAccountIds: string[]
  evidence: LinkEvidence[]
}

/** Records that were not linked, with the keys they carry and every candidate each key found. */
export async function identityIssues(
  db: Kysely<Database>,
  crm: string,
  limit: number,
): Promise<IdentityIssue[]> {
  const rows = await db
    .selectFrom('account_links as l')
    .leftJoin('source_accounts as s', (join) =>
      join.onRef('s.source', '=', 'l.source').onRef('s.source_id', '=', 'l.source_id'),
    )
    // Records of another CRM read as a source live in accounts.
    .leftJoin('accounts as a', (join) =>
      join.onRef('a.source', '=', 'l.source').onRef('a.source_id', '=', 'l.source_id'),
    )
    .select((eb) => [
      'l.source',
      'l.source_id',
      'l.status',
      'l.evidence',
      eb.fn.coalesce('s.name', 'a.name').as('name'),
      sql<
        string[]
      >`coalesce(s.domains, case when a.domain is null then '{}'::text[] else array[a.domain] end)`.as(
        'domains',
      ),
      sql<string[]>`coalesce(s.crm_account_ids, '{}'::text[])`.as('crm_account_ids'),
    ])
    .where('l.crm', '=', crm)
    .where('l.status', '!=', 'matched')
    .orderBy('l.status')
    .orderBy('l.source')
    .orderBy('name')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    source: r.source,
    sourceId: r.source_id,
    status: r.status as IdentityIssue['status'],
    name: r.name,
    domains: r.domains,
    crmAccountIds: r.crm_account_ids,
    evidence: r.evidence,
  }))
}

/** Which CRMs have been resolved against (the report's default). */
export async function resolvedCrms(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('account_links').select('crm').distinct().execute()
  return rows.map((r) => r.crm)
}

/** Linked, conflicting and unmatched records per source and linking key. */
export async function identityCounts(
  db: Kysely<Database>,
  crm: string,
): Promise<{ source: string; status: LinkStatus; method: LinkMethod | null; records: number }[]> {
  const rows = await db
    .selectFrom('account_links')
    .select(['source', 'status', 'method', (eb) => eb.fn.countAll<string>().as('records')])
    .where('crm', '=', crm)
    .groupBy(['source', 'status', 'method'])
    .orderBy('source')
    .execute()
  return rows.map((r) => ({ ...r, records: Number(r.records) }))
}
