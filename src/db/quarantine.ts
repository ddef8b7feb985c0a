import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.js'

export interface QuarantinedRecord {
  sourceId: string | null
  reason: string
  /** The record as it came from (or was meant for) the API, kept whole. */
  record: unknown
}

/**
 * Sets records aside with the reason, so a bad record never stops a run and is never lost:
 * unmappable source records (stream = the stream's name) and unreadable CSM health values. The
 * CRM's refusals of a write are kept apart, with their retry schedule, in write_rejections.
 */
export async function quarantineRecords(
  db: Kysely<Database> | Transaction<Database>,
  where: { runId: string; connector: string; stream: string },
  records: readonly QuarantinedRecord[],
): Promise<void> {
  if (records.length === 0) return
  await db
    .insertInto('quarantined_records')
    .values(
      records.map((r) => ({
        run_id: where.runId,
        connector: where.connector,
        stream: where.stream,
        source_id: r.sourceId,
        reason: r.reason,
        record: JSON.stringify(r.record ?? null),
      })),
    )
    .execute()
}
