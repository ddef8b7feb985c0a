import { sql, type Kysely } from 'kysely'
import type { Database, SyncRunStep } from './database.js'

/** Records a run; a retried start (same id, chosen by the workflow) changes nothing. */
export async function recordRunStart(
  db: Kysely<Database>,
  run: { id: string; workflowId: string; trigger: string },
): Promise<void> {
  await db
    .insertInto('sync_runs')
    .values({ id: run.id, workflow_id: run.workflowId, trigger: run.trigger, status: 'running' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/** Closes a run and returns its steps in the order they started. */
export async function recordRunEnd(
  db: Kysely<Database>,
  runId: string,
  status: 'succeeded' | 'failed',
  error: string | null,
): Promise<SyncRunStep[]> {
  await db
    .updateTable('sync_runs')
    .set({ status, finished_at: sql<Date>`now()`, error })
    .where('id', '=', runId)
    .execute()
  return db
    .selectFrom('sync_run_steps')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('started_at')
    .orderBy('step')
    .execute()
}
