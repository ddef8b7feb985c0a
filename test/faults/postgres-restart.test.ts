import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDatabase, type DatabaseServer } from '../../src/runtime/postgres.js'
import type { SyncAllResult } from '../../src/workflows/sync-all.js'
import { createHarness, type Harness } from '../support/harness.js'
import { recordFaultOutcome } from './support/outcomes.js'
import {
  activityRetries,
  referenceRun,
  startSyncOnce,
  stepProgress,
  waitUntil,
  crmAndSupportCompany,
  expectNothingLostOrDuplicated,
} from './support/fault-run.js'

// A PostgreSQL of this file's own: restarting it cannot disturb the other tests' server.
const DATA_DIR = resolve('.cs360', 'faults', 'postgres-restart')

describe('PostgreSQL restarted in the middle of `cs360 sync --once`', () => {
  const options = crmAndSupportCompany(1200, 7)
  let server: DatabaseServer
  let port: number
  let reference: Harness
  let expected: SyncAllResult
  const faulted: Harness[] = []

  beforeAll(async () => {
    server = await startDatabase({ dataDir: DATA_DIR, port: 0 })
    port = Number(new URL(server.url).port)
    reference = await createHarness('pg_restart_reference', options)
    expected = await referenceRun(reference)
  })

  afterAll(async () => {
    for (const h of faulted) await h.close()
    await reference?.close()
    await server?.stop()
  })

  /** A real restart: the server shuts down (fast), every connection ends, it comes back. */
  async function restartPostgres() {
    await server.stop()
    // Down for a moment, as a real restart is: statements issued meanwhile fail outright.
    await new Promise((r) => setTimeout(r, 1_500))
    server = await startDatabase({ dataDir: DATA_DIR, port })
  }

  async function restartDuring(
    fault: string,
    name: string,
    progressOf: (h: Harness) => Promise<{ step: number }>,
    slowDown: (h: Harness) => void,
    reached: (h: Harness) => Promise<boolean>,
  ) {
    const h = await createHarness(name, { ...options, databaseServerUrl: server.url })
    faulted.push(h)
    slowDown(h)
    const run = await startSyncOnce(h)
    await waitUntil(`${name}: the moment to restart`, () => reached(h))
    const before = await progressOf(h)
    await restartPostgres()
    h.salesforce.faults.latencyMs = 0
    const result = await run.done

    expect(result.stderr).not.toContain('Unhandled')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`accounts scored: ${expected.scored}`)
    expect(result.stdout).toContain(`CRM fields written: ${expected.written} accounts updated`)
    const runs = await h.db.selectFrom('sync_runs').select('status').execute()
    expect(runs).toEqual([{ status: 'succeeded' }])
    // The restart hit the step in the middle: it had more to do once the server was back.
    const after = await progressOf(h)
    expect(before.step).toBeGreaterThan(0)
    expect(before.step).toBeLessThan(after.step)
    const retries = await activityRetries(h)
    expect(retries).toBeGreaterThan(0)
    const { lost, duplicated } = await expectNothingLostOrDuplicated(h, reference)
    recordFaultOutcome({
      fault,
      outcome: `${retries} activity retries after the restart; sync --once exited 0, run succeeded`,
      lost,
      duplicated,
    })
  }

  it('mid-extract: the run rides through and ends with the reference run’s data', async () => {
    await restartDuring(
      'PostgreSQL restarted mid-extract',
      'pg_restart_extract',
      async (h) => ({ step: await stepProgress(h.db, 'extract:salesforce:Opportunity') }),
      (h) => (h.salesforce.faults.latencyMs = 150),
      async (h) => (await stepProgress(h.db, 'extract:salesforce:Opportunity')) >= 400,
    )
  })

  it('mid-write-back: no CRM value lost, none written twice', async () => {
    await restartDuring(
      'PostgreSQL restarted mid-write-back',
      'pg_restart_writeback',
      async (h) => ({ step: await stepProgress(h.db, 'writeback:salesforce', 'records_written') }),
      () => undefined,
      async (h) => {
        // Slow the CRM only once writing starts, so the extract before it stays quick.
        if (h.salesforce.writes.entries.length === 0) return false
        h.salesforce.faults.latencyMs = 400
        // Restarted with a batch sent and not yet answered: the CRM saves it, cs360 cannot
        // record it, and the retry must not send it again.
        const sending = h.salesforce.calls.inFlight.some((c) => c.method === 'PATCH')
        return sending && (await stepProgress(h.db, 'writeback:salesforce', 'records_written')) > 0
      },
    )
  })
})
