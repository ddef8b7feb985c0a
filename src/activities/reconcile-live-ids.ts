import { lastLiveIdCheck, liveCount, recordLiveIdCheck, retireUnlisted } from '../db/live-ids.js'
import { replaceRunStep } from '../db/run-steps.js'
import { meterApiCalls } from './api-call-meter.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

export interface ReconcileInput {
  runId: string
  connectorId: string
  /** After a full re-read, the moment to notice records gone upstream: check now. */
  whateverTheCadence?: boolean
}

export interface ReconcileResult {
  checked: string[]
  retired: number
}

/**
 * Finds records purged at the source, which no incremental read reports: on the configured
 * cadence, each stream's live count at the source is compared with the customer-360's; only
 * when they differ are the ids listed, and every record the source no longer lists is retired
 * (marked deleted, so it is no longer scored or written to).
 */
export function reconcileActivities(deps: ActivityDeps) {
  return {
    reconcileLiveIds: (input: ReconcileInput): Promise<ReconcileResult> =>
      atActivityBoundary(async () => {
        const { connector, ctx } = await configuredConnector(deps, input.connectorId)
        const result: ReconcileResult = { checked: [], retired: 0 }
        const tally = { calls: 0 }
        for (const [streamName, live] of Object.entries(connector.liveIds ?? {})) {
          const last = await lastLiveIdCheck(deps.db, input.connectorId, streamName)
          const due = deps.config.schedule.reconcileEvery
          if (!input.whateverTheCadence && last && Date.now() - last.checked_at.getTime() < due)
            continue
          const stream = connector.streams.find((s) => s.name === streamName)
          const table = stream?.targets[0]?.table
          if (!table) continue
          const sourceCount = await meterApiCalls(tally, () => live.count(ctx))
          const storedCount = await liveCount(deps.db, table as never, input.connectorId)
          const retired =
            sourceCount === storedCount
              ? 0
              : await meterApiCalls(tally, () =>
                  retireUnlisted(deps.db, table as never, input.connectorId, live.ids(ctx)),
                )
          await recordLiveIdCheck(deps.db, {
            connector: input.connectorId,
            stream: streamName,
            sourceCount,
            storedCount,
            retired,
          })
          if (retired > 0)
            ctx.log.warn('records purged at the source retired', { stream: streamName, retired })
          result.checked.push(streamName)
          result.retired += retired
          heartbeat({ stream: streamName })
        }
        if (result.checked.length > 0)
          await replaceRunStep(deps.db, input.runId, runStep.reconcile(input.connectorId), {
            deleted: result.retired,
            apiCalls: tally.calls,
          })
        await logStepFinished(deps, input.runId, runStep.reconcile(input.connectorId))
        return result
      }),
  }
}
