import { sql, type Kysely } from 'kysely'
import type { NotRaised, Play } from '../../model/plays/types.js'
import type { Database } from '../database.js'
import { priorityRank } from './priority-rank.js'

export interface RefreshPlaysInput {
  crm: string
  /** The day the plays were evaluated for (YYYY-MM-DD). */
  asOf: string
  /** Every play the rules raised for the accounts in scope. */
  candidates: readonly Play[]
  /** Why the other rules did not fire: the text an open play of that type is closed with. */
  notRaised?: readonly NotRaised[]
  /**
   * The accounts evaluated (a page of them): only their open plays may be closed. Without it
   * every open play of the CRM not among the candidates is closed.
   */
  accountIds?: readonly string[]
}

export interface RefreshPlaysResult {
  raised: number
  /** Open plays found again: reason, priority, owner and evidence refreshed, due date kept. */
  kept: number
  closed: number
}

/**
 * Lands the plays of one evaluation in one statement: a candidate whose account, type and
 * reason key has an open play updates it (its due date never moves later, so a play seen
 * every day does not drift), a new one is inserted, and open plays in scope that were not
 * raised again are closed with why — replaced by a play of the same type with another key (a
 * renewal moving from T-90 to T-60), or the rule's own reason for not firing.
 */
export async function refreshPlays(
  db: Kysely<Database>,
  input: RefreshPlaysInput,
): Promise<RefreshPlaysResult> {
  const { crm, asOf, candidates } = input
  const notRaised = input.notRaised ?? []
  const column = <T>(pick: (p: Play) => T) => sql.val(candidates.map(pick))
  const result = await sql<{ raised: string; kept: string; closed: string }>`
    with candidate_rows as (
      select * from unnest(
        ${column((p) => p.accountId)}::text[], ${column((p) => p.type)}::text[],
        ${column((p) => p.reasonKey)}::text[], ${column((p) => p.reason)}::text[],
        ${column((p) => p.action)}::text[], ${column((p) => p.priority)}::text[],
        ${column((p) => p.ownerId)}::text[], ${column((p) => p.dueDate)}::date[],
        ${column((p) => JSON.stringify(p.evidence))}::jsonb[]
      ) as c(account_id, play_type, reason_key, reason, action, priority, owner_id, due_date, evidence)
    ),
    candidates as (
      select distinct on (account_id, play_type, reason_key) *
      from candidate_rows
      order by account_id, play_type, reason_key, ${priorityRank(sql.ref('priority'))}, due_date
    ),
    cleared as (
      select distinct on (account_id, play_type) account_id, play_type, why
      from unnest(
        ${sql.val(notRaised.map((n) => n.accountId))}::text[],
        ${sql.val(notRaised.map((n) => n.type))}::text[],
        ${sql.val(notRaised.map((n) => n.why))}::text[]
      ) as n(account_id, play_type, why)
      order by account_id, play_type
    ),
    upserted as (
      insert into plays as p (crm, account_id, play_type, reason_key, reason, action, priority,
        owner_id, due_date, evidence, raised_as_of, last_seen_as_of)
      select ${crm}, account_id, play_type, reason_key, reason, action, priority, owner_id,
        due_date, evidence, ${asOf}::date, ${asOf}::date
      from candidates
      on conflict (crm, account_id, play_type, reason_key) where status = 'open'
      do update set reason = excluded.reason, action = excluded.action,
        priority = excluded.priority, owner_id = excluded.owner_id,
        due_date = least(p.due_date, excluded.due_date), evidence = excluded.evidence,
        last_seen_as_of = greatest(p.last_seen_as_of, excluded.last_seen_as_of),
        updated_at = now()
      returning (xmax = 0) as inserted
    ),
    replacements as (
      select distinct on (account_id, play_type) account_id, play_type,
        'Replaced: ' || reason as why
      from candidates
      order by account_id, play_type, ${priorityRank(sql.ref('priority'))}, reason_key
    ),
    closing as (
      select o.id, coalesce(r.why, n.why,
        'The account was not evaluated: no longer a scored customer') as why
      from plays o
      left join replacements r on r.account_id = o.account_id and r.play_type = o.play_type
      left join cleared n on n.account_id = o.account_id and n.play_type = o.play_type
      where o.crm = ${crm} and o.status = 'open'
        and (${input.accountIds === undefined}::boolean
          or o.account_id = any (${sql.val([...(input.accountIds ?? [])])}::text[]))
        and not exists (
          select 1 from candidates c
          where c.account_id = o.account_id and c.play_type = o.play_type
            and c.reason_key = o.reason_key)
    ),
    closed as (
      update plays p
      set status = 'closed', closed_at = now(), closed_as_of = ${asOf}::date, updated_at = now(),
        closed_why = closing.why
      from closing
      where p.id = closing.id
      returning 1
    )
    select (select count(*) from upserted where inserted) as raised,
      (select count(*) from upserted where not inserted) as kept,
      (select count(*) from closed) as closed
  `.execute(db)
  const row = result.rows[0]!
  return { raised: Number(row.raised), kept: Number(row.kept), closed: Number(row.closed) }
}

/**
 * Closes the open plays of accounts that are no longer scored (no running contract, deleted in
 * the CRM): a page-by-page refresh never sees them.
 */
export async function closePlaysOfUnscoredAccounts(
  db: Kysely<Database>,
  input: { crm: string; asOf: string },
): Promise<number> {
  const closed = await db
    .updateTable('plays')
    .set({
      status: 'closed',
      closed_at: sql<Date>`now()`,
      closed_as_of: input.asOf,
      updated_at: sql<Date>`now()`,
      closed_why: 'The account is no longer a scored customer',
    })
    .where('crm', '=', input.crm)
    .where('status', '=', 'open')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('account_scores as s')
            .select('s.source_id')
            .whereRef('s.source', '=', 'plays.crm')
            .whereRef('s.source_id', '=', 'plays.account_id'),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(closed.numUpdatedRows)
}
