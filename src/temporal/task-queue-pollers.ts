import type { Client } from '@temporalio/client'
import type { TemporalTarget } from './connect.js'

const DESCRIBE_TIMEOUT_MS = 10_000
/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (the proto package is not a dependency). */
const TASK_QUEUE_TYPE_WORKFLOW = 1

/**
 * How many workers poll `taskQueue` for workflow tasks, as Temporal's DescribeTaskQueue lists
 * them. A handed-off run with none would wait forever without a word.
 */
export async function workflowPollerCount(
  client: Client,
  target: TemporalTarget,
  taskQueue: string,
): Promise<number> {
  const response = await client.connection.withDeadline(Date.now() + DESCRIBE_TIMEOUT_MS, () =>
    client.workflowService.describeTaskQueue({
      namespace: target.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
    }),
  )
  return response.pollers?.length ?? 0
}
