import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isListening } from '../../src/runtime/free-port.js'
import { startTemporal, type TemporalServer } from '../../src/runtime/temporal-server.js'
import type { SyncAllResult } from '../../src/workflows/sync-all.js'
import { createHarness, type Harness } from '../support/harness.js'
import { recordFaultOutcome } from './support/outcomes.js'
import {
  referenceRun,
  startSyncOnce,
  stepProgress,
  waitUntil,
  crmAndSupportCompany,
  expectNothingLostOrDuplicated,
} from './support/fault-run.js'

// A Temporal dev server of this file's own, its state in SQLite so a restart keeps the run.
const STATE_DIR = resolve('.cs360', 'faults', 'temporal-restart')

describe('the Temporal server killed and restarted in the middle of `cs360 sync --once`', () => {
  const options = crmAndSupportCompany(800, 11)
  const { dataset } = options
  let server: TemporalServer
  let reference: Harness
  let expected: SyncAllResult
  const faulted: Harness[] = []

  const start = (port: number) =>
    startTemporal({ stateDir: STATE_DIR, port, uiPort: 0, cwd: process.cwd() })

  /** SIGKILL to the whole dev server, down for a while, then a new one on the same port and state. */
  async function killAndRestart() {
    // No shutdown of its own: only what SQLite had committed survives.
    const port = Number(server.address.split(':')[1])
    process.kill(-server.pid!, 'SIGKILL')
    await server.stop()
    await waitUntil('the killed server’s port to close', async () => !(await isListening(port)))
    // Down long enough for the worker's polls and the command's wait to fail at least once.
    await new Promise((r) => setTimeout(r, 2_000))
    server = await start(port)
  }

  beforeAll(async () => {
    await rm(STATE_DIR, { recursive: true, force: true })
    server = await start(0)
    reference = await createHarness('temporal_restart_reference', options)
    expected = await referenceRun(reference)
  })

  afterAll(async () => {
    for (const h of faulted) await h.close()
    await reference?.close()
    await server?.stop()
  })

  it('mid-extract: the command and its worker reconnect, the run ends with the reference data', async () => {
    const h = await createHarness('temporal_restart', {
      ...options,
      temporalAddress: server.address,
    })
    faulted.push(h)
    h.salesforce.faults.latencyMs = 150
    const step = 'extract:salesforce:Opportunity'
    const run = await startSyncOnce(h)
    await waitUntil('the Opportunity extract under way', async () => {
      return (await stepProgress(h.db, step)) >= 200
    })

    const before = await stepProgress(h.db, step)
    await killAndRestart()
    h.salesforce.faults.latencyMs = 0
    const result = await run.done

    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`accounts scored: ${expected.scored}`)
    expect(result.stdout).toContain(`CRM fields written: ${expected.written} accounts updated`)
    const total = dataset.salesforce!.records.Opportunity!.length
    expect(before).toBeLessThan(total)
    expect(await stepProgress(h.db, step)).toBe(total)
    const runs = await h.db.selectFrom('sync_runs').select('status').execute()
    expect(runs).toEqual([{ status: 'succeeded' }])
    const { lost, duplicated } = await expectNothingLostOrDuplicated(h, reference)
    recordFaultOutcome({
      fault: 'Temporal server killed and restarted mid-extract',
      outcome: 'worker and sync --once reconnected to the restarted server; run succeeded',
      lost,
      duplicated,
    })
  })

  it('mid-write-back: a batch in flight lands once, the run ends with the reference CRM', async () => {
    const h = await createHarness('temporal_restart_writeback', {
      ...options,
      temporalAddress: server.address,
    })
    faulted.push(h)
    const step = 'writeback:salesforce'
    const run = await startSyncOnce(h)
    await waitUntil('a write-back batch sent and not yet answered', async () => {
      // Slow the CRM only once writing starts, so the extract before it stays quick.
      if (h.salesforce.writes.entries.length === 0) return false
      h.salesforce.faults.latencyMs = 400
      const sending = h.salesforce.calls.inFlight.some((c) => c.method === 'PATCH')
      return sending && (await stepProgress(h.db, step, 'records_written')) > 0
    })
    const before = await stepProgress(h.db, step, 'records_written')
    await killAndRestart()
    h.salesforce.faults.latencyMs = 0
    const result = await run.done

    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`accounts scored: ${expected.scored}`)
    expect(before).toBeLessThan(expected.written)
    expect(await stepProgress(h.db, step, 'records_written')).toBe(expected.written)
    const runs = await h.db.selectFrom('sync_runs').select('status').execute()
    expect(runs).toEqual([{ status: 'succeeded' }])
    const { lost, duplicated } = await expectNothingLostOrDuplicated(h, reference)
    recordFaultOutcome({
      fault: 'Temporal server killed and restarted mid-write-back',
      outcome: `write-back resumed after the restart (${before} of ${expected.written} written before); run succeeded`,
      lost,
      duplicated,
    })
  })
})
