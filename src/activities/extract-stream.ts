import { loadRows } from '../db/load-rows.js'
import { quarantineRecords, type QuarantinedRecord } from '../db/quarantine.js'
import { addToRunStep, runStepCounts } from '../db/run-steps.js'
import { saveFingerprint } from '../db/stream-fingerprints.js'
import { saveCursor, startingCursor } from '../db/sync-cursors.js'
import type { TargetRow } from '../db/load-target.js'
import { interpretationFingerprint } from '../connectors/interpretation.js'
import { waitFor } from '../connectors/wait.js'
import { configError } from '../errors.js'
import { runStep } from '../model/run-steps.js'
import { meterApiCalls } from './api-call-meter.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat, previousHeartbeat } from './heartbeat.js'
import { logStepFinished } from './run-log.js'

export interface ExtractInput {
  runId: string
  connectorId: string
  stream: string
  /** Read from the beginning, not from the saved cursor (`--full`, a changed interpretation). */
  fromStart?: boolean
}

export interface ExtractResult {
  pages: number
  read: number
  upserted: number
  deleted: number
  quarantined: number
  apiCalls: number
  /** Rate-limit and pacing waits, this attempt's and its predecessors' (from their heartbeats). */
  rateLimitWaits: number
}

/**
 * Pages through one stream from its saved cursor and hands each mapped page to the loader. A
 * page's rows, quarantined records, cursor and counters commit in one transaction, so a retried
 * attempt (worker killed, API down) resumes after the last committed page and the counts equal
 * an uninterrupted run's. API calls are the requests actually sent while reading the page.
 * Waits for rate limits are counted in the heartbeat, which a retried attempt carries on from.
 */
export function extractActivities(deps: ActivityDeps) {
  return {
    extractStream: (input: ExtractInput): Promise<ExtractResult> =>
      atActivityBoundary(async () => {
        const configured = await configuredConnector(deps, input.connectorId)
        const stream = configured.connector.streams.find((s) => s.name === input.stream)
        if (!stream) throw configError(`${input.connectorId} has no stream ${input.stream}`)
        const step = runStep.extract(input.connectorId, input.stream)
        const waits = { count: Number(previousHeartbeat()?.rateLimitWaits) || 0, committed: 0 }
        // An earlier attempt committed its own waits with its pages.
        waits.committed = waits.count
        const newWaits = () => {
          const fresh = waits.count - waits.committed
          waits.committed = waits.count
          return fresh
        }
        // Records the step will have read in all, once a page says how many this read holds.
        let expected: number | undefined
        const beat = (details: Record<string, unknown>) =>
          heartbeat({ step, ...details, rateLimitWaits: waits.count, expected })
        const waitOut = waitFor(configured.ctx.log, beat)
        const ctx = {
          ...configured.ctx,
          wait: (ms: number, reason: string) => {
            if (ms > 0) waits.count += 1
            return waitOut(ms, reason)
          },
        }
        const where = { runId: input.runId, connector: input.connectorId, stream: input.stream }
        const totals: ExtractResult = {
          pages: 0,
          read: 0,
          upserted: 0,
          deleted: 0,
          quarantined: 0,
          apiCalls: 0,
          rateLimitWaits: 0,
        }
        const tally = { calls: 0 }
        let counted = 0
        const uncounted = () => tally.calls - counted
        await meterApiCalls(tally, async () => {
          const from = await startingCursor(deps.db, {
            connector: input.connectorId,
            stream: input.stream,
            runId: input.runId,
            step,
            fromStart: input.fromStart ?? false,
          })
          // What earlier attempts of this run committed: this read continues after them.
          const readBefore = (await runStepCounts(deps.db, input.runId, step))?.records_read ?? 0
          for await (const page of stream.read(ctx, from)) {
            if (expected === undefined && page.total !== undefined)
              expected = readBefore + page.total
            const rows: TargetRow[] = []
            const rejected: QuarantinedRecord[] = []
            for (const raw of page.records) {
              const mapped = stream.map(raw, ctx, page)
              if (mapped.ok) rows.push(...mapped.rows)
              else rejected.push({ sourceId: mapped.sourceId, reason: mapped.reason, record: raw })
            }
            const apiCalls = tally.calls - counted
            counted = tally.calls
            await deps.db.transaction().execute(async (trx) => {
              const loaded = await loadRows(trx, stream.targets, rows)
              await quarantineRecords(trx, where, rejected)
              await saveCursor(trx, input.connectorId, input.stream, page.checkpoint)
              await addToRunStep(trx, input.runId, step, {
                read: page.records.length,
                upserted: loaded.upserted - loaded.deleted,
                deleted: loaded.deleted,
                quarantined: rejected.length,
                apiCalls,
                pages: 1,
                rateLimitWaits: newWaits(),
              })
              totals.upserted += loaded.upserted - loaded.deleted
              totals.deleted += loaded.deleted
            })
            totals.pages += 1
            totals.read += page.records.length
            totals.quarantined += rejected.length
            totals.apiCalls += apiCalls
            if (rejected.length > 0) {
              ctx.log.warn('records quarantined', { stream: input.stream, count: rejected.length })
            }
            beat({ checkpoint: page.checkpoint, pages: totals.pages })
          }
        }).catch(async (error: unknown) => {
          // The requests of a failed attempt (a 401, a 5xx, a dropped connection) were sent:
          // they count against the API's allowance and in the run's numbers.
          await addToRunStep(deps.db, input.runId, step, {
            apiCalls: uncounted(),
            rateLimitWaits: newWaits(),
          })
          throw error
        })
        // Calls after the last page (a final empty check) still count.
        totals.apiCalls += uncounted()
        await addToRunStep(
          deps.db,
          input.runId,
          step,
          { apiCalls: uncounted(), rateLimitWaits: newWaits() },
          true,
        )
        // Read to the end: every record it holds now follows the config's current reading.
        if (stream.interpretation)
          await saveFingerprint(
            deps.db,
            input.connectorId,
            input.stream,
            interpretationFingerprint(stream.interpretation(ctx.config)),
          )
        totals.rateLimitWaits = waits.count
        await logStepFinished(deps, input.runId, step, { rateLimitWaits: waits.count })
        return totals
      }),
  }
}
