import { runStepCounts } from '../db/run-steps.js'
import type { ActivityDeps } from './deps.js'

/**
 * Logs a finished step with the counts the database recorded across all its attempts, so the
 * worker's output tells what each run did without a look at Postgres.
 */
export async function logStepFinished(
  deps: Pick<ActivityDeps, 'db' | 'log'>,
  runId: string,
  step: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const counts = await runStepCounts(deps.db, runId, step)
  deps.log.info('step finished', {
    run: runId,
    step,
    read: counts?.records_read ?? 0,
    upserted: counts?.records_upserted ?? 0,
    deleted: counts?.records_deleted ?? 0,
    quarantined: counts?.records_quarantined ?? 0,
    written: counts?.records_written ?? 0,
    pages: counts?.pages ?? 0,
    apiCalls: counts?.api_calls ?? 0,
    ...extra,
  })
}
