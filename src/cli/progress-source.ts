import type { WorkflowHandle } from '@temporalio/client'
import { defaultPayloadConverter } from '@temporalio/common'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { progressQuery, type SyncProgress } from '../workflows/progress.js'
import type { RunView, StepView } from './progress-view.js'

/** What an extract heartbeats (src/activities/extract-stream.ts), as far as progress reads it. */
interface ExtractBeat {
  step: string
  rateLimitWaits: number
  waiting?: { reason: string; ms: number }
  expected?: number
}

/** Reading for less than this, a rate says too little to tell the time left. */
const RATE_AFTER_MS = 2_000

/**
 * Samples a running syncAll for its progress display. The steps and their states come from the
 * workflow's `progress` query; records read, pages and API calls from the run's step rows, which
 * every attempt commits with its pages (so a retried extract neither loses nor double-counts
 * them); rate-limit waits from the extracts' heartbeats (a retry carries them on), which stay
 * visible once a step is done through the workflow. `final`: the run has succeeded and its
 * worker may be gone, so only the database is read and every step is done.
 */
export function runSampler(handle: WorkflowHandle, db: Kysely<Database>, now = Date.now) {
  let known: SyncProgress | undefined
  const waitsSeen = new Map<string, number>()
  const firstSeen = new Map<string, { at: number; read: number }>()
  // Time left at the rate seen since this display first saw the step reading: never a guess
  // without a total the API gave, nor before the rate means anything.
  const timeLeft = (step: string, read: number, expected: number | undefined) => {
    if (expected === undefined) return undefined
    const first = firstSeen.get(step) ?? { at: now(), read }
    firstSeen.set(step, first)
    const spent = now() - first.at
    if (spent < RATE_AFTER_MS || read <= first.read) return undefined
    return (Math.max(0, expected - read) * spent) / (read - first.read)
  }
  return async (final: boolean): Promise<RunView | undefined> => {
    if (!final) known = await handle.query(progressQuery).catch(() => known)
    if (!known) return undefined
    const rows = await db
      .selectFrom('sync_run_steps')
      .selectAll()
      .where('run_id', '=', known.runId)
      .execute()
    const beats = final ? new Map<string, ExtractBeat>() : await extractBeats(handle, now)
    const steps = known.steps.map((planned): StepView => {
      const row = rows.find((r) => r.step === planned.step)
      const beat = beats.get(planned.step)
      const waits = Math.max(
        row?.rate_limit_waits ?? 0,
        planned.rateLimitWaits ?? 0,
        beat?.rateLimitWaits ?? 0,
        waitsSeen.get(planned.step) ?? 0,
      )
      waitsSeen.set(planned.step, waits)
      const done = final || planned.state === 'done' || Boolean(row?.finished_at)
      const read = row?.records_read ?? 0
      const expected = done ? undefined : beat?.expected
      return {
        step: planned.step,
        state: done ? 'done' : planned.state,
        read,
        pages: row?.pages ?? 0,
        apiCalls: row?.api_calls ?? 0,
        written: row?.records_written ?? 0,
        rateLimitWaits: waits,
        waiting: done ? undefined : beat?.waiting,
        expected,
        etaMs: done ? undefined : timeLeft(planned.step, read, expected),
      }
    })
    return { phase: final ? 'succeeded' : known.phase, steps }
  }
}

/** The last heartbeat of each extract in flight, by step; a wait shown only while it lasts. */
async function extractBeats(handle: WorkflowHandle, now: () => number) {
  const beats = new Map<string, ExtractBeat>()
  const description = await handle.describe().catch(() => undefined)
  for (const pending of description?.raw.pendingActivities ?? []) {
    const payload = pending.heartbeatDetails?.payloads?.[0]
    if (!payload) continue
    let details: Record<string, unknown>
    try {
      details = defaultPayloadConverter.fromPayload(payload)
    } catch {
      continue
    }
    if (typeof details?.step !== 'string') continue
    const beat: ExtractBeat = {
      step: details.step,
      rateLimitWaits: Number(details.rateLimitWaits) || 0,
      expected: typeof details.expected === 'number' ? details.expected : undefined,
    }
    const at = pending.lastHeartbeatTime
    if (typeof details.waiting === 'string' && typeof details.ms === 'number' && at) {
      const age = now() - (Number(String(at.seconds ?? 0)) * 1000 + (at.nanos ?? 0) / 1e6)
      const left = details.ms - age
      if (left > 0) beat.waiting = { reason: details.waiting, ms: left }
    }
    beats.set(beat.step, beat)
  }
  return beats
}
