import type { ChildProcess } from 'node:child_process'

const GRACE_MS = 5_000

/**
 * Stops a child started with `detached: true` (so it leads its own process group) and whatever
 * it spawned: SIGTERM to the group, SIGKILL if it has not exited after 5 s.
 */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name)
    } catch {
      // The group is gone already.
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), GRACE_MS)
  await exited
  clearTimeout(timer)
}
