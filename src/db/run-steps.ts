import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './database.js'

export interface StepIncrement {
  read?: number
  upserted?: number
  deleted?: number
  quarantined?: number
  written?: number
  apiCalls?: number
  pages?: number
  rateLimitWaits?: number
}

/**
 * Adds to a run step's counters. Called in the same transaction as the data it counts, so a
 * retried activity resumes with counters that match what is committed, never double-counts.
 */
export async function addToRunStep(
  db: Kysely<Database> | Transaction<Database>,
  runId: string,
  step: string,
  add: StepIncrement,
  finished = false,
): Promise<void> {
  const values = {
    run_id: runId,
    step,
    records_read: add.read ?? 0,
    records_upserted: add.upserted ?? 0,
    records_deleted: add.deleted ?? 0,
    records_quarantined: add.quarantined ?? 0,
    records_written: add.written ?? 0,
    api_calls: add.apiCalls ?? 0,
    pages: add.pages ?? 0,
    rate_limit_waits: add.rateLimitWaits ?? 0,
    finished_at: finished ? new Date() : null,
  }
  await db
    .insertInto('sync_run_steps')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['run_id', 'step']).doUpdateSet((eb) => ({
        records_read: eb('sync_run_steps.records_read', '+', eb.ref('excluded.records_read')),
        records_upserted: eb(
          'sync_run_steps.records_upserted',
          '+',
          eb.ref('excluded.records_upserted'),
        ),
        records_deleted: eb(
          'sync_run_steps.records_deleted',
          '+',
          eb.ref('excluded.records_deleted'),
        ),
        records_quarantined: eb(
          'sync_run_steps.records_quarantined',
          '+',
          eb.ref('excluded.records_quarantined'),
        ),
        records_written: eb(
          'sync_run_steps.records_written',
          '+',
          eb.ref('excluded.records_written'),
        ),
        api_calls: eb('sync_run_steps.api_calls', '+', eb.ref('excluded.api_calls')),
        pages: eb('sync_run_steps.pages', '+', eb.ref('excluded.pages')),
        rate_limit_waits: eb(
          'sync_run_steps.rate_limit_waits',
          '+',
          eb.ref('excluded.rate_limit_waits'),
        ),
        finished_at: sql`coalesce(excluded.finished_at, sync_run_steps.finished_at)`,
      })),
    )
    .execute()
}

/**
 * Sets a step's counters outright, finished: for steps that redo all their work when retried
 * (scoring, identity resolution), whose counts must not add up across attempts.
 */
export async function replaceRunStep(
  db: Kysely<Database>,
  runId: string,
  step: string,
  counts: StepIncrement,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('sync_run_steps')
      .where('run_id', '=', runId)
      .where('step', '=', step)
      .execute()
    await addToRunStep(trx, runId, step, counts, true)
  })
}

/** One step's counters as recorded, or undefined before it ran. */
export async function runStepCounts(db: Kysely<Database>, runId: string, step: string) {
  return db
    .selectFrom('sync_run_steps')
    .selectAll()
    .where('run_id', '=', runId)
    .where('step', '=', step)
    .executeTakeFirst()
}
