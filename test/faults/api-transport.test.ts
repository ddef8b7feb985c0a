import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { FaultSwitches } from '../../src/sandbox/framework/faults.js'
import type { SyncAllResult } from '../../src/workflows/sync-all.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import {
  activityAttempts,
  evidence,
  lostAndDuplicated,
  syncWithWorker,
  type RunEvidence,
} from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

// Every connector of the generated company: the CRM, support, billing and usage.
const dataset = generateDataset({ accounts: 40, seed: 21, asOf: AS_OF })
const reads = (req: { method: string }) => req.method === 'GET'

/** Activities of the run that were attempted more than once, from its Temporal history. */
const retriedActivities = async (h: Harness, workflowId: string) =>
  (await activityAttempts(h, `${workflowId}:${h.target.taskQueue}`)).filter((a) => a.attempt > 1)
    .length

describe('API faults during a whole run: rate limits and transport', () => {
  let reference: Harness
  let expected: RunEvidence
  let expectedResult: SyncAllResult

  beforeAll(async () => {
    reference = await createHarness('faults_api_transport_reference', { dataset })
    expectedResult = await syncWithWorker(reference, 'reference')
    expected = await evidence(reference)
  })
  afterAll(() => reference?.close())

  /**
   * A fresh database and sandbox with the same company, `arm` flips the sandbox's switches, one
   * run; then the run must have succeeded with the reference's records and writes.
   */
  async function faultedRun(
    name: string,
    arm: (faults: (system: string) => FaultSwitches) => void,
    configExtra?: Record<string, string>,
  ) {
    const h = await createHarness(`faults_api_${name}`, { dataset, configExtra })
    try {
      arm((system) => h.sandbox.server(system)!.faults)
      const result = await syncWithWorker(h, name)
      const measured = lostAndDuplicated(await evidence(h), expected)
      const retried = await retriedActivities(h, name)
      const hits = h.sandbox.servers.map((s) => s.calls)
      return { h, result, measured, retried, hits }
    } finally {
      await h.close()
    }
  }

  it('429 storms with Retry-After on Salesforce, Zendesk and Stripe at once', async () => {
    const storm = (faults: FaultSwitches) =>
      faults.failNext({ status: 429, count: 4, headers: { 'Retry-After': '1' } })
    const { result, measured, hits } = await faultedRun('rate_limits', (faults) => {
      storm(faults('salesforce'))
      storm(faults('zendesk'))
      storm(faults('stripe'))
    })
    const refused = hits.reduce((n, calls) => n + calls.count((c) => c.status === 429), 0)
    expect(refused).toBe(12)
    expect(measured.lostByTable).toEqual({})
    expect(result.written).toBe(expectedResult.written)
    expect(measured.duplicated).toBe(0)
    recordFaultOutcome({
      fault: '429 storm with Retry-After (Salesforce, Zendesk, Stripe)',
      outcome: `waited as asked, ${refused} refusals ridden out, run succeeded`,
      lost: measured.lost,
      duplicated: measured.duplicated,
    })
  })

  it('5xx bursts, with an error body and with none', async () => {
    const { result, measured, hits, retried } = await faultedRun('server_errors', (faults) => {
      faults('salesforce').failNext({
        status: 503,
        count: 3,
        body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try again later' }],
      })
      faults('zendesk').failNext({ status: 502, count: 3, body: Buffer.alloc(0) })
      faults('stripe').failNext({ status: 500, count: 3, body: Buffer.alloc(0) })
    })
    const failed = hits.reduce((n, calls) => n + calls.count((c) => c.status >= 500), 0)
    expect(failed).toBe(9)
    expect(measured.lostByTable).toEqual({})
    expect(result.written).toBe(expectedResult.written)
    expect(measured.duplicated).toBe(0)
    recordFaultOutcome({
      fault: '5xx bursts with and without a body',
      outcome: `${failed} server errors, ${retried} activity retries, run succeeded`,
      lost: measured.lost,
      duplicated: measured.duplicated,
    })
  })

  it('answers slower than the connector time limits for a few requests', async () => {
    const timeLimit = '    timeoutSeconds: 1\n'
    const { result, measured, retried } = await faultedRun(
      'slow_answers',
      (faults) => {
        faults('salesforce').slowNext(3_000, 2, reads)
        faults('zendesk').slowNext(3_000, 2, reads)
      },
      { salesforce: timeLimit, zendesk: timeLimit },
    )
    expect(retried).toBeGreaterThan(0)
    expect(measured.lostByTable).toEqual({})
    expect(result.written).toBe(expectedResult.written)
    expect(measured.duplicated).toBe(0)
    recordFaultOutcome({
      fault: 'answers slower than timeoutSeconds (Salesforce, Zendesk)',
      outcome: `timed out, ${retried} activity retries, run succeeded`,
      lost: measured.lost,
      duplicated: measured.duplicated,
    })
  })

  it('connections reset in the middle of a response body', async () => {
    // A cut-off body is noticed by the connection itself or, for jsforce, by the time limit.
    const { result, measured, retried } = await faultedRun(
      'resets',
      (faults) => {
        for (const system of ['salesforce', 'zendesk', 'stripe', 'amplitude'])
          faults(system).resetNext(2, reads)
      },
      { salesforce: '    timeoutSeconds: 2\n' },
    )
    expect(retried).toBeGreaterThan(0)
    expect(measured.lostByTable).toEqual({})
    expect(result.written).toBe(expectedResult.written)
    expect(measured.duplicated).toBe(0)
    recordFaultOutcome({
      fault: 'connection reset mid-body (every connector)',
      outcome: `${retried} activity retries, run succeeded`,
      lost: measured.lost,
      duplicated: measured.duplicated,
    })
  })
})
