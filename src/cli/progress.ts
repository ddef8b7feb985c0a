import { clockOf, finishedLine, progressLines, type RunView } from './progress-view.js'

/** How often a terminal's live lines are redrawn. */
const LIVE_EVERY_MS = 500
/** How often a run is sampled for finished steps when the output is not a terminal. */
const PLAIN_POLL_MS = 1_000

export interface ProgressOptions {
  /** Where progress goes (the command's stdout); live redrawn lines only when it is a terminal. */
  out: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  /** The run now, or undefined until the workflow answers; `final` once it has succeeded. */
  sample: (final: boolean) => Promise<RunView | undefined>
  /** Milliseconds between the plain per-source lines when `out` is not a terminal. */
  plainEveryMs: number
  /**
   * Another stream on the same terminal (stderr, where logs go): the live lines are erased
   * before anything is written to it, and drawn again below it on the next update.
   */
  sharesTerminal?: { write: NodeJS.WriteStream['write']; isTTY?: boolean }
  now?: () => number
}

export interface ProgressReporter {
  /**
   * Stops for good; nothing is written afterwards. On success it first prints the steps that
   * finished since the last look; on a terminal it erases its live lines either way, so what the
   * command prints next (the summary) stands alone.
   */
  stop(succeeded: boolean): Promise<void>
}

/**
 * Shows a long sync's progress. On a terminal: a block of live lines (one per source, then the
 * run) redrawn in place, and a permanent line above it as each step finishes. Otherwise: plain
 * lines with the elapsed time and no escape codes, each source every `plainEveryMs`, and a line
 * as each step finishes. A failed look (the workflow not answering yet) only skips that update.
 */
export function startProgress(options: ProgressOptions): ProgressReporter {
  const { out, sample } = options
  const now = options.now ?? Date.now
  const tty = Boolean(out.isTTY)
  const started = now()
  const announced = new Set<string>()
  let lastPlain = started
  let drawn = 0
  let stopped = false
  let timer: NodeJS.Timeout | undefined

  const elapsed = () => now() - started
  const stamp = (line: string) => `[${clockOf(elapsed())}] ${line}`
  // Cursor up over the live block, then clear to the end of the screen.
  const erase = () => (drawn > 0 ? `\u001b[${drawn}A\u001b[0J` : '')

  const newlyFinished = (view: RunView) =>
    view.steps
      .filter((s) => s.state === 'done' && !announced.has(s.step))
      .map((s) => {
        announced.add(s.step)
        return finishedLine(s)
      })

  const show = (view: RunView) => {
    const finished = newlyFinished(view)
    if (tty) {
      // A live line that wrapped would take two rows and the redraw would erase too few.
      const fit = (line: string) => line.slice(0, Math.max(20, (out.columns ?? 80) - 1))
      const live = progressLines(view, elapsed()).map(fit)
      out.write(erase() + [...finished, ...live].map((l) => `${l}\n`).join(''))
      drawn = live.length
      return
    }
    const periodic = now() - lastPlain >= options.plainEveryMs
    if (periodic) lastPlain = now()
    const lines = [...finished, ...(periodic ? progressLines(view) : [])]
    if (lines.length > 0) out.write(lines.map((l) => `${stamp(l)}\n`).join(''))
  }

  const tick = async () => {
    const view = await sample(false).catch(() => undefined)
    if (!stopped && view) show(view)
  }
  const schedule = () => {
    timer = setTimeout(
      () => void tick().finally(() => (stopped ? undefined : schedule())),
      tty ? LIVE_EVERY_MS : Math.min(PLAIN_POLL_MS, options.plainEveryMs),
    )
    // Progress never keeps the process alive on its own.
    timer.unref()
  }
  schedule()

  const other = tty && options.sharesTerminal?.isTTY ? options.sharesTerminal : undefined
  const originalWrite = other?.write
  if (other && originalWrite) {
    other.write = ((...args: Parameters<NodeJS.WriteStream['write']>) => {
      if (drawn > 0) out.write(erase())
      drawn = 0
      return originalWrite.apply(other, args)
    }) as NodeJS.WriteStream['write']
  }

  return {
    async stop(succeeded) {
      if (stopped) return
      stopped = true
      clearTimeout(timer)
      if (other && originalWrite) other.write = originalWrite
      const view = succeeded ? await sample(true).catch(() => undefined) : undefined
      const finished = view ? newlyFinished(view) : []
      const text = finished.map((l) => `${tty ? l : stamp(l)}\n`).join('')
      const written = tty ? erase() + text : text
      if (written) out.write(written)
      drawn = 0
    },
  }
}
