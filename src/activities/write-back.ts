import { quarantineRecords } from '../db/quarantine.js'
import { addToRunStep } from '../db/run-steps.js'
import { meterApiCalls } from './api-call-meter.js'
import { pendingWritesPage, recordWrittenValues } from '../db/pending-writes.js'
import { configError } from '../errors.js'
import type { WriteBackOutput } from '../model/outputs.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'

export interface WriteBackInput {
  runId: string
  connectorId: string
}

export interface WriteBackResult {
  written: number
  failed: number
  apiCalls: number
}

/**
 * Sends changed values to the CRM in batches of the API's maximum. Each successful batch is
 * recorded in written_values before the next is sent, so a retry sends only what is left, and a
 * run with nothing changed makes no API call at all. Records the CRM rejects are quarantined
 * with its error and retried on the next run.
 */
export function writeBackActivities(deps: ActivityDeps) {
  return {
    writeBack: (input: WriteBackInput): Promise<WriteBackResult> =>
      atActivityBoundary(async () => {
        const { connector, ctx } = await configuredConnector(deps, input.connectorId)
        const writeBack = connector.writeBack
        if (!writeBack) throw configError(`${input.connectorId} does not accept write-back`)
        const object = writeBack.object(ctx.config)
        const fieldMap = writeBack.fieldMap(ctx.config) as Partial<Record<WriteBackOutput, string>>
        const step = `writeback:${input.connectorId}`
        const totals: WriteBackResult = { written: 0, failed: 0, apiCalls: 0 }
        let afterId: string | null = null
        for (;;) {
          const pending = await pendingWritesPage(
            deps.db,
            input.connectorId,
            object,
            fieldMap,
            afterId,
            writeBack.maxBatchSize,
          )
          if (pending.length === 0) break
          afterId = pending[pending.length - 1]!.recordId
          const tally = { calls: 0 }
          const outcome = await meterApiCalls(tally, () => writeBack.write(ctx, pending))
          const written = new Set(outcome.written)
          await recordWrittenValues(
            deps.db,
            input.connectorId,
            object,
            input.runId,
            pending.filter((p) => written.has(p.recordId)),
          )
          await quarantineRecords(
            deps.db,
            { runId: input.runId, connector: input.connectorId, stream: `writeback:${object}` },
            outcome.failed.map((f) => ({
              sourceId: f.recordId,
              reason: `${f.code}: ${f.message}`,
              record: pending.find((p) => p.recordId === f.recordId) ?? null,
            })),
          )
          if (outcome.failed.length > 0)
            ctx.log.warn('write-back rejected records', { count: outcome.failed.length })
          await addToRunStep(deps.db, input.runId, step, {
            written: outcome.written.length,
            quarantined: outcome.failed.length,
            apiCalls: tally.calls,
          })
          totals.written += outcome.written.length
          totals.failed += outcome.failed.length
          totals.apiCalls += tally.calls
          heartbeat({ afterId })
        }
        await addToRunStep(deps.db, input.runId, step, {}, true)
        return totals
      }),
  }
}
