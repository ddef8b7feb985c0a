import type { Kysely, Transaction } from 'kysely'
import type { Database, StreamCheckpoint } from './database.js'

export type { StreamCheckpoint }

export async function loadCursor(
  db: Kysely<Database>,
  connector: string,
  stream: string,
): Promise<StreamCheckpoint | null> {
  const row = await db
    .selectFrom('sync_cursors')
    .select('checkpoint')
    .where('connector', '=', connector)
    .where('stream', '=', stream)
    .executeTakeFirst()
  return row?.checkpoint ?? null
}

export async function saveCursor(
  trx: Transaction<Database>,
  connector: string,
  stream: string,
  checkpoint: StreamCheckpoint,
): Promise<void> {
  if (Object.keys(checkpoint).length === 0) return
  await trx
    .insertInto('sync_cursors')
    .values({ connector, stream, checkpoint: JSON.stringify(checkpoint) })
    .onConflict((oc) =>
      oc.columns(['connector', 'stream']).doUpdateSet({
        checkpoint: JSON.stringify(checkpoint),
        updated_at: new Date(),
      }),
    )
    .execute()
}
