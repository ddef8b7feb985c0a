import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncAllResult } from '../../src/workflows/sync-all.js'
import { spawnCli } from '../support/cli.js'
import { AS_OF, cliEnv, countRows, createHarness, type Harness } from '../support/harness.js'
import { recordFaultOutcome } from './support/outcomes.js'
import {
  activityRetries,
  referenceRun,
  stepProgress,
  waitUntil,
  writeConfig,
  crmAndSupportCompany,
  expectNothingLostOrDuplicated,
} from './support/fault-run.js'

async function tableCounts(h: Harness) {
  return {
    accounts: await countRows(h.db, 'accounts'),
    opportunities: await countRows(h.db, 'opportunities'),
    users: await countRows(h.db, 'crm_users'),
    scores: await countRows(h.db, 'account_scores'),
  }
}

// Connectors extract in parallel, so steps start in either order: compare them by name. Records
// read are left out: an attempt Temporal gave up on (its heartbeat late on a loaded machine) may
// still read a page its retry reads again; what lands in the database must not differ.
const extractCounts = (r: SyncAllResult) =>
  r.steps
    .filter((s) => s.step.startsWith('extract:'))
    .map((s) => [s.step, s.recordsUpserted])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('a `cs360 worker` SIGKILLed in the middle of a run', () => {
  const options = crmAndSupportCompany(1500, 5)
  const { dataset } = options
  let reference: Harness
  let expected: SyncAllResult
  const harnesses: Harness[] = []
  const children: ChildProcess[] = []

  beforeAll(async () => {
    reference = await createHarness('kill_reference', options)
    expected = await referenceRun(reference)
  })

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    for (const h of harnesses) await h.close()
    await reference?.close()
  })

  /**
   * Starts a syncAll on the harness's task queue with `cs360 worker` as a child process, kills
   * the worker with SIGKILL once `reached`, starts a second worker and waits for the run's end.
   */
  async function killDuring(
    name: string,
    reached: (h: Harness) => Promise<boolean>,
    progressOf: (h: Harness) => Promise<number>,
    total: number,
  ) {
    const h = await createHarness(name, options)
    harnesses.push(h)
    const config = await writeConfig(h)
    const startWorker = () => {
      const child = spawnCli(['--config', config, 'worker'], { env: cliEnv(h) })
      children.push(child)
      return child
    }
    const first = startWorker()
    const workflowId = `sync-all:${name}:${h.target.taskQueue}`
    const handle = await h.client.workflow.start('syncAllWorkflow', {
      taskQueue: h.target.taskQueue,
      workflowId,
      args: [{ trigger: 'test', asOf: AS_OF, heartbeatTimeoutSeconds: 5 }],
    })
    await waitUntil(`${name}: the moment to kill the worker`, () => reached(h))
    first.kill('SIGKILL')
    const progress = await progressOf(h)
    expect(progress).toBeGreaterThan(0)
    expect(progress).toBeLessThan(total)
    h.salesforce.faults.latencyMs = 0

    startWorker()
    const result = (await handle.result()) as SyncAllResult
    expect(await tableCounts(h)).toEqual(await tableCounts(reference))
    expect(extractCounts(result)).toEqual(extractCounts(expected))
    expect(result.scored).toBe(expected.scored)
    expect(result.written).toBe(expected.written)
    // The killed step really was retried on the second worker.
    const retries = await activityRetries(h, workflowId)
    expect(retries).toBeGreaterThan(0)
    return { h, retries, ...(await expectNothingLostOrDuplicated(h, reference)) }
  }

  it('mid-extract: the second worker resumes and ends with the reference run’s data', async () => {
    const step = 'extract:salesforce:Opportunity'
    const { retries, lost, duplicated } = await killDuring(
      'kill_extract',
      async (h) => {
        // Slow the API down so the extract spans many seconds of pages of 200.
        h.salesforce.faults.latencyMs = 40
        return (await stepProgress(h.db, step)) >= 600
      },
      (h) => stepProgress(h.db, step),
      dataset.salesforce!.records.Opportunity!.length,
    )
    recordFaultOutcome({
      fault: 'worker SIGKILLed mid-extract',
      outcome: `second worker resumed from the checkpoint (${retries} retries), run succeeded`,
      lost,
      duplicated,
    })
  })

  it('mid-write-back: the second worker finishes the writes, none twice, none missing', async () => {
    const step = 'writeback:salesforce'
    const { retries, lost, duplicated } = await killDuring(
      'kill_writeback',
      async (h) => {
        // Slow the CRM only once writing starts, so the extract before it stays quick.
        if (h.salesforce.writes.entries.length === 0) return false
        h.salesforce.faults.latencyMs = 400
        // Killed with a batch sent and not yet answered: the CRM saves it all the same.
        const sending = h.salesforce.calls.inFlight.some((c) => c.method === 'PATCH')
        return sending && (await stepProgress(h.db, step, 'records_written')) > 0
      },
      (h) => stepProgress(h.db, step, 'records_written'),
      expected.written,
    )
    recordFaultOutcome({
      fault: 'worker SIGKILLed mid-write-back',
      outcome: `second worker finished the write-back (${retries} retries), run succeeded`,
      lost,
      duplicated,
    })
  })
})
