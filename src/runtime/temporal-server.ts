import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Connection } from '@temporalio/client'
import { freePort, isListening } from './free-port.js'
import { findTemporalCli, INSTALL_SCRIPT } from './temporal-cli.js'

export interface TemporalServer {
  address: string
  namespace: string
  uiUrl?: string
  embedded: boolean
  stop(): Promise<void>
}

export interface StartTemporalOptions {
  /** TEMPORAL_ADDRESS: use this cluster instead of starting one. */
  address?: string
  namespace?: string
  /** Where the dev server keeps its SQLite state (ignored when inMemory). */
  stateDir?: string
  /** Frontend port; 0 picks a free one. Default 7233. */
  port?: number
  /** UI port; 0 picks a free one. Default 8233. */
  uiPort?: number
  /** No state file and no UI: a throwaway server for tests. */
  inMemory?: boolean
  cwd: string
  log?: (message: string) => void
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const READY_TIMEOUT_MS = 60_000

/**
 * TEMPORAL_ADDRESS when given; else the Temporal CLI dev server (a real Temporal server with
 * SQLite persistence), installed with Go by scripts/install-temporal-cli.sh when missing. A dev
 * server already serving the default port (left by an earlier `cs360 worker`) is reused.
 */
export async function startTemporal(options: StartTemporalOptions): Promise<TemporalServer> {
  const namespace = options.namespace ?? 'default'
  if (options.address) {
    return { address: options.address, namespace, embedded: false, stop: async () => undefined }
  }
  const port = options.port === 0 ? await freePort() : (options.port ?? 7233)
  const uiPort = options.uiPort === 0 ? await freePort() : (options.uiPort ?? 8233)
  const address = `127.0.0.1:${port}`
  if (!options.inMemory && (await isListening(port))) {
    await waitUntilReady(address, namespace, () => '')
    options.log?.(`reusing the Temporal server already listening on ${address}`)
    return {
      address,
      namespace,
      uiUrl: `http://127.0.0.1:${uiPort}`,
      embedded: true,
      stop: async () => undefined,
    }
  }
  const cli = findOrInstallCli(options.cwd, options.log)
  if (!cli) return startWithSdkDownload(namespace, options.log)

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
  ]
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()))
  args.push('--log-level', 'warn')
  if (options.inMemory) {
    args.push('--headless')
  } else {
    const stateDir = resolve(options.stateDir ?? join(options.cwd, '.cs360', 'temporal'))
    await mkdir(stateDir, { recursive: true })
    args.push('--db-filename', join(stateDir, 'temporal.db'), '--ui-port', String(uiPort))
  }
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  try {
    await waitUntilReady(address, namespace, () => output, child)
  } catch (error) {
    await killGroup(child)
    throw error
  }
  options.log?.(
    `Temporal dev server on ${address}${options.inMemory ? '' : `, UI http://127.0.0.1:${uiPort}`}`,
  )
  return {
    address,
    namespace,
    uiUrl: options.inMemory ? undefined : `http://127.0.0.1:${uiPort}`,
    embedded: true,
    stop: () => killGroup(child),
  }
}

function findOrInstallCli(cwd: string, log?: (message: string) => void): string | undefined {
  const found = findTemporalCli(cwd) ?? findTemporalCli(PROJECT_ROOT)
  if (found) return found
  log?.('Temporal CLI not found; installing it with Go')
  spawnSync('bash', [join(PROJECT_ROOT, INSTALL_SCRIPT)], { stdio: 'inherit' })
  return findTemporalCli(PROJECT_ROOT)
}

/** Last resort on machines with internet access: the SDK downloads the CLI itself. */
async function startWithSdkDownload(
  namespace: string,
  log?: (message: string) => void,
): Promise<TemporalServer> {
  log?.('no Temporal CLI available; trying the Temporal SDK download')
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing')
    const env = await TestWorkflowEnvironment.createLocal()
    const address = env.connection.options.address
    return { address, namespace, embedded: true, stop: () => env.teardown() }
  } catch (error) {
    throw new Error(
      `no Temporal server: TEMPORAL_ADDRESS is unset, the Temporal CLI is not installed, and its download failed (${error instanceof Error ? error.message : String(error)}). ` +
        `Install Go and run \`bash ${INSTALL_SCRIPT}\`, or install the Temporal CLI and set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to a running Temporal.`,
      { cause: error },
    )
  }
}

async function waitUntilReady(
  address: string,
  namespace: string,
  output: () => string,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let lastError: unknown
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `the Temporal dev server exited with code ${child.exitCode}:\n${output().trim()}`,
      )
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 })
      try {
        await connection.workflowService.describeNamespace({ namespace })
        return
      } finally {
        await connection.close()
      }
    } catch (error) {
      lastError = error
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  throw new Error(
    `the Temporal server on ${address} was not ready within ${READY_TIMEOUT_MS / 1000} s (${lastError instanceof Error ? lastError.message : String(lastError)}):\n${output().trim()}`,
  )
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig)
    } catch {
      // Already gone.
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
