type Cleanup = () => Promise<void> | void
/** Stops the work in progress on a signal; may name the exit code the process ends with. */
type Interrupt = (signal: NodeJS.Signals) => Promise<number | void> | number | void

const cleanups = new Set<Cleanup>()
const interrupts = new Set<Interrupt>()
let draining: Promise<void> | undefined
let hooked = false

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const

/**
 * Registers a cleanup (stop the embedded PostgreSQL or Temporal dev server, close a pool) to run
 * once: from runShutdown (the CLI calls it when a command finishes) or on SIGINT/SIGTERM/SIGHUP.
 * Cleanups run newest first, so a pool closes before the server under it stops. Returns an
 * unregister function for owners that stopped their service themselves.
 */
export function onShutdown(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  hookSignals()
  return () => {
    cleanups.delete(cleanup)
  }
}

/**
 * Registers what a signal must stop before the cleanups run: a sync cancels its workflow and
 * waits for its in-process worker, which needs the database and Temporal still up. A number it
 * returns is the exit code. Returns an unregister function for when the work is done.
 */
export function onInterrupt(interrupt: Interrupt): () => void {
  interrupts.add(interrupt)
  hookSignals()
  return () => {
    interrupts.delete(interrupt)
  }
}

async function runInterrupts(signal: NodeJS.Signals): Promise<number | undefined> {
  let code: number | undefined
  for (const interrupt of [...interrupts].reverse()) {
    interrupts.delete(interrupt)
    try {
      code = (await interrupt(signal)) ?? code
    } catch (error) {
      process.stderr.write(
        `cs360: stopping after ${signal} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      )
    }
  }
  return code
}

/** Runs every registered cleanup once; concurrent callers share the same run. */
export function runShutdown(): Promise<void> {
  draining ??= drain().finally(() => {
    draining = undefined
  })
  return draining
}

async function drain(): Promise<void> {
  while (cleanups.size > 0) {
    const cleanup = [...cleanups].at(-1)!
    cleanups.delete(cleanup)
    try {
      await cleanup()
    } catch (error) {
      process.stderr.write(
        `cs360: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`,
      )
    }
  }
}

function hookSignals(): void {
  if (hooked) return
  hooked = true
  let received = false
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      // A second Ctrl-C means "now": do not wait for a cleanup that hangs.
      if (received) process.exit(code)
      received = true
      void runInterrupts(signal as NodeJS.Signals).then((interruptCode) =>
        runShutdown().finally(() => process.exit(interruptCode ?? code)),
      )
    })
  }
}
