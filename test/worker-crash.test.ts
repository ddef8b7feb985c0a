import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorker } from '../src/temporal/worker.js'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import { spawnCli } from './support/cli.js'
import { AS_OF, countRows, createHarness, quietLog, type Harness } from './support/harness.js'
import { generateDataset } from '../src/sandbox/dataset/generate.js'

const PAGE = 'pageSize: 200\n'

async function tableCounts(h: Harness) {
  return {
    accounts: await countRows(h.db, 'accounts'),
    opportunities: await countRows(h.db, 'opportunities'),
    users: await countRows(h.db, 'crm_users'),
    scores: await countRows(h.db, 'account_scores'),
  }
}

// Connectors extract in parallel, so steps start in either order: compare them by name.
const extractCounts = (r: SyncAllResult) =>
  r.steps
    .filter((s) => s.step.startsWith('extract:'))
    .map((s) => [s.step, s.recordsRead, s.recordsUpserted])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))

describe('a worker killed in the middle of an extract', () => {
  const dataset = generateDataset({ accounts: 1500, seed: 5, asOf: AS_OF })
  let crashed: Harness
  let reference: Harness
  const children: ChildProcess[] = []

  beforeAll(async () => {
    // The CRM and one source read in parallel; each connector's own resume is in the
    // conformance suite.
    const options = {
      dataset,
      configExtra: { salesforce: `    ${PAGE}` },
      only: ['salesforce', 'zendesk'],
    }
    crashed = await createHarness('crash', options)
    reference = await createHarness('crash_reference', options)
  })

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await crashed.close()
    await reference.close()
  })

  it('resumes after restart and ends with the same row counts as an uninterrupted run', async () => {
    // Uninterrupted run of the same dataset, for comparison.
    const worker = await createWorker(reference.target, {
      db: reference.db,
      config: reference.config,
      log: quietLog,
    })
    const expected = await worker.runUntil(
      reference.client.workflow.execute('syncAllWorkflow', {
        taskQueue: reference.target.taskQueue,
        workflowId: `sync-all:reference:${reference.target.taskQueue}`,
        args: [{ trigger: 'test', asOf: AS_OF }],
      }) as Promise<SyncAllResult>,
    )

    const configPath = join(tmpdir(), `cs360-crash-${crashed.target.taskQueue}.yaml`)
    await writeFile(configPath, crashed.configYaml)
    const env = {
      ...crashed.env,
      DATABASE_URL: crashed.databaseUrl,
      TEMPORAL_ADDRESS: crashed.target.address,
      TEMPORAL_TASK_QUEUE: crashed.target.taskQueue,
    }
    const startWorker = () => {
      const child = spawnCli(['--config', configPath, 'worker'], { env })
      children.push(child)
      return child
    }
    // Slow the API down so the extract spans many seconds of pages of 200.
    crashed.salesforce.faults.latencyMs = 40
    const first = startWorker()
    const handle = await crashed.client.workflow.start('syncAllWorkflow', {
      taskQueue: crashed.target.taskQueue,
      workflowId: `sync-all:crash:${crashed.target.taskQueue}`,
      args: [{ trigger: 'test', asOf: AS_OF, heartbeatTimeoutSeconds: 2 }],
    })

    // Kill once some opportunity pages are committed but not all.
    const deadline = Date.now() + 90_000
    let progress = 0
    while (Date.now() < deadline) {
      const cursor = await crashed.db
        .selectFrom('sync_run_steps')
        .select('records_read')
        .where('step', '=', 'extract:salesforce:Opportunity')
        .executeTakeFirst()
      progress = cursor?.records_read ?? 0
      if (progress >= 600) break
      await new Promise((r) => setTimeout(r, 50))
    }
    first.kill('SIGKILL')
    const total = dataset.salesforce!.records.Opportunity!.length
    expect(progress).toBeGreaterThanOrEqual(600)
    expect(progress).toBeLessThan(total)

    startWorker()
    const result = (await handle.result()) as SyncAllResult
    expect(await tableCounts(crashed)).toEqual(await tableCounts(reference))
    expect(extractCounts(result)).toEqual(extractCounts(expected))
    expect(result.scored).toBe(expected.scored)
    expect(result.written).toBe(expected.written)

    // The extract really was retried on the second worker.
    const history = await handle.fetchHistory()
    const attempts = (history.events ?? [])
      .map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0)
      .filter((a) => a > 1)
    expect(attempts.length).toBeGreaterThan(0)
  })
})
