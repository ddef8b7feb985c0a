import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

const TSX = resolve('node_modules/.bin/tsx')
const MAIN = resolve('src/cli/main.ts')

/** Runs the real `cs360` command in a child process, as a user would. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [MAIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...options.env, PATH: process.env.PATH, HOME: process.env.HOME },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code: code ?? -1, stdout, stderr })
    })
  })
}
