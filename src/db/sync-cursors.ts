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

/**
 * Where a read starts. A read from the beginning (`cs360 sync --full`, a changed
 * interpretation) ignores the saved cursor, but only until its first page commits: the cursor
 * and the run step's page count commit together, so a retried attempt of the same run that
 * finds pages counted resumes after them instead of starting over again.
 */
export async function startingCursor(
  db: Kysely<Database>,
  where: { connector: string; stream: string; runId: string; step: string; fromStart: boolean },
): Promise<StreamCheckpoint | null> {
  if (where.fromStart) {
    const committed = await db
      .selectFrom('sync_run_steps')
      .select('pages')
      .where('run_id', '=', where.runId)
      .where('step', '=', where.step)
      .executeTakeFirst()
    if (!committed || committed.pages === 0) return null
  }
  return loadCursor(db, where.connector, where.stream)
}
