import { sql, type Kysely } from 'kysely'
import type { Database } from './database.js'

/** The org or portal whose data the customer-360 holds for a connector, if known. */
export async function heldSourceAccount(db: Kysely<Database>, connector: string) {
  return db
    .selectFrom('connector_accounts')
    .selectAll()
    .where('connector', '=', connector)
    .executeTakeFirst()
}

/** Whether the customer-360 holds any of the connector's data yet (cursors are written first). */
export async function holdsData(db: Kysely<Database>, connector: string): Promise<boolean> {
  const cursor = await db
    .selectFrom('sync_cursors')
    .select('stream')
    .where('connector', '=', connector)
    .executeTakeFirst()
  return cursor !== undefined
}

export async function rememberSourceAccount(
  db: Kysely<Database>,
  connector: string,
  account: { id: string; name?: string },
): Promise<void> {
  await db
    .insertInto('connector_accounts')
    .values({ connector, account_id: account.id, account_name: account.name ?? null })
    .onConflict((oc) =>
      oc.column('connector').doUpdateSet({
        last_seen_at: sql`now()`,
        account_name: sql`coalesce(excluded.account_name, connector_accounts.account_name)`,
      }),
    )
    .execute()
}
