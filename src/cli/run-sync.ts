import proto from '@temporalio/proto'
import type { ActivityDeps } from '../activities/index.js'
import { temporalClient, type TemporalTarget } from '../temporal/connect.js'
import { createWorker } from '../temporal/worker.js'
import type { SyncAllInput, SyncAllResult } from '../workflows/sync-all.js'

/**
 * Runs one syncAll to completion. When no worker polls the task queue (no `cs360 worker`
 * running), one runs in this process for the duration of the workflow.
 */
export async function runSyncOnce(
  target: TemporalTarget,
  deps: ActivityDeps,
  input: SyncAllInput,
): Promise<{ workflowId: string; result: SyncAllResult; inProcessWorker: boolean }> {
  const client = await temporalClient(target)
  try {
    const workflowId = `sync-all:${input.trigger}:${new Date().toISOString()}`
    const execute = () =>
      client.workflow.execute('syncAllWorkflow', {
        taskQueue: target.taskQueue,
        workflowId,
        args: [input],
      }) as Promise<SyncAllResult>
    if (await hasWorker(client, target)) {
      return { workflowId, result: await execute(), inProcessWorker: false }
    }
    const worker = await createWorker(target, deps)
    const result = await worker.runUntil(execute())
    return { workflowId, result, inProcessWorker: true }
  } finally {
    await client.connection.close()
  }
}

async function hasWorker(
  client: Awaited<ReturnType<typeof temporalClient>>,
  target: TemporalTarget,
): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: target.namespace,
    taskQueue: { name: target.taskQueue },
    taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
  })
  return (response.pollers?.length ?? 0) > 0
}
