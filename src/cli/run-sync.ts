import { randomUUID } from 'node:crypto'
import type { WorkflowHandle } from '@temporalio/client'
import type { ActivityDeps } from '../activities/index.js'
import { readEnvironment } from '../config/environment.js'
import { recordRunCancelled } from '../db/sync-runs.js'
import { onInterrupt } from '../runtime/shutdown.js'
import { temporalClient, type TemporalTarget } from '../temporal/connect.js'
import { workflowPollerCount } from '../temporal/task-queue-pollers.js'
import { createWorker } from '../temporal/worker.js'
import type { SyncAllInput, SyncAllResult } from '../workflows/sync-all.js'
import { CliExit, EXIT_INTERRUPTED, EXIT_RUNTIME } from './exit-codes.js'
import { startProgress, type ProgressOptions, type ProgressReporter } from './progress.js'
import { runSampler } from './progress-source.js'

/** How long a cancelled run may take to record itself and stop before it is terminated. */
const CANCEL_GRACE_MS = 15_000
/** How long the in-process worker may take to stop once the workflow is closed. */
const WORKER_STOP_MS = 15_000

/**
 * Runs one syncAll to completion. By default a worker runs in this process on a task queue of
 * its own, so the run uses exactly this command's config and never waits on a worker that
 * Temporal still lists but that is gone. With `useRunningWorker` the workflow goes to the
 * shared task queue for the `cs360 worker` processes to execute, once one is seen polling it.
 *
 * Ctrl-C or SIGTERM cancels the workflow (the workflow records its run `cancelled`), waits for
 * the in-process worker to stop, and ends the command with exit 130: nothing is left running.
 *
 * While it runs, its progress goes to `progressOut` (the command's stdout unless the command
 * keeps stdout for a report; null: none), live on a terminal, every CS360_PROGRESS_SECONDS
 * otherwise; it stops before this returns, so what the command prints next stands alone.
 */
export async function runSyncOnce(
  target: TemporalTarget,
  deps: ActivityDeps,
  input: SyncAllInput,
  useRunningWorker = false,
  progressOut: ProgressOptions['out'] | null = process.stdout,
): Promise<{ workflowId: string; result: SyncAllResult }> {
  const plainEveryMs = readEnvironment().CS360_PROGRESS_SECONDS * 1000
  const client = await temporalClient(target)
  const workflowId = `sync-all:${input.trigger}:${new Date().toISOString()}`
  let starting: Promise<WorkflowHandle> | undefined
  let running: Promise<unknown> | undefined
  let interruption: Promise<void> | undefined
  let progress: ProgressReporter | undefined

  const cancel = async (signal: NodeJS.Signals) => {
    await progress?.stop(false)
    process.stderr.write(`cs360: ${signal}: cancelling sync workflow ${workflowId}\n`)
    const handle = await starting?.catch(() => undefined)
    if (handle) {
      await handle.cancel().catch(() => undefined)
      const settled = await settlesWithin(running, CANCEL_GRACE_MS)
      // Never leave it Running: a workflow whose worker is gone would wait forever.
      const open = await handle.describe().then(
        (d) => d.status.name === 'RUNNING',
        () => !settled,
      )
      if (open) {
        await handle
          .terminate(`interrupted by ${signal}; the cancellation did not finish in time`)
          .catch(() => undefined)
        await settlesWithin(running, WORKER_STOP_MS)
      }
    }
    // The workflow records its run itself; this covers one terminated or stopped before that.
    await recordRunCancelled(deps.db, workflowId, `interrupted by ${signal}`)
  }
  const unhook = onInterrupt((signal) => {
    interruption ??= cancel(signal)
    return interruption.then(() => EXIT_INTERRUPTED)
  })

  try {
    const taskQueue = useRunningWorker
      ? target.taskQueue
      : `${target.taskQueue}-once-${randomUUID()}`
    if (useRunningWorker && (await workflowPollerCount(client, target, taskQueue)) === 0) {
      throw new CliExit(
        EXIT_RUNTIME,
        `no cs360 worker is polling task queue ${taskQueue} (TEMPORAL_TASK_QUEUE) on ` +
          `${target.address}, namespace ${target.namespace}: start one with \`cs360 worker\`, ` +
          'or run `cs360 sync --once` without --use-worker to sync in this process',
      )
    }
    const execute = async () => {
      if (interruption) throw new CliExit(EXIT_INTERRUPTED, 'interrupted before the sync started')
      starting = client.workflow.start('syncAllWorkflow', { taskQueue, workflowId, args: [input] })
      const handle = await starting
      if (progressOut && !interruption)
        progress = startProgress({
          out: progressOut,
          sample: runSampler(handle, deps.db),
          plainEveryMs,
          sharesTerminal: process.stderr,
        })
      return handle.result() as Promise<SyncAllResult>
    }
    if (useRunningWorker) {
      running = execute()
    } else {
      const worker = await createWorker({ ...target, taskQueue }, deps)
      running = worker.runUntil(execute)
    }
    const result = (await running) as SyncAllResult
    await progress?.stop(true)
    return { workflowId, result }
  } catch (error) {
    await progress?.stop(false)
    if (!interruption) throw error
    await interruption
    throw new CliExit(EXIT_INTERRUPTED, `interrupted: sync run cancelled (workflow ${workflowId})`)
  } finally {
    await progress?.stop(false)
    unhook()
    await client.connection.close()
  }
}

/** Whether `promise` settles (either way) within `ms`; an absent promise has nothing to wait for. */
async function settlesWithin(promise: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!promise) return true
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((done) => (timer = setTimeout(() => done(false), ms)))
  const settled = promise.then(
    () => true,
    () => true,
  )
  try {
    return await Promise.race([settled, timeout])
  } finally {
    clearTimeout(timer)
  }
}
