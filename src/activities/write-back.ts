import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import { pendingWritesPage, recordWrittenValues, type WritePlan } from '../db/pending-writes.js'
import { addToRunStep, runStepCounts } from '../db/run-steps.js'
import { recordRejections, rejectedRecords } from '../db/write-rejections.js'
import { recordPreview } from '../db/write-previews.js'
import { configError, rejectedError } from '../errors.js'
import type { WriteBackOutput } from '../model/outputs.js'
import { meterApiCalls } from './api-call-meter.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'
import { heldAlready, isRetryAttempt } from './write-back-resume.js'
import { NOT_SCORED } from './write-back-fields.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

export interface WriteBackInput {
  runId: string
  connectorId: string
}

export interface WriteBackResult {
  written: number
  failed: number
  apiCalls: number
}

export interface PreviewResult {
  records: number
  fields: number
}

/** Above this share of refused records a write-back fails the run instead of passing quietly. */
const MOST_REFUSED = 0.5

/**
 * Sends changed values to the CRM in batches of the API's maximum. What the CRM accepted and
 * refused, and the step's counters, commit together after each batch, so a retry sends only what
 * is left and the run's counts are exactly what the CRM did. A run with nothing changed makes no
 * API call at all. When most records are refused (a mapped field the integration user cannot
 * write, a validation rule on every account) the run fails with the CRM's first errors.
 */
export function writeBackActivities(deps: ActivityDeps) {
  return {
    writeBack: (input: WriteBackInput): Promise<WriteBackResult> =>
      atActivityBoundary(async () => {
        const { connector, ctx } = await configuredConnector(deps, input.connectorId)
        const { writeBack, plan } = writePlan(input.connectorId, connector, ctx)
        const step = runStep.writeBack(input.connectorId)
        const totals: WriteBackResult = { written: 0, failed: 0, apiCalls: 0 }
        let afterId: string | null = null
        let resuming = isRetryAttempt()
        for (;;) {
          const pending = await pendingWritesPage(deps.db, plan, afterId, writeBack.maxBatchSize)
          if (pending.length === 0) break
          afterId = pending[pending.length - 1]!.recordId
          const tally = { calls: 0 }
          const checkFirst = resuming
          resuming = false
          const outcome = await meterApiCalls(tally, async () => {
            const held = checkFirst ? await heldAlready(writeBack, ctx, pending) : new Set<string>()
            const toSend = pending.filter((p) => !held.has(p.recordId))
            const sent =
              toSend.length > 0 ? await writeBack.write(ctx, toSend) : { written: [], failed: [] }
            return { written: [...held, ...sent.written], failed: sent.failed }
          }).catch(async (error: unknown) => {
            // Requests that failed were sent all the same: they count.
            await addToRunStep(deps.db, input.runId, step, { apiCalls: tally.calls })
            throw error
          })
          const written = new Set(outcome.written)
          await deps.db.transaction().execute(async (trx) => {
            await recordWrittenValues(
              trx,
              input.connectorId,
              plan.object,
              input.runId,
              pending.filter((p) => written.has(p.recordId)),
            )
            await recordRejections(
              trx,
              { connector: input.connectorId, object: plan.object, runId: input.runId },
              outcome.failed.map((f) => ({
                ...f,
                fields: pending.find((p) => p.recordId === f.recordId)?.fields ?? {},
              })),
            )
            await addToRunStep(trx, input.runId, step, {
              written: outcome.written.length,
              quarantined: outcome.failed.length,
              apiCalls: tally.calls,
            })
          })
          if (outcome.failed.length > 0)
            ctx.log.warn('the CRM refused records', { count: outcome.failed.length })
          totals.written += outcome.written.length
          totals.failed += outcome.failed.length
          totals.apiCalls += tally.calls
          heartbeat({ afterId })
        }
        await addToRunStep(deps.db, input.runId, step, {}, true)
        await logStepFinished(deps, input.runId, step)
        await failWhenMostRefused(deps, input, plan.object)
        return totals
      }),

    /**
     * A dry run's write-back: the same diff, stored per record and field with what cs360 last
     * wrote there, and not one request to the CRM.
     */
    previewWriteBack: (input: WriteBackInput): Promise<PreviewResult> =>
      atActivityBoundary(async () => {
        const { connector, ctx } = await configuredConnector(deps, input.connectorId)
        const { writeBack, plan } = writePlan(input.connectorId, connector, ctx)
        const result: PreviewResult = { records: 0, fields: 0 }
        const tally = { calls: 0 }
        let afterId: string | null = null
        for (;;) {
          const pending = await pendingWritesPage(deps.db, plan, afterId, writeBack.maxBatchSize)
          if (pending.length === 0) break
          afterId = pending[pending.length - 1]!.recordId
          // "Old" is what the CRM holds now, read (never written) when the CRM can say.
          const current = writeBack.readCurrent
            ? await meterApiCalls(tally, () =>
                writeBack.readCurrent!(
                  ctx,
                  pending.map((p) => p.recordId),
                  [...new Set(pending.flatMap((p) => Object.keys(p.fields)))],
                ),
              )
            : undefined
          result.fields += await recordPreview(deps.db, input.runId, plan, pending, current)
          result.records += pending.length
          heartbeat({ afterId })
        }
        await addToRunStep(
          deps.db,
          input.runId,
          runStep.preview(input.connectorId),
          { written: result.records, apiCalls: tally.calls },
          true,
        )
        await logStepFinished(deps, input.runId, runStep.preview(input.connectorId))
        return result
      }),
  }
}

function writePlan(connectorId: string, connector: AnyConnector, ctx: ConnectorContext<unknown>) {
  const writeBack = connector.writeBack
  if (!writeBack) throw configError(`${connectorId} does not accept write-back`)
  const plan: WritePlan = {
    connector: connectorId,
    object: writeBack.object(ctx.config),
    fieldMap: writeBack.fieldMap(ctx.config) as Partial<Record<WriteBackOutput, string>>,
    unscoredBand: writeBack.whenUnscored?.(ctx.config) === 'mark' ? NOT_SCORED : null,
  }
  return { writeBack, plan }
}

/** The run's own counts, as the database recorded them across every attempt. */
async function failWhenMostRefused(deps: ActivityDeps, input: WriteBackInput, object: string) {
  const counts = await runStepCounts(deps.db, input.runId, `writeback:${input.connectorId}`)
  const refused = counts?.records_quarantined ?? 0
  const attempted = refused + (counts?.records_written ?? 0)
  if (attempted === 0 || refused / attempted <= MOST_REFUSED) return
  const first = await rejectedRecords(deps.db, {
    connector: input.connectorId,
    runId: input.runId,
    limit: 3,
  })
  throw rejectedError(
    `${input.connectorId} refused ${refused} of ${attempted} ${object} records cs360 wrote; first errors: ${first
      .map((r) => `${r.recordId}: ${r.lastError}`)
      .join(
        '; ',
      )}. Fix the field mapping or the CRM's rule, then sync again (all of them: cs360 report rejections)`,
    input.connectorId,
  )
}
