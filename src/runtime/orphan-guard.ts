import { spawn } from 'node:child_process'
import type { Socket } from 'node:net'

export interface OrphanGuard {
  /** The target was stopped normally: stand the guard down. */
  release(): void
}

// Reads its stdin, a pipe only this process writes to. The kernel closes that pipe however this
// process ends (a finished command, process.exit, a crash, SIGKILL), so EOF means "cs360 is
// gone" and the target gets its shutdown signal; a process group also gets SIGKILL if still
// there 5 s later.
const GUARD_SCRIPT = `
cat >/dev/null
kill -s "$2" -- "$1" 2>/dev/null || exit 0
case "$1" in -*) ;; *) exit 0 ;; esac
for _ in 1 2 3 4 5; do
  sleep 1
  kill -s 0 -- "$1" 2>/dev/null || exit 0
done
kill -s KILL -- "$1" 2>/dev/null
`

/**
 * Makes sure a server this process started does not outlive it, even when no cleanup could run:
 * Node has no parent-death signal, so a small detached `sh` watches for the end of this process.
 * `target` is a pid, or a negative process-group id to signal the whole group.
 */
export function guardAgainstOrphan(target: number, signal: 'INT' | 'TERM'): OrphanGuard {
  const guard = spawn('sh', ['-c', GUARD_SCRIPT, 'cs360-orphan-guard', String(target), signal], {
    stdio: ['pipe', 'ignore', 'ignore'],
    // Its own process group: a Ctrl-C aimed at cs360 must not kill the guard before it acts.
    detached: true,
  })
  guard.on('error', () => undefined)
  guard.stdin?.on('error', () => undefined)
  guard.unref()
  ;(guard.stdin as Socket | null)?.unref()
  let released = false
  return {
    release() {
      if (released || guard.pid === undefined) return
      released = true
      try {
        process.kill(-guard.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
      guard.stdin?.destroy()
    },
  }
}
