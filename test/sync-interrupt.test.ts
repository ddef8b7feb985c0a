import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, spawnCli } from './support/cli.js'
import { createHarness, type Harness, cliEnv } from './support/harness.js'

function exited(child: ChildProcess, stderr: { text: string }): Promise<number> {
  child.stderr!.on('data', (chunk: Buffer) => (stderr.text += chunk.toString()))
  return new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? -1 : 0))))
}

describe('cs360 sync --once interrupted, or handed to no worker', () => {
  let h: Harness
  let configPath: string
  let env: NodeJS.ProcessEnv
  const children: ChildProcess[] = []

  beforeAll(async () => {
    h = await createHarness('sync_interrupt', {
      accounts: 300,
      seed: 11,
      configExtra: { salesforce: '    pageSize: 200\n' },
      only: ['salesforce'],
    })
    configPath = join(tmpdir(), `cs360-interrupt-${h.target.taskQueue}.yaml`)
    await writeFile(configPath, h.configYaml)
    env = {
      ...cliEnv(h),
    }
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await h.close()
  })

  /** Starts `sync --once`, waits until its run is recorded, then sends `signal`. */
  async function interruptSync(signal: NodeJS.Signals) {
    const before = new Set(
      (await h.db.selectFrom('sync_runs').select('id').execute()).map((r) => r.id),
    )
    // Every Salesforce answer slowed down: the extract spans many seconds of pages.
    h.salesforce.faults.latencyMs = 250
    const child = spawnCli(['--config', configPath, 'sync', '--once', '--as-of', '2026-11-22'], {
      env,
    })
    children.push(child)
    const stderr = { text: '' }
    const code = exited(child, stderr)
    const deadline = Date.now() + 90_000
    let run: { id: string; workflow_id: string } | undefined
    while (Date.now() < deadline && !run) {
      const rows = await h.db.selectFrom('sync_runs').select(['id', 'workflow_id']).execute()
      run = rows.find((r) => !before.has(r.id))
      if (!run) await new Promise((r) => setTimeout(r, 100))
    }
    expect(run, 'the sync recorded its run').toBeDefined()
    // Some pages in, so an extract activity is in flight when the signal comes.
    await new Promise((r) => setTimeout(r, 1_500))
    const sentAt = Date.now()
    child.kill(signal)
    const exitCode = await code
    h.salesforce.faults.latencyMs = 0
    return { exitCode, stderr: stderr.text, run: run!, seconds: (Date.now() - sentAt) / 1000 }
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} cancels the workflow, records the run cancelled and exits 130`, async () => {
      const { exitCode, stderr, run, seconds } = await interruptSync(signal)
      expect(exitCode, stderr).toBe(130)
      expect(seconds).toBeLessThan(30)
      expect(stderr).toContain(`cancelling sync workflow ${run.workflow_id}`)
      const description = await h.client.workflow.getHandle(run.workflow_id).describe()
      expect(description.status.name).toBe('CANCELLED')
      const row = await h.db
        .selectFrom('sync_runs')
        .selectAll()
        .where('id', '=', run.id)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('cancelled')
      // Recorded by the workflow itself on its cancellation, not by the CLI's fallback.
      expect(row.error).toBe('cancelled by its operator')
      expect(row.finished_at).not.toBeNull()
      const stillRunning = await h.db
        .selectFrom('sync_runs')
        .select('id')
        .where('status', '=', 'running')
        .execute()
      expect(stillRunning).toEqual([])
    })
  }

  it('--use-worker with no worker polling the task queue says so and exits 1 within seconds', async () => {
    const started = Date.now()
    const result = await runCli(['--config', configPath, 'sync', '--once', '--use-worker'], {
      env,
      timeoutMs: 60_000,
    })
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toContain(
      `cs360: no cs360 worker is polling task queue ${h.target.taskQueue} (TEMPORAL_TASK_QUEUE)`,
    )
    expect(result.stderr).toContain('cs360 worker')
    // Start-up (Node, tsx, migrations) included; a hang would be killed at 60 s.
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})
