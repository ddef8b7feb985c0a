import { sql, type Kysely } from 'kysely'
import type { Database } from './database.js'
import type { FieldValue, PendingWrite, WritePlan } from './pending-writes.js'

/**
 * Stores a page of planned changes for a dry run, each with what the CRM holds there now when
 * the CRM could say (`current`), else the value cs360 last wrote there (null: never written by
 * cs360). Returns how many fields would change.
 */
export async function recordPreview(
  db: Kysely<Database>,
  runId: string,
  plan: WritePlan,
  pending: readonly PendingWrite[],
  current?: ReadonlyMap<string, Record<string, FieldValue>>,
): Promise<number> {
  const rows = pending.flatMap((p) =>
    Object.entries(p.fields).map(([field, value]) => {
      const held = current?.get(p.recordId)
      return {
        run_id: runId,
        connector: plan.connector,
        object: plan.object,
        record_id: p.recordId,
        field,
        new_value: JSON.stringify(value),
        // "known" tells a CRM value of null (empty) from one the CRM was not asked about.
        known: held !== undefined && field in held,
        crm_value: held !== undefined && field in held ? JSON.stringify(held[field]) : null,
      }
    }),
  )
  if (rows.length === 0) return 0
  await sql`
    insert into write_previews (run_id, connector, object, record_id, field, old_value, new_value)
    select p.run_id::uuid, p.connector, p.object, p.record_id, p.field,
      case when p.known then p.crm_value::jsonb else w.value end, p.new_value::jsonb
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as p(run_id text, connector text, object text, record_id text, field text, new_value text,
        known boolean, crm_value text)
    left join written_values w on w.connector = p.connector and w.object = p.object
      and w.record_id = p.record_id and w.field = p.field
    on conflict (run_id, connector, object, record_id, field) do update
      set old_value = excluded.old_value, new_value = excluded.new_value`.execute(db)
  return rows.length
}

export interface PreviewLine {
  connector: string
  object: string
  recordId: string
  name: string | null
  field: string
  oldValue: unknown
  newValue: unknown
}

/** A dry run's planned changes, with each account's name, in record order. */
export async function previewLines(
  db: Kysely<Database>,
  runId: string,
  limit: number,
): Promise<PreviewLine[]> {
  const rows = await db
    .selectFrom('write_previews as p')
    .leftJoin('accounts as a', (join) =>
      join.onRef('a.source', '=', 'p.connector').onRef('a.source_id', '=', 'p.record_id'),
    )
    .select([
      'p.connector',
      'p.object',
      'p.record_id',
      'a.name',
      'p.field',
      'p.old_value',
      'p.new_value',
    ])
    .where('p.run_id', '=', runId)
    .orderBy('p.record_id')
    .orderBy('p.field')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    connector: r.connector,
    object: r.object,
    recordId: r.record_id,
    name: r.name,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
  }))
}
