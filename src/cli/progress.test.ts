import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StepState } from '../workflows/progress.js'
import { startProgress } from './progress.js'
import { progressLines, type RunView, type StepView } from './progress-view.js'

const step = (name: string, state: StepState, counts: Partial<StepView> = {}): StepView => ({
  step: name,
  state,
  read: 0,
  pages: 0,
  apiCalls: 0,
  written: 0,
  rateLimitWaits: 0,
  ...counts,
})

function output(isTTY: boolean) {
  const writes: string[] = []
  return { writes, out: { isTTY, write: (text: string) => writes.push(text) } }
}

describe('progress lines', () => {
  it('sum each source’s streams, name the stream being read and the wait it is in', () => {
    const view: RunView = {
      phase: 'extracting',
      steps: [
        step('extract:salesforce:Account', 'done', { read: 1200, pages: 6, apiCalls: 7 }),
        step('extract:salesforce:Opportunity', 'running', {
          read: 400,
          expected: 906,
          etaMs: 11_400,
          pages: 2,
          apiCalls: 2,
          rateLimitWaits: 1,
          waiting: { reason: 'Salesforce concurrent request limit', ms: 2_400 },
        }),
        step('extract:zendesk:tickets', 'pending'),
        step('extract:hubspot:companies', 'running', { read: 120, pages: 1, expected: 5000 }),
        step('identity:salesforce', 'pending'),
      ],
    }
    expect(progressLines(view, 65_000)).toEqual([
      'salesforce  reading Opportunity (400 of 906, about 0:12 left), 1 of 2 streams done: 1,600 read, 8 pages, 9 API calls, 1 rate-limit wait; waiting 3 s for Salesforce concurrent request limit',
      'zendesk     0 of 1 stream done: 0 read, 0 pages, 0 API calls, 0 rate-limit waits',
      'hubspot     reading companies (120 of 5,000), 0 of 1 stream done: 120 read, 1 page, 0 API calls, 0 rate-limit waits',
      'run 1:05: extracting, 1 of 5 steps done, 4 to go',
    ])
  })
})

describe('the progress reporter', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function run(read: () => number, states: () => StepState[]): () => Promise<RunView> {
    return async () => {
      const [account, opportunity] = states()
      return {
        phase: 'extracting',
        steps: [
          step('extract:salesforce:Account', account!, { read: 300, pages: 2, apiCalls: 2 }),
          step('extract:salesforce:Opportunity', opportunity!, { read: read(), pages: 1 }),
        ],
      }
    }
  }

  it('prints plain time-stamped lines every period and one as each step finishes, without escapes', async () => {
    const { writes, out } = output(false)
    let read = 0
    let states: StepState[] = ['running', 'pending']
    const reporter = startProgress({
      out,
      sample: run(
        () => read,
        () => states,
      ),
      plainEveryMs: 3_000,
      now: Date.now,
    })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(writes).toEqual([])
    states = ['done', 'running']
    read = 200
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes.join('')).toBe(
      [
        '[0:03] finished extract:salesforce:Account: 300 read, 2 pages, 2 API calls, 0 rate-limit waits',
        '[0:03] salesforce  reading Opportunity, 1 of 2 streams done: 500 read, 3 pages, 2 API calls, 0 rate-limit waits',
        '[0:03] run: extracting, 1 of 2 steps done, 1 to go',
        '',
      ].join('\n'),
    )
    expect(writes.join('')).not.toContain('\u001b')
    writes.length = 0
    await vi.advanceTimersByTimeAsync(2_000)
    expect(writes).toEqual([])
    read = 450
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes.join('')).toContain(
      '[0:06] salesforce  reading Opportunity, 1 of 2 streams done: 750 read',
    )
    writes.length = 0
    states = ['done', 'done']
    await reporter.stop(true)
    expect(writes.join('')).toMatch(/^\[0:06\] finished extract:salesforce:Opportunity: 450 read/)
    writes.length = 0
    await vi.advanceTimersByTimeAsync(10_000)
    expect(writes).toEqual([])
  })

  it('redraws live lines in place on a terminal and erases them when it stops', async () => {
    const { writes, out } = output(true)
    let states: StepState[] = ['running', 'pending']
    const reporter = startProgress({
      out,
      sample: run(
        () => 0,
        () => states,
      ),
      plainEveryMs: 60_000,
    })
    await vi.advanceTimersByTimeAsync(500)
    expect(writes).toHaveLength(1)
    expect(writes[0]).not.toContain('\u001b')
    expect(writes[0]!.split('\n')).toHaveLength(3)
    states = ['done', 'running']
    await vi.advanceTimersByTimeAsync(500)
    // Up over the two live lines, clear, the finished step for good, then the live lines again.
    expect(
      writes[1]!.startsWith('\u001b[2A\u001b[0Jfinished extract:salesforce:Account: 300 read'),
    ).toBe(true)
    expect(writes[1]).toContain('reading Opportunity')
    // Live lines are cut to the terminal's width; a finished step's line is kept whole.
    for (const line of writes[1]!.split('\n').slice(1)) expect(line.length).toBeLessThan(80)
    await reporter.stop(false)
    expect(writes.at(-1)).toBe('\u001b[2A\u001b[0J')
    const count = writes.length
    await vi.advanceTimersByTimeAsync(5_000)
    expect(writes).toHaveLength(count)
  })

  it('erases its live lines before a log line reaches the same terminal, and lets go when it stops', async () => {
    const { writes, out } = output(true)
    const logged: string[] = []
    const stderr = {
      isTTY: true,
      write: ((text: string) => {
        logged.push(text)
        writes.push(`<stderr>${text}`)
        return true
      }) as NodeJS.WriteStream['write'],
    }
    const plainWrite = stderr.write
    const reporter = startProgress({
      out,
      sample: run(
        () => 0,
        () => ['running', 'pending'],
      ),
      plainEveryMs: 60_000,
      sharesTerminal: stderr,
    })
    await vi.advanceTimersByTimeAsync(500)
    stderr.write('17:20:01 info  waiting\n')
    stderr.write('17:20:02 info  waiting\n')
    expect(writes.slice(1)).toEqual([
      '\u001b[2A\u001b[0J',
      '<stderr>17:20:01 info  waiting\n',
      '<stderr>17:20:02 info  waiting\n',
    ])
    await vi.advanceTimersByTimeAsync(500)
    // Drawn again below the log lines, with nothing above it to erase.
    expect(writes.at(-1)!.startsWith('salesforce')).toBe(true)
    await reporter.stop(false)
    expect(stderr.write).toBe(plainWrite)
    expect(logged).toHaveLength(2)
  })

  it('skips an update the workflow does not answer and carries on', async () => {
    const { writes, out } = output(false)
    let answers = false
    const reporter = startProgress({
      out,
      sample: async () => {
        if (!answers) throw new Error('no poller yet')
        return { phase: 'extracting', steps: [step('extract:stripe:customers', 'running')] }
      },
      plainEveryMs: 1_000,
    })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(writes).toEqual([])
    answers = true
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes.join('')).toContain('stripe  reading customers, 0 of 1 stream done: 0 read')
    await reporter.stop(false)
  })
})
