type Cleanup = () => Promise<void> | void

const cleanups = new Set<Cleanup>()
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
      void runShutdown().finally(() => process.exit(code))
    })
  }
}
