import { sql, type Kysely } from 'kysely'
import type { Database, TableName } from './database.js'

type SourceRecordTable = Extract<
  TableName,
  'crm_users' | 'accounts' | 'opportunities' | 'source_accounts' | 'support_tickets'
>

export async function lastLiveIdCheck(db: Kysely<Database>, connector: string, stream: string) {
  return db
    .selectFrom('live_id_checks')
    .selectAll()
    .where('connector', '=', connector)
    .where('stream', '=', stream)
    .executeTakeFirst()
}

/** Records the customer-360 holds as live for a connector in a table. */
export async function liveCount(
  db: Kysely<Database>,
  table: SourceRecordTable,
  connector: string,
): Promise<number> {
  const row = await sql<{ n: string }>`
    select count(*) as n from ${sql.table(table)}
    where source = ${connector} and deleted_at is null`.execute(db)
  return Number(row.rows[0]!.n)
}

/**
 * Marks deleted, now, every live record of the connector in `table` whose id the source no
 * longer lists. The ids stream into a temporary table, so a set of any size is compared in one
 * statement. Returns how many records were retired.
 */
export async function retireUnlisted(
  db: Kysely<Database>,
  table: SourceRecordTable,
  connector: string,
  ids: AsyncIterable<string[]>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`create temp table live_ids (id text primary key) on commit drop`.execute(trx)
    for await (const page of ids) {
      if (page.length === 0) continue
      await sql`insert into live_ids select unnest(${sql.val(page)}::text[]) on conflict do nothing`.execute(
        trx,
      )
    }
    const retired = await sql`
      update ${sql.table(table)} set deleted_at = now(), synced_at = now()
      where source = ${connector} and deleted_at is null
        and source_id not in (select id from live_ids)`.execute(trx)
    return Number(retired.numAffectedRows ?? 0)
  })
}

export async function recordLiveIdCheck(
  db: Kysely<Database>,
  check: {
    connector: string
    stream: string
    sourceCount: number
    storedCount: number
    retired: number
  },
): Promise<void> {
  await db
    .insertInto('live_id_checks')
    .values({
      connector: check.connector,
      stream: check.stream,
      source_count: check.sourceCount,
      stored_count: check.storedCount,
      retired: check.retired,
    })
    .onConflict((oc) =>
      oc.columns(['connector', 'stream']).doUpdateSet({
        checked_at: sql`now()`,
        source_count: check.sourceCount,
        stored_count: check.storedCount,
        retired: check.retired,
      }),
    )
    .execute()
}
