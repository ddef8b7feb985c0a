import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import { addToRunStep } from '../db/run-steps.js'
import { loadCursor, saveCursor } from '../db/sync-cursors.js'
import { configError } from '../errors.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'

export interface ExtractInput {
  runId: string
  connectorId: string
  stream: string
}

export interface ExtractResult {
  pages: number
  read: number
  upserted: number
  deleted: number
  quarantined: number
}

/**
 * Pages through one stream from its saved cursor. Each page's rows, quarantined records, cursor
 * and counters commit in one transaction, so a retried attempt (worker killed, API down) resumes
 * after the last committed page and the counts equal an uninterrupted run's.
 */
export function extractActivities(deps: ActivityDeps) {
  return {
    extractStream: (input: ExtractInput): Promise<ExtractResult> =>
      atActivityBoundary(async () => {
        const { connector, ctx } = configuredConnector(deps, input.connectorId)
        const stream = connector.streams.find((s) => s.name === input.stream)
        if (!stream) throw configError(`${input.connectorId} has no stream ${input.stream}`)
        const step = `extract:${input.connectorId}:${input.stream}`
        const totals: ExtractResult = { pages: 0, read: 0, upserted: 0, deleted: 0, quarantined: 0 }
        const from = await loadCursor(deps.db, input.connectorId, input.stream)
        for await (const page of stream.read(ctx, from)) {
          const mapped = page.records.map((raw) => ({ raw, result: stream.map(raw, ctx) }))
          const rows = mapped.flatMap((m) => (m.result.ok ? [m.result.row] : []))
          const rejected = mapped.flatMap((m) => (m.result.ok ? [] : [{ raw: m.raw, ...m.result }]))
          await deps.db.transaction().execute(async (trx) => {
            const loaded = await stream.load(trx, rows, input.connectorId)
            await quarantine(trx, input, rejected)
            await saveCursor(trx, input.connectorId, input.stream, page.checkpoint)
            await addToRunStep(trx, input.runId, step, {
              read: page.records.length,
              upserted: loaded.upserted,
              deleted: loaded.deleted,
              quarantined: rejected.length,
              apiCalls: 1,
            })
            totals.upserted += loaded.upserted
            totals.deleted += loaded.deleted
          })
          totals.pages += 1
          totals.read += page.records.length
          totals.quarantined += rejected.length
          if (rejected.length > 0) {
            ctx.log.warn('records quarantined', { stream: input.stream, count: rejected.length })
          }
          heartbeat({ checkpoint: page.checkpoint, pages: totals.pages })
        }
        await addToRunStep(deps.db, input.runId, step, {}, true)
        return totals
      }),
  }
}

async function quarantine(
  trx: Transaction<Database>,
  input: ExtractInput,
  rejected: { raw: unknown; sourceId: string | null; reason: string }[],
): Promise<void> {
  if (rejected.length === 0) return
  await trx
    .insertInto('quarantined_records')
    .values(
      rejected.map((r) => ({
        run_id: input.runId,
        connector: input.connectorId,
        stream: input.stream,
        source_id: r.sourceId,
        reason: r.reason,
        record: JSON.stringify(r.raw),
      })),
    )
    .execute()
}
