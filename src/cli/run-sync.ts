import { randomUUID } from 'node:crypto'
import type { ActivityDeps } from '../activities/index.js'
import { temporalClient, type TemporalTarget } from '../temporal/connect.js'
import { createWorker } from '../temporal/worker.js'
import type { SyncAllInput, SyncAllResult } from '../workflows/sync-all.js'

/**
 * Runs one syncAll to completion. By default a worker runs in this process on a task queue of
 * its own, so the run uses exactly this command's config and never waits on a worker that
 * Temporal still lists but that is gone. With `useRunningWorker` the workflow goes to the
 * shared task queue for the `cs360 worker` processes to execute.
 */
export async function runSyncOnce(
  target: TemporalTarget,
  deps: ActivityDeps,
  input: SyncAllInput,
  useRunningWorker = false,
): Promise<{ workflowId: string; result: SyncAllResult }> {
  const client = await temporalClient(target)
  try {
    const workflowId = `sync-all:${input.trigger}:${new Date().toISOString()}`
    const taskQueue = useRunningWorker
      ? target.taskQueue
      : `${target.taskQueue}-once-${randomUUID()}`
    const execute = () =>
      client.workflow.execute('syncAllWorkflow', {
        taskQueue,
        workflowId,
        args: [input],
      }) as Promise<SyncAllResult>
    if (useRunningWorker) return { workflowId, result: await execute() }
    const worker = await createWorker({ ...target, taskQueue }, deps)
    return { workflowId, result: await worker.runUntil(execute()) }
  } finally {
    await client.connection.close()
  }
}
