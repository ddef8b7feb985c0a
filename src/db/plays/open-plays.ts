import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database } from '../database.js'
import type { PlaysTable } from '../tables/plays.js'
import { priorityRank } from './priority-rank.js'

export type OpenPlay = Selectable<PlaysTable>

/** The open plays of a CRM's accounts, most urgent first (priority, then the earliest due). */
export async function mostUrgentOpenPlays(
  db: Kysely<Database>,
  crm: string,
  limit: number,
): Promise<OpenPlay[]> {
  return db
    .selectFrom('plays')
    .selectAll()
    .where('crm', '=', crm)
    .where('status', '=', 'open')
    .orderBy(priorityRank(sql.ref('priority')))
    .orderBy('due_date')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Each account's next play: its most urgent open one (what the CRM shows as next action). */
export async function nextPlayPerAccount(
  db: Kysely<Database>,
  crm: string,
): Promise<Map<string, OpenPlay>> {
  const rows = await sql<OpenPlay>`
    select distinct on (account_id) *
    from plays
    where crm = ${crm} and status = 'open'
    order by account_id, ${priorityRank(sql.ref('priority'))}, due_date, id
  `.execute(db)
  return new Map(rows.rows.map((r) => [r.account_id, r]))
}
