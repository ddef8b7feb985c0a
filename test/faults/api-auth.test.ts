import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { SyncAllResult } from '../../src/workflows/sync-all.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import {
  activityAttempts,
  cliSync,
  evidence,
  lostAndDuplicated,
  syncWithWorker,
  type RunEvidence,
} from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

const dataset = generateDataset({ accounts: 40, seed: 22, asOf: AS_OF })
const only = ['salesforce', 'zendesk']
const TOKEN_PATH = '/services/oauth2/token'

describe('API faults during a whole run: sessions and credentials', () => {
  let reference: Harness
  let expected: RunEvidence
  let expectedResult: SyncAllResult

  beforeAll(async () => {
    reference = await createHarness('faults_api_auth_reference', { dataset, only })
    expectedResult = await syncWithWorker(reference, 'reference')
    expected = await evidence(reference)
  })
  afterAll(() => reference?.close())

  it('the Salesforce session expires twice in the middle of a run', async () => {
    const h = await createHarness('faults_api_session_expiry', { dataset, only })
    try {
      const { faults, calls } = h.salesforce
      faults.afterRequests(4, () => faults.expireTokens())
      faults.afterRequests(8, () => faults.expireTokens())
      const result = await syncWithWorker(h, 'session-expiry')
      const expired = calls.count((c) => c.status === 401)
      const renewed = calls.count((c) => c.path === TOKEN_PATH && c.status === 200)
      expect(expired).toBeGreaterThanOrEqual(2)
      expect(renewed).toBeGreaterThanOrEqual(3)
      const measured = lostAndDuplicated(await evidence(h), expected)
      expect(measured.lostByTable).toEqual({})
      expect(result.written).toBe(expectedResult.written)
      expect(measured.duplicated).toBe(0)
      recordFaultOutcome({
        fault: 'Salesforce session expired mid-run (twice)',
        outcome: `${expired} requests answered 401, session renewed, run succeeded`,
        lost: measured.lost,
        duplicated: measured.duplicated,
      })
    } finally {
      await h.close()
    }
  })

  it('the session expires mid-run and the refresh is refused: stops at once, exit 2', async () => {
    const h = await createHarness('faults_api_refused_refresh', { dataset, only })
    try {
      const { faults, calls } = h.salesforce
      faults.afterRequests(6, () => {
        faults.expireTokens()
        // The connected app's secret was rotated: every token request from now on is refused.
        faults.failNext({
          status: 400,
          count: 1_000,
          body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
          match: (req) => req.path === TOKEN_PATH,
        })
      })
      const failed = await cliSync(h)
      expect(failed.code).toBe(2)
      const lines = failed.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^cs360: Salesforce, [^:]*: authentication failed .*Check connectors\.salesforce\.auth/,
      )
      const [run] = await h.db.selectFrom('sync_runs').selectAll().execute()
      expect(run).toMatchObject({ status: 'failed' })
      expect(run!.error).toMatch(/authentication failed/)
      // Not retried: the activity that met the refusal ran once, and so did every other.
      const attempts = await activityAttempts(h, run!.workflow_id)
      expect(attempts.length).toBeGreaterThan(0)
      expect(attempts.filter((a) => a.attempt > 1)).toEqual([])
      const refused = calls.count((c) => c.path === TOKEN_PATH && c.status === 400)
      expect(refused).toBe(1)

      // The admin fixes the connected app; the next run brings everything in, written once.
      faults.reset()
      const next = await cliSync(h)
      expect(next.code, next.stderr).toBe(0)
      const runs = await h.db.selectFrom('sync_runs').select('status').execute()
      expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'succeeded'])
      const measured = lostAndDuplicated(await evidence(h), expected)
      expect(measured.lostByTable).toEqual({})
      expect(measured.duplicated).toBe(0)
      recordFaultOutcome({
        fault: 'Salesforce refresh refused mid-run (revoked app)',
        outcome: `failed at once (1 attempt, exit 2, one line), next run complete`,
        lost: measured.lost,
        duplicated: measured.duplicated,
      })
    } finally {
      await h.close()
    }
  })
})
