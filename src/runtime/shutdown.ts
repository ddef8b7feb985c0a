type Cleanup = () => Promise<void> | void

const cleanups: Cleanup[] = []
let running: Promise<void> | undefined
let hooked = false

/**
 * Registers a cleanup (stop embedded Postgres, the Temporal dev server, close pools) that runs
 * once, in reverse order of registration, on normal completion or SIGINT/SIGTERM, so embedded
 * services never outlive the command that started them.
 */
export function onShutdown(cleanup: Cleanup): void {
  cleanups.push(cleanup)
  if (hooked) return
  hooked = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void runShutdown().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
    })
  }
}

export function runShutdown(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!
      try {
        await cleanup()
      } catch (error) {
        process.stderr.write(
          `cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`,
        )
      }
    }
  })()
  return running
}
