import { execFile } from 'node:child_process'
import { readFile, realpath, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

export type PostmasterLock =
  | { state: 'none' }
  | { state: 'running'; pid: number; port: number }
  | { state: 'stale'; pid: number }

/**
 * What postmaster.pid in a data directory says. A live postmaster of this very directory is
 * `running` (a concurrent cs360, or one whose parent died). A file naming a dead pid is `stale`
 * and left alone: PostgreSQL detects that itself. A file naming a live process that is not this
 * cluster's postmaster (after a reboot or container restart pids repeat, and the system
 * PostgreSQL runs as the same `postgres` user) would make PostgreSQL refuse to start, so it is
 * removed.
 */
export async function inspectPostmasterLock(
  dataDir: string,
  log: (message: string) => void,
): Promise<PostmasterLock> {
  const lockFile = join(dataDir, 'postmaster.pid')
  let lines: string[]
  try {
    lines = (await readFile(lockFile, 'utf8')).split('\n')
  } catch {
    return { state: 'none' }
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'none' }
  if (!isAlive(pid)) return { state: 'stale', pid }
  const command = await commandLine(pid)
  // Unknown (no /proc, no ps): PostgreSQL's own check decides.
  if (command === undefined) return { state: 'none' }
  if (await isPostmasterOf(command, dataDir)) return { state: 'running', pid, port }
  log(`removing the stale ${lockFile}: pid ${pid} is now another process`)
  await rm(lockFile, { force: true })
  return { state: 'stale', pid }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive but another user's, which is never a postmaster we started.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function commandLine(pid: number): Promise<string[] | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean)
  } catch {
    // No /proc (macOS): ps prints the arguments space-separated.
  }
  try {
    const { stdout } = await promisify(execFile)('ps', ['-o', 'command=', '-p', String(pid)])
    return stdout.trim().split(/\s+/)
  } catch {
    return undefined
  }
}

async function isPostmasterOf(command: string[], dataDir: string): Promise<boolean> {
  const at = command.indexOf('-D')
  if (at < 0 || !/postgres$/.test(command[0] ?? '')) return false
  const directory = command[at + 1]
  if (!directory) return false
  if (directory === dataDir) return true
  const [actual, expected] = await Promise.all([
    realpath(directory).catch(() => directory),
    realpath(dataDir).catch(() => dataDir),
  ])
  return actual === expected
}
