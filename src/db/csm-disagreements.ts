import { sql, type Kysely, type RawBuilder } from 'kysely'
import { HEALTH_STATUSES } from '../model/health/bands.js'
import type { AgreementEntry, CsmStanding } from '../model/health/csm-agreement.js'
import type { Database } from './database.js'

/** Red 1, Yellow 2, Green 3: a higher rank is a more optimistic view. */
const rankOf = (status: RawBuilder<unknown>) =>
  sql<number>`array_position(${sql.val([...HEALTH_STATUSES].reverse())}::text[], ${status})`

/** Where the CSM stands against the model, in SQL (model/health/csm-view.ts's csmDirection). */
const standing = sql<CsmStanding>`case
  when s.csm_health_status is null or s.health_status is null then 'no-csm-view'
  when ${rankOf(sql.ref('s.csm_health_status'))} = ${rankOf(sql.ref('s.health_status'))} then 'agree'
  when ${rankOf(sql.ref('s.csm_health_status'))} > ${rankOf(sql.ref('s.health_status'))}
    then 'csm-more-optimistic'
  else 'csm-more-pessimistic' end`

/** The CRM's customer accounts of the last scored run, with their standing, owner and CSM view. */
function customers(db: Kysely<Database>, crm: string, ownerIds: readonly string[] | undefined) {
  let query = db
    .selectFrom('account_scores as s')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.source', '=', 's.source').onRef('a.source_id', '=', 's.source_id'),
    )
    .leftJoin('crm_users as u', (join) =>
      join.onRef('u.source', '=', 'a.source').onRef('u.source_id', '=', 'a.owner_source_id'),
    )
    .where('s.source', '=', crm)
    .where('a.deleted_at', 'is', null)
    .where('s.arr', '>', '0')
  if (ownerIds)
    query = query.where(sql<boolean>`a.owner_source_id = any(${sql.val([...ownerIds])}::text[])`)
  return query
}

/**
 * Every CSM's accounts per standing (agree, CSM more optimistic, more pessimistic, no view) in
 * one statement: a few rows per CSM however many accounts there are.
 */
export async function csmAgreementEntries(
  db: Kysely<Database>,
  crm: string,
  ownerIds?: readonly string[],
): Promise<AgreementEntry[]> {
  const rows = await customers(db, crm, ownerIds)
    .select((eb) => [
      'a.owner_source_id',
      'u.name',
      standing.as('standing'),
      eb.fn.countAll<string>().as('accounts'),
      sql<string>`count(*) filter (where s.csm_health_raw is not null and s.csm_health_status is null)`.as(
        'unreadable',
      ),
    ])
    .groupBy(['a.owner_source_id', 'u.name', sql`3`])
    .execute()
  return rows.map((r) => ({
    csm:
      r.owner_source_id === null
        ? null
        : { id: r.owner_source_id, name: r.name ?? r.owner_source_id },
    standing: r.standing,
    accounts: Number(r.accounts),
    unreadable: Number(r.unreadable),
  }))
}

/** An account whose CSM's status differs from the model's. */
export interface CsmDisagreement {
  accountId: string
  account: string
  csm: { id: string; name: string } | null
  arr: number
  modelScore: number
  modelStatus: string
  csmStatus: string
  /** The value as the CSM typed it. */
  csmValue: string
  /** The first day cs360 saw the CSM's current value. */
  since: string | null
  standing: Exclude<CsmStanding, 'agree' | 'no-csm-view'>
  /** The measures that moved the model's score most. */
  drivers: string[]
}

/** Accounts where the CSM and the model disagree, most ARR first, at most `limit`. */
export async function csmDisagreements(
  db: Kysely<Database>,
  crm: string,
  options: { ownerIds?: readonly string[]; limit: number },
): Promise<CsmDisagreement[]> {
  const rows = await customers(db, crm, options.ownerIds)
    .select([
      's.source_id',
      'a.name as account',
      'a.owner_source_id',
      'u.name as owner',
      's.arr',
      's.health_score',
      's.health_status',
      's.csm_health_status',
      's.csm_health_raw',
      sql<string | null>`to_char(s.csm_health_since, 'YYYY-MM-DD')`.as('since'),
      's.drivers',
      standing.as('standing'),
    ])
    .where(standing, 'in', ['csm-more-optimistic', 'csm-more-pessimistic'])
    .orderBy('s.arr', 'desc')
    .orderBy('s.source_id')
    .limit(options.limit)
    .execute()
  return rows.map((r) => ({
    accountId: r.source_id,
    account: r.account,
    csm:
      r.owner_source_id === null
        ? null
        : { id: r.owner_source_id, name: r.owner ?? r.owner_source_id },
    arr: Number(r.arr),
    modelScore: Number(r.health_score),
    modelStatus: r.health_status!,
    csmStatus: r.csm_health_status!,
    csmValue: r.csm_health_raw!,
    since: r.since,
    standing: r.standing as CsmDisagreement['standing'],
    drivers: r.drivers,
  }))
}

/** The owners whose name (any case) or CRM id is `csm`, among the CRM's users. */
export async function ownersNamed(db: Kysely<Database>, crm: string, csm: string) {
  return db
    .selectFrom('crm_users')
    .select(['source_id as id', 'name'])
    .where('source', '=', crm)
    .where((eb) => eb.or([eb(sql`lower(name)`, '=', csm.toLowerCase()), eb('source_id', '=', csm)]))
    .execute()
}
