import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow'
import type { Activities } from '../activities/index.js'
import type { ReappliedStream, RunStepCounts } from '../activities/sync-run.js'
import { NON_RETRYABLE_ERROR_TYPES } from '../errors.js'
import { runStep } from '../model/run-steps.js'
import { progressQuery, RunProgress } from './progress.js'

export interface SyncAllInput {
  trigger: string
  /** Day the scores describe; defaults to the workflow's start date (deterministic). */
  asOf?: string
  /** Shorter heartbeat timeout in tests, so a killed worker's activity is retried quickly. */
  heartbeatTimeoutSeconds?: number
  /** Compute everything, store what would be written (write_previews), write nothing. */
  dryRun?: boolean
  /** Read every stream from the beginning (keeping what is stored): of every connector, or of `source`. */
  full?: boolean
  source?: string
}

export interface SyncAllResult {
  runId: string
  asOf: string
  steps: RunStepCounts[]
  scored: number
  bands: Record<string, number>
  /** Support, billing and usage accounts linked to a CRM account, in conflict, or unmatched. */
  identity: { matched: number; conflicts: number; unmatched: number }
  /** Plays open after the run, those it raised and those it closed (their condition cleared). */
  plays: { open: number; raised: number; closed: number }
  /** Accounts written and refused, as the database recorded them across every attempt. */
  written: number
  writeFailures: number
  /** A dry run: the accounts and fields that would change; nothing was written. */
  preview?: { records: number; fields: number }
  /** Streams re-read from the beginning because settings that decide how they map changed. */
  reapplied: ReappliedStream[]
}

/**
 * One full sync: extract every configured stream (connectors in parallel, each connector's
 * streams in dependency order), resolve every source record to one CRM account, score the
 * customer-360, write changed values back to the CRM.
 * Payloads carry ids and counts only; records stay in Postgres.
 */
export async function syncAllWorkflow(input: SyncAllInput): Promise<SyncAllResult> {
  const heartbeatTimeout = `${input.heartbeatTimeoutSeconds ?? 60} seconds`
  const retry = { nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES, maximumInterval: '2 minutes' }
  const bookkeeping = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { ...retry, maximumAttempts: 10 },
  })
  const io = proxyActivities<Activities>({
    startToCloseTimeout: '2 hours',
    heartbeatTimeout,
    retry: { ...retry, initialInterval: '1 second', maximumAttempts: 20 },
  })

  const runId = uuid4()
  const asOf = input.asOf ?? new Date(workflowInfo().startTime).toISOString().slice(0, 10)
  const progress = new RunProgress(runId, input.trigger)
  setHandler(progressQuery, () => progress.snapshot())
  try {
    const plan = await bookkeeping.startSyncRun({
      runId,
      workflowId: workflowInfo().workflowId,
      trigger: input.trigger,
      full: input.full,
      source: input.source,
    })
    const byConnector = new Map<string, (typeof plan.extract)[number][]>()
    for (const step of plan.extract) {
      byConnector.set(step.connectorId, [...(byConnector.get(step.connectorId) ?? []), step])
    }
    progress.plan([
      ...plan.extract.map((e) => runStep.extract(e.connectorId, e.stream)),
      ...plan.reconcile.map(runStep.reconcile),
      ...plan.crms.flatMap((crm) => [
        runStep.identity(crm),
        runStep.compute(crm),
        runStep.plays(crm),
        runStep.metrics(crm),
      ]),
      ...plan.writeBack.map(input.dryRun ? runStep.preview : runStep.writeBack),
    ])
    progress.enter('extracting')
    await Promise.all(
      [...byConnector.values()].map(async (steps) => {
        for (const step of steps)
          await progress.track(
            runStep.extract(step.connectorId, step.stream),
            () => io.extractStream({ runId, ...step }),
            (extracted) => ({ rateLimitWaits: extracted.rateLimitWaits }),
          )
      }),
    )
    progress.enter('reconciling')
    for (const connectorId of plan.reconcile)
      await progress.track(runStep.reconcile(connectorId), () =>
        io.reconcileLiveIds({
          runId,
          connectorId,
          ...(plan.readWhole.includes(connectorId) ? { whateverTheCadence: true } : {}),
        }),
      )
    progress.enter('scoring')
    const identity = { matched: 0, conflicts: 0, unmatched: 0 }
    let scored = 0
    const bands: Record<string, number> = {}
    const plays = { open: 0, raised: 0, closed: 0 }
    for (const crm of plan.crms) {
      const links = await progress.track(runStep.identity(crm), () =>
        io.resolveIdentities({ runId, crm }),
      )
      identity.matched += links.matched
      identity.conflicts += links.conflicts
      identity.unmatched += links.unmatched
      const result = await progress.track(runStep.compute(crm), () =>
        io.computeScores({ runId, crm, asOf }),
      )
      scored += result.scored
      for (const [band, count] of Object.entries(result.bands))
        bands[band] = (bands[band] ?? 0) + count
      const refreshed = await progress.track(runStep.plays(crm), () =>
        io.refreshPlays({ runId, crm, asOf }),
      )
      plays.raised += refreshed.raised
      plays.open += refreshed.raised + refreshed.kept
      plays.closed += refreshed.closed
      await progress.track(runStep.metrics(crm), () => io.refreshMetrics({ runId, crm, asOf }))
    }
    let preview: SyncAllResult['preview']
    progress.enter(input.dryRun ? 'previewing' : 'writing back')
    for (const connectorId of plan.writeBack) {
      if (input.dryRun) {
        const planned = await progress.track(runStep.preview(connectorId), () =>
          io.previewWriteBack({ runId, connectorId }),
        )
        preview = {
          records: (preview?.records ?? 0) + planned.records,
          fields: (preview?.fields ?? 0) + planned.fields,
        }
      } else
        await progress.track(runStep.writeBack(connectorId), () =>
          io.writeBack({ runId, connectorId }),
        )
    }
    progress.enter('finishing')
    const steps = await bookkeeping.finishSyncRun({ runId, status: 'succeeded' })
    // Counts come from what the database recorded, never from one attempt's return value.
    const writeSteps = steps.filter((s) => s.step.startsWith('writeback:'))
    const written = writeSteps.reduce((sum, s) => sum + s.recordsWritten, 0)
    const writeFailures = writeSteps.reduce((sum, s) => sum + s.recordsQuarantined, 0)
    progress.enter('succeeded')
    return {
      runId,
      asOf,
      steps,
      scored,
      bands,
      identity,
      plays,
      written,
      writeFailures,
      preview,
      reapplied: plan.reapplied,
    }
  } catch (error) {
    if (isCancellation(error)) {
      // The operator stopped the run (Ctrl-C): record it, in a scope the cancellation does not
      // reach, and end the workflow as cancelled rather than failed.
      progress.enter('cancelled')
      await CancellationScope.nonCancellable(() =>
        bookkeeping.finishSyncRun({
          runId,
          status: 'cancelled',
          error: 'cancelled by its operator',
        }),
      )
      throw error
    }
    const message = error instanceof Error ? rootMessage(error) : String(error)
    progress.enter('failed')
    await bookkeeping.finishSyncRun({ runId, status: 'failed', error: message })
    // Keep the cause chain: callers tell a credentials problem (AuthError) from an outage by it.
    throw ApplicationFailure.create({
      type: 'SyncFailed',
      message: `sync run ${runId} failed: ${message}`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    })
  }
}

function rootMessage(error: Error): string {
  let current: Error = error
  while (current.cause instanceof Error) current = current.cause
  return current.message
}
