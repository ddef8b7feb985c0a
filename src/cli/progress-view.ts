import { extractStepParts } from '../model/run-steps.js'
import type { StepState, SyncPhase } from '../workflows/progress.js'

/** One step as the progress display shows it: the workflow's state and the recorded counts. */
export interface StepView {
  step: string
  state: StepState
  read: number
  pages: number
  apiCalls: number
  written: number
  rateLimitWaits: number
  /** The wait an extract is in right now, from its heartbeat. */
  waiting?: { reason: string; ms: number }
  /** Records the extract will have read in all, when its API told. */
  expected?: number
  /** Time left at the rate seen, only with `expected`. */
  etaMs?: number
}

export interface RunView {
  phase: SyncPhase
  steps: StepView[]
}

const count = (n: number) => n.toLocaleString('en-US')
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`

/** `1:05`, `1:02:03`: how long the command has been running. */
export function clockOf(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

function counts(steps: StepView[]): string {
  const sum = (pick: (s: StepView) => number) => steps.reduce((total, s) => total + pick(s), 0)
  return [
    `${count(sum((s) => s.read))} read`,
    plural(
      sum((s) => s.pages),
      'page',
    ),
    plural(
      sum((s) => s.apiCalls),
      'API call',
    ),
    plural(
      sum((s) => s.rateLimitWaits),
      'rate-limit wait',
    ),
  ].join(', ')
}

/** ` (400 of 906, about 0:12 left)` while a stream whose total is known is read. */
function ofTotal(step: StepView): string {
  if (step.expected === undefined) return ''
  const left = step.etaMs === undefined ? '' : `, about ${clockOf(step.etaMs + 999)} left`
  return ` (${count(step.read)} of ${count(Math.max(step.expected, step.read))}${left})`
}

/**
 * One line per source being read (its streams' records read, pages, API calls and rate-limit
 * waits, which stream it is on and any wait it is in), then the run's phase and the steps left,
 * with the time elapsed unless the caller stamps its lines with it. Plain text, no escapes.
 */
export function progressLines(view: RunView, elapsedMs?: number): string[] {
  const bySource = new Map<string, { stream: string; step: StepView }[]>()
  for (const step of view.steps) {
    const parts = extractStepParts(step.step)
    if (!parts) continue
    bySource.set(parts.connectorId, [
      ...(bySource.get(parts.connectorId) ?? []),
      { stream: parts.stream, step },
    ])
  }
  const width = Math.max(0, ...[...bySource.keys()].map((k) => k.length))
  const lines = [...bySource].map(([source, streams]) => {
    const done = streams.filter((s) => s.step.state === 'done').length
    const current = streams.find((s) => s.step.state === 'running' || s.step.state === 'failed')
    // Where it is first: a narrow terminal cuts the end of a live line.
    const at = current
      ? `${current.step.state === 'failed' ? 'failed on' : 'reading'} ${current.stream}${ofTotal(current.step)}, `
      : ''
    const wait = current?.step.waiting
    const waiting = wait ? `; waiting ${Math.ceil(wait.ms / 1000)} s for ${wait.reason}` : ''
    return `${source.padEnd(width)}  ${at}${done} of ${plural(streams.length, 'stream')} done: ${counts(streams.map((s) => s.step))}${waiting}`
  })
  const finished = view.steps.filter((s) => s.state === 'done').length
  const left = view.steps.length - finished
  const steps =
    view.steps.length === 0
      ? 'planning the steps'
      : `${finished} of ${plural(view.steps.length, 'step')} done` +
        (left > 0 ? `, ${left} to go` : '')
  const clock = elapsedMs === undefined ? '' : ` ${clockOf(elapsedMs)}`
  lines.push(`run${clock}: ${view.phase}, ${steps}`)
  return lines
}

/** The line for a step that has just finished, with what the run recorded for it. */
export function finishedLine(step: StepView): string {
  const parts = extractStepParts(step.step)
  const what = parts
    ? counts([step])
    : [
        step.written > 0 ? `${count(step.written)} written` : '',
        step.apiCalls > 0 ? plural(step.apiCalls, 'API call') : '',
      ]
        .filter(Boolean)
        .join(', ')
  return `finished ${step.step}${what ? `: ${what}` : ''}`
}
