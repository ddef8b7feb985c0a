import { fileURLToPath } from 'node:url'
import {
  DefaultLogger,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundle,
} from '@temporalio/worker'
import { createActivities, type ActivityDeps } from '../activities/index.js'
import { workerConnection, type TemporalTarget } from './connect.js'

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url))

let bundle: Promise<WorkflowBundle> | undefined

/** Bundles the workflow code once per process (webpack takes seconds; tests share it). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger })
  return bundle
}

let runtimeInstalled = false
let sdkLogsShown = false

/**
 * Lets the Temporal SDK's own log (activity failures with their stacks, core warnings, webpack's
 * warnings about the workflow bundle) reach stderr: `cs360 --verbose`. Without it a failed run
 * prints only cs360's one line with the cause; the failures stay in the workflow's history.
 * Call before the first worker is created.
 */
export function showSdkLogs(): void {
  sdkLogsShown = true
}

export async function createWorker(target: TemporalTarget, deps: ActivityDeps): Promise<Worker> {
  if (!runtimeInstalled) {
    // The SDK logs every worker state change at INFO, and each failed activity attempt at WARN
    // with its stack; cs360 reports what matters itself. Nor does the SDK stop workers on
    // SIGINT/SIGTERM: cs360 does (src/runtime/shutdown.ts), after cancelling the run's
    // workflow, which needs its in-process worker running to record the cancellation.
    Runtime.install({
      logger: sdkLogsShown
        ? new DefaultLogger('WARN')
        : new DefaultLogger('ERROR', () => undefined),
      shutdownSignals: [],
    })
    runtimeInstalled = true
  }
  return Worker.create({
    connection: await workerConnection(target),
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(deps),
    // Activities page through APIs and Postgres; a few at once keeps a small machine responsive.
    maxConcurrentActivityTaskExecutions: 8,
    // Heartbeats carry an extract's rate-limit waits to the progress display: a few seconds
    // old at most, rather than up to 80% of the heartbeat timeout.
    maxHeartbeatThrottleInterval: '2 seconds',
  })
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => {
    if (sdkLogsShown) process.stderr.write(`workflow bundle: ${message}\n`)
  },
  // The command then fails with only "Webpack finished with errors": these lines say why.
  error: (message: string) => process.stderr.write(`workflow bundle: ${message}\n`),
}
