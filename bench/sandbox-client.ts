import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ChangedRecords } from '../src/sandbox/change-records.js'
import type { RequestCounts } from './overhead-model.js'

export interface SandboxCalls {
  [system: string]: {
    reads: number
    writes: number
    all: number
    /** By the allowance each request counts against (bench/service-limits.ts). */
    classes: RequestCounts[string]
  }
}

export interface SandboxProcessOptions {
  /** Switches the sandboxes' rate limits on, their windows multiplied by this scale. */
  rateLimitTimeScale?: number
  /** Delay added to every response. */
  latencyMs?: number
}

/** Starts bench/sandbox-process.ts on a dataset file and talks to it over stdin/stdout. */
export async function startSandboxProcess(
  datasetPath: string,
  options: SandboxProcessOptions = {},
) {
  const args = [join('bench', 'sandbox-process.ts'), datasetPath]
  if (options.rateLimitTimeScale !== undefined)
    args.push('--rate-limits', String(options.rateLimitTimeScale))
  if (options.latencyMs !== undefined) args.push('--latency-ms', String(options.latencyMs))
  const child = spawn(join('node_modules', '.bin', 'tsx'), args, {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async <T>(): Promise<T> => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the sandbox process exited')
    return JSON.parse(value as string) as T
  }
  const send = async <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> => {
    child.stdin.write(`${JSON.stringify({ cmd, ...args })}\n`)
    return next<T>()
  }
  const ready = await next<{ env: Record<string, string>; configYaml: string }>()
  return {
    env: ready.env,
    configYaml: ready.configYaml,
    pid: child.pid!,
    calls: async () => (await send<{ calls: SandboxCalls }>('calls')).calls,
    reset: () => send('reset'),
    /** Changes `fraction` of every system's records as people would (stamps move). */
    change: async (fraction: number) =>
      (await send<{ changed: ChangedRecords }>('change', { fraction })).changed,
    close: () => send('close'),
  }
}

export type SandboxProcess = Awaited<ReturnType<typeof startSandboxProcess>>
