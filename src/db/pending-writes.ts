import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { WriteBackOutput } from '../model/outputs.js'
import type { Database } from './database.js'

export type FieldValue = string | number | boolean | null

/** How each write-back output reads from account_scores, as a JSON value. */
const OUTPUT_VALUE: Record<WriteBackOutput, RawBuilder<unknown>> = {
  healthScore: sql`to_jsonb(s.health_score::float8)`,
  healthBand: sql`to_jsonb(s.health_band)`,
  arr: sql`to_jsonb(s.arr::float8)`,
  nextRenewalDate: sql`to_jsonb(to_char(s.next_renewal_date, 'YYYY-MM-DD'))`,
}

export interface PendingWrite {
  recordId: string
  /** Only the fields whose desired value differs from what cs360 last wrote. */
  fields: Record<string, FieldValue>
}

/**
 * The diff before the write: accounts whose mapped values differ from the last successful write,
 * found in one query (desired jsonb not contained in written jsonb), a page at a time.
 */
export async function pendingWritesPage(
  db: Kysely<Database>,
  connector: string,
  object: string,
  fieldMap: Partial<Record<WriteBackOutput, string>>,
  afterId: string | null,
  limit: number,
): Promise<PendingWrite[]> {
  const pairs = Object.entries(fieldMap) as [WriteBackOutput, string][]
  if (pairs.length === 0) return []
  const desired = sql`jsonb_build_object(${sql.join(
    pairs.map(([output, field]) => sql`${field}::text, ${OUTPUT_VALUE[output]}`),
  )})`
  const result = await sql<{
    record_id: string
    desired: Record<string, FieldValue>
    written: Record<string, FieldValue> | null
  }>`
    select s.source_id as record_id, ${desired} as desired, w.written
    from account_scores s
    join accounts a on a.source = s.source and a.source_id = s.source_id and a.deleted_at is null
    left join lateral (
      select jsonb_object_agg(field, value) as written from written_values
      where connector = ${connector} and object = ${object} and record_id = s.source_id
    ) w on true
    where s.source = ${connector}
      and not (${desired} <@ coalesce(w.written, '{}'::jsonb))
      and (${afterId}::text is null or s.source_id > ${afterId})
    order by s.source_id
    limit ${limit}
  `.execute(db)
  return result.rows.map((row) => {
    const written = row.written ?? {}
    const fields = Object.fromEntries(
      Object.entries(row.desired).filter(
        ([field, value]) =>
          !(field in written) || JSON.stringify(written[field]) !== JSON.stringify(value),
      ),
    )
    return { recordId: row.record_id, fields }
  })
}

export async function recordWrittenValues(
  db: Kysely<Database>,
  connector: string,
  object: string,
  runId: string,
  writes: PendingWrite[],
): Promise<void> {
  const rows = writes.flatMap((w) =>
    Object.entries(w.fields).map(([field, value]) => ({
      connector,
      object,
      record_id: w.recordId,
      field,
      value: JSON.stringify(value),
      run_id: runId,
    })),
  )
  if (rows.length === 0) return
  await db
    .insertInto('written_values')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['connector', 'object', 'record_id', 'field']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        run_id: eb.ref('excluded.run_id'),
        written_at: sql`now()`,
      })),
    )
    .execute()
}
