import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database.js'
import type { FieldValue } from './pending-writes.js'

export interface Rejection {
  recordId: string
  code: string
  message: string
  /** The values the CRM refused, by field. */
  fields: Record<string, FieldValue>
}

/**
 * Records what the CRM refused: one row per record and field, however many runs and retries
 * see it, with the attempts, the first and the last error. The same value is held back for an
 * hour after the first refusal, doubling each time up to a week; a new value goes at once.
 */
export async function recordRejections(
  db: Kysely<Database> | Transaction<Database>,
  where: { connector: string; object: string; runId: string },
  rejections: readonly Rejection[],
): Promise<void> {
  const rows = rejections.flatMap((r) =>
    Object.entries(r.fields).map(([field, value]) => ({
      connector: where.connector,
      object: where.object,
      record_id: r.recordId,
      field,
      value: JSON.stringify(value),
      first_error: `${r.code}: ${r.message}`,
      last_error: `${r.code}: ${r.message}`,
      retry_after: sql<Date>`now() + interval '1 hour'`,
      last_run_id: where.runId,
    })),
  )
  if (rows.length === 0) return
  await db
    .insertInto('write_rejections')
    .values(rows as never)
    .onConflict((oc) =>
      oc.columns(['connector', 'object', 'record_id', 'field']).doUpdateSet({
        attempts: sql`case when write_rejections.value = excluded.value
          then write_rejections.attempts + 1 else 1 end`,
        value: sql`excluded.value`,
        last_error: sql`excluded.last_error`,
        last_at: sql`now()`,
        retry_after: sql`now() + least(interval '7 days', interval '1 hour' * power(2, case
          when write_rejections.value = excluded.value then write_rejections.attempts else 0 end))`,
        last_run_id: sql`excluded.last_run_id`,
      } as never),
    )
    .execute()
}

export interface RejectedRecord {
  connector: string
  object: string
  recordId: string
  fields: Record<string, unknown>
  attempts: number
  firstError: string
  lastError: string
  lastAt: Date
  retryAfter: Date
}

/** Refused records, most recent first, one line each (fields folded together). */
export async function rejectedRecords(
  db: Kysely<Database>,
  options: { connector?: string; runId?: string; limit: number },
): Promise<RejectedRecord[]> {
  let query = db
    .selectFrom('write_rejections')
    .select([
      'connector',
      'object',
      'record_id',
      sql<Record<string, unknown>>`jsonb_object_agg(field, value)`.as('fields'),
      sql<number>`max(attempts)`.as('attempts'),
      sql<string>`min(first_error)`.as('first_error'),
      sql<string>`max(last_error)`.as('last_error'),
      sql<Date>`max(last_at)`.as('last_at'),
      sql<Date>`max(retry_after)`.as('retry_after'),
    ])
    .groupBy(['connector', 'object', 'record_id'])
    .orderBy(sql`max(last_at)`, 'desc')
    .orderBy('record_id')
    .limit(options.limit)
  if (options.connector) query = query.where('connector', '=', options.connector)
  if (options.runId) query = query.where('last_run_id', '=', options.runId)
  const rows = await query.execute()
  return rows.map((r) => ({
    connector: r.connector,
    object: r.object,
    recordId: r.record_id,
    fields: r.fields,
    attempts: Number(r.attempts),
    firstError: r.first_error,
    lastError: r.last_error,
    lastAt: r.last_at,
    retryAfter: r.retry_after,
  }))
}
