import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface SandboxCalls {
  [system: string]: { reads: number; writes: number; all: number }
}

/** Starts bench/sandbox-process.ts on a dataset file and talks to it over stdin/stdout. */
export async function startSandboxProcess(datasetPath: string) {
  const child = spawn(
    join('node_modules', '.bin', 'tsx'),
    [join('bench', 'sandbox-process.ts'), datasetPath],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async <T>(): Promise<T> => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the sandbox process exited')
    return JSON.parse(value as string) as T
  }
  const send = async <T>(cmd: string): Promise<T> => {
    child.stdin.write(`${JSON.stringify({ cmd })}\n`)
    return next<T>()
  }
  const ready = await next<{ env: Record<string, string>; configYaml: string }>()
  return {
    env: ready.env,
    configYaml: ready.configYaml,
    pid: child.pid!,
    calls: async () => (await send<{ calls: SandboxCalls }>('calls')).calls,
    reset: () => send('reset'),
    close: () => send('close'),
  }
}
