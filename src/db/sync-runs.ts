import { sql, type Kysely } from 'kysely'
import type { Database, SyncRunStatus, SyncRunStep } from './database.js'

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
  status: Exclude<SyncRunStatus, 'running'>,
  error: string | null,
): Promise<SyncRunStep[]> {
  await db
    .updateTable('sync_runs')
    .set({ status, finished_at: sql<Date>`now()`, error })
    .where('id', '=', runId)
    .execute()
  return runSteps(db, runId)
}

/** A run's steps in the order they started. */
export function runSteps(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom('sync_run_steps')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('started_at')
    .orderBy('step')
    .execute()
}

/**
 * Marks a workflow's run cancelled if it is still recorded as running: the CLI calls it after an
 * interrupted run's workflow closed, in case the workflow could not record it itself (it was
 * terminated, or cancelled before its first activity). Returns how many rows it closed.
 */
export async function recordRunCancelled(
  db: Kysely<Database>,
  workflowId: string,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('sync_runs')
    .set({ status: 'cancelled', finished_at: sql<Date>`now()`, error: reason })
    .where('workflow_id', '=', workflowId)
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
