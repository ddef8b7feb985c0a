import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { WriteBackOutput } from '../model/outputs.js'
import type { Database } from './database.js'
import { priorityRank } from './plays/priority-rank.js'

export type FieldValue = string | number | boolean | null

/** How each write-back output reads from account_scores (`s`), as a JSON value. */
const OUTPUT_VALUE: Record<WriteBackOutput, RawBuilder<unknown>> = {
  healthScore: sql`to_jsonb(s.health_score::float8)`,
  healthBand: sql`to_jsonb(s.health_band)`,
  arr: sql`to_jsonb(s.arr::float8)`,
  nextRenewalDate: sql`to_jsonb(to_char(s.next_renewal_date, 'YYYY-MM-DD'))`,
  healthStatus: sql`to_jsonb(s.health_status)`,
  renewalForecastArr: sql`to_jsonb(s.renewal_forecast_arr::float8)`,
  expansionPipelineArr: sql`coalesce((select to_jsonb(e.weighted_arr::float8)
    from account_expansion_pipeline e where e.crm = s.source and e.account_id = s.source_id),
    to_jsonb(0::float8))`,
  renewalRisk: sql`to_jsonb(case s.renewal_at_risk when true then 'At risk'
    when false then 'On track' end)`,
  healthTrend: sql`to_jsonb(s.health_trend_30d::float8)`,
  // Text fields hold 255 characters in most CRMs: the drivers are cut there.
  healthDrivers: sql`to_jsonb(left(nullif(array_to_string(array(
    select jsonb_array_elements_text(s.drivers)), '; '), ''), 255))`,
  segmentTier: sql`to_jsonb(s.segment_tier)`,
  lifecycleStage: sql`to_jsonb(s.lifecycle_stage)`,
  nextPlay: sql`(select to_jsonb(left(p.action || ': ' || p.reason, 255)) from plays p
    where p.crm = s.source and p.account_id = s.source_id and p.status = 'open'
    order by ${priorityRank(sql.ref('p.priority'))}, p.due_date, p.id limit 1)`,
  nextPlayPriority: sql`(select to_jsonb(p.priority) from plays p
    where p.crm = s.source and p.account_id = s.source_id and p.status = 'open'
    order by ${priorityRank(sql.ref('p.priority'))}, p.due_date, p.id limit 1)`,
  configVersion: sql`to_jsonb(s.config_version)`,
  computedAt: sql`to_jsonb(to_char(s.computed_at, 'YYYY-MM-DD'))`,
}

export interface PendingWrite {
  recordId: string
  /** Only the fields whose desired value differs from what cs360 last wrote. */
  fields: Record<string, FieldValue>
}

export interface WritePlan {
  connector: string
  object: string
  fieldMap: Partial<Record<WriteBackOutput, string>>
  /** The value the band field gets on an account cs360 no longer scores; null clears it. */
  unscoredBand: string | null
}

/**
 * What each account should carry, field by field: its scores' values for a scored account; for
 * one cs360 wrote to but no longer scores (churned, contract removed), null — or the "not
 * scored" mark in the band — so nothing stale stays in the CRM. Deleted accounts get nothing.
 */
function desiredValues(crm: string, plan: WritePlan): RawBuilder<unknown> {
  const pairs = Object.entries(plan.fieldMap) as [WriteBackOutput, string][]
  const fields = sql.join(pairs.map(([output, field]) => sql`(${output}::text, ${field}::text)`))
  const valueOf = sql.join(
    pairs.map(([output]) => {
      const unscored =
        output === 'healthBand' && plan.unscoredBand !== null
          ? sql`to_jsonb(${plan.unscoredBand}::text)`
          : sql`'null'::jsonb`
      return sql`when ${output} then case when s.source_id is null then ${unscored} else ${OUTPUT_VALUE[output]} end`
    }),
    sql` `,
  )
  return sql`
    select a.source_id as record_id, f.field,
      case f.output ${valueOf} end as value
    from accounts a
    left join account_scores s on s.source = a.source and s.source_id = a.source_id
    cross join (values ${fields}) as f(output, field)
    where a.source = ${crm} and a.deleted_at is null
      and (s.source_id is not null or exists (
        select 1 from written_values w
        where w.connector = ${plan.connector} and w.object = ${plan.object}
          and w.record_id = a.source_id))`
}

/**
 * The diff before the write: per account, the mapped fields whose desired value differs from
 * what cs360 last wrote, a page at a time in id order. A value the CRM refused is held back
 * until it changes or its backoff has passed, so a poisoned record is not re-sent every run.
 */
export async function pendingWritesPage(
  db: Kysely<Database>,
  plan: WritePlan,
  afterId: string | null,
  limit: number,
): Promise<PendingWrite[]> {
  if (Object.keys(plan.fieldMap).length === 0) return []
  const result = await sql<{ record_id: string; fields: Record<string, FieldValue> }>`
    with desired as (${desiredValues(plan.connector, plan)})
    select d.record_id, jsonb_object_agg(d.field, d.value) as fields
    from desired d
    left join written_values w
      on w.connector = ${plan.connector} and w.object = ${plan.object}
      and w.record_id = d.record_id and w.field = d.field
    where (case when w.value is null then d.value <> 'null'::jsonb
                else w.value is distinct from d.value end)
      and not exists (
        select 1 from write_rejections r
        where r.connector = ${plan.connector} and r.object = ${plan.object}
          and r.record_id = d.record_id and r.field = d.field
          and r.value = d.value and r.retry_after > now())
      and (${afterId}::text is null or d.record_id > ${afterId})
    group by d.record_id
    order by d.record_id
    limit ${limit}
  `.execute(db)
  return result.rows.map((row) => ({ recordId: row.record_id, fields: row.fields }))
}

/** Records what the CRM accepted, in the caller's transaction (with the step's counters). */
export async function recordWrittenValues(
  trx: Transaction<Database>,
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
  await trx
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
  // What was written is no longer refused.
  await trx
    .deleteFrom('write_rejections')
    .where('connector', '=', connector)
    .where('object', '=', object)
    .where(
      'record_id',
      'in',
      writes.map((w) => w.recordId),
    )
    .execute()
}
