import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import { runCli, spawnCli } from './support/cli.js'
import { AS_OF, createHarness, type Harness, cliEnv } from './support/harness.js'

// The start of any escape sequence (colour, cursor movement): none may reach a file or a pipe.
const ESCAPE = '\u001b'

describe('progress and run logs of a long sync', () => {
  let h: Harness
  let configPath: string
  let env: NodeJS.ProcessEnv
  const children: ChildProcess[] = []

  beforeAll(async () => {
    h = await createHarness('sync_progress', {
      accounts: 300,
      seed: 12,
      configExtra: { salesforce: '    pageSize: 200\n' },
      only: ['salesforce', 'zendesk'],
    })
    configPath = join(tmpdir(), `cs360-progress-${h.target.taskQueue}.yaml`)
    await writeFile(configPath, h.configYaml)
    env = {
      ...cliEnv(h),
    }
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await h.close()
  })

  it('sync --once into a pipe prints plain progress lines per source before the summary', async () => {
    // Every Salesforce answer slowed down: the extract spans seconds, several progress periods.
    h.salesforce.faults.latencyMs = 500
    // Zendesk's first export answers 429 twice: the organizations stream waits out both.
    h.sandbox
      .server('zendesk')!
      .faults.failNext({ status: 429, count: 2, headers: { 'Retry-After': '1' } })
    const result = await runCli(['--config', configPath, 'sync', '--once', '--as-of', AS_OF], {
      env: { ...env, CS360_PROGRESS_SECONDS: '1' },
    }).finally(() => (h.salesforce.faults.latencyMs = 0))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).not.toContain(ESCAPE)
    const lines = result.stdout.split('\n')
    const summary = lines.findIndex((l) => l.startsWith('accounts scored:'))
    expect(summary, result.stdout).toBeGreaterThan(0)
    const before = lines.slice(0, summary)
    // Periodic lines: elapsed time, the source, its records read so far, pages, API calls, waits.
    const periodic = (source: string) =>
      before.filter((l) =>
        new RegExp(
          `^\\[\\d+:\\d\\d\\] ${source} +(reading \\w+( \\([^)]*\\))?, )?\\d+ of \\d+ streams? done: [\\d,]+ read, [\\d,]+ pages?, [\\d,]+ API calls?, [\\d,]+ rate-limit waits?`,
        ).test(l),
      )
    const salesforce = periodic('salesforce')
    expect(salesforce.length, result.stdout).toBeGreaterThanOrEqual(2)
    expect(periodic('zendesk').length, result.stdout).toBeGreaterThanOrEqual(1)
    // Records read grow from one period to the next, and a stream is named while it is read.
    const reads = salesforce.map((l) => Number(/ ([\d,]+) read/.exec(l)![1]!.replaceAll(',', '')))
    expect(reads.at(-1)!).toBeGreaterThan(reads[0]!)
    expect(salesforce.some((l) => /reading (Account|Opportunity|User)/.test(l))).toBe(true)
    expect(before.some((l) => /^\[\d+:\d\d\] run: extracting, \d+ of \d+ steps done/.test(l))).toBe(
      true,
    )
    // A line as each step finishes, with what the database recorded for it.
    const run = await h.db
      .selectFrom('sync_runs')
      .select('id')
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow()
    const steps = await h.db
      .selectFrom('sync_run_steps')
      .selectAll()
      .where('run_id', '=', run.id)
      .execute()
    expect(steps.length).toBeGreaterThan(4)
    for (const step of steps) {
      const finished = before.filter((l) => l.includes(`finished ${step.step}`))
      expect(finished, `${step.step}\n${result.stdout}`).toHaveLength(1)
      if (step.step.startsWith('extract:'))
        expect(finished[0]).toContain(`: ${step.records_read.toLocaleString('en-US')} read`)
    }
    // Salesforce says how many records a query holds: the stream being read shows it, of all.
    const opportunities = steps.find((s) => s.step === 'extract:salesforce:Opportunity')!
    const ofAll = salesforce
      .map((l) => /reading Opportunity \(([\d,]+) of ([\d,]+)/.exec(l))
      .filter((m) => m !== null)
    expect(ofAll.length, result.stdout).toBeGreaterThan(0)
    for (const [, read, total] of ofAll) {
      expect(Number(total!.replaceAll(',', ''))).toBe(opportunities.records_read)
      expect(Number(read!.replaceAll(',', ''))).toBeLessThan(opportunities.records_read)
    }
    expect(before.find((l) => l.includes('finished extract:zendesk:organizations'))).toContain(
      ', 2 rate-limit waits',
    )
    expect(result.stdout + result.stderr).not.toContain(h.env.SALESFORCE_CLIENT_SECRET)
  })

  it('cs360 worker logs each run it executes: start, every step with counts, summary', async () => {
    const child = spawnCli(['--config', configPath, 'worker'], {
      env: { ...env, CS360_LOG_LEVEL: 'info' },
    })
    children.push(child)
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((done) => child.on('close', done))
    const deadline = Date.now() + 60_000
    while (!stderr.includes('worker polling') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
    expect(stderr).toContain('worker polling')
    const workflowId = `sync-all:worker-log:${h.target.taskQueue}`
    const result: SyncAllResult = await h.client.workflow.execute('syncAllWorkflow', {
      taskQueue: h.target.taskQueue,
      workflowId,
      args: [{ trigger: 'schedule', asOf: AS_OF }],
    })
    child.kill('SIGTERM')
    await exited
    // Not a terminal: one JSON object a line.
    expect(stderr).not.toContain(ESCAPE)
    const logged = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const ofRun = logged.filter((l) => l.run === result.runId)
    expect(ofRun.find((l) => l.message === 'run started')).toMatchObject({
      level: 'info',
      command: 'worker',
      trigger: 'schedule',
      workflow: workflowId,
    })
    for (const step of result.steps)
      expect(
        ofRun.find((l) => l.message === 'step finished' && l.step === step.step),
        step.step,
      ).toMatchObject({
        read: step.recordsRead,
        pages: step.pages,
        apiCalls: step.apiCalls,
        written: step.recordsWritten,
      })
    expect(ofRun.find((l) => l.message === 'run succeeded')).toMatchObject({
      steps: result.steps.length,
      read: result.steps.reduce((sum, s) => sum + s.recordsRead, 0),
    })
    expect(ofRun.map((l) => l.message).at(-1)).toBe('run succeeded')
    expect(stderr).not.toContain(h.env.SALESFORCE_CLIENT_SECRET)
    expect(stderr).not.toContain(h.env.ZENDESK_API_TOKEN)
  })
})
