import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { PROJECT_ROOT } from './temporal-cli.js'

// Helpers for the runtime tests, which start real processes.

/**
 * Whether a process has ended. An orphan that ended stays a zombie until PID 1 reaps it, which
 * some container inits never do; a zombie counts as ended.
 */
export function hasEnded(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return true
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 100))
  }
  return true
}

/**
 * Runs `code` (an ES module body that may `await import()` the runtime's .ts files by absolute
 * path) in a separate Node process and resolves with it and the first line it prints.
 */
export async function startChild(
  code: string,
): Promise<{ child: ChildProcessWithoutNullStreams; firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: PROJECT_ROOT,
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')))
    })
    child.on('exit', (exitCode) => reject(new Error(`child exited ${exitCode}: ${stderr}`)))
  })
  return { child, firstLine }
}

export const runtimeModule = (name: string) => new URL(`./${name}`, import.meta.url).pathname
