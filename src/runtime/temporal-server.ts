import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { freePort, isListening } from './free-port.js'
import { guardAgainstOrphan } from './orphan-guard.js'
import { stopProcessGroup } from './process-group.js'
import { onShutdown } from './shutdown.js'
import { findTemporalCli, installTemporalCli, PROJECT_ROOT } from './temporal-cli.js'
import { hasNamespace, isTemporalFrontend, waitForTemporal } from './temporal-probe.js'
import { startSdkDevServer } from './temporal-sdk-server.js'

export interface TemporalServer {
  address: string
  namespace: string
  uiUrl?: string
  embedded: boolean
  /** The dev server's process (leader of its process group) when this call started it. */
  pid?: number
  stop(): Promise<void>
}

export interface StartTemporalOptions {
  /** TEMPORAL_ADDRESS: use this cluster instead of starting one. */
  address?: string
  namespace?: string
  /** Where the dev server keeps its SQLite state (unused when inMemory). */
  stateDir?: string
  /** Frontend port, default 7233; 0 picks a free one. */
  port?: number
  /** Web UI port, default the frontend port + 1000 (8233); 0 picks a free one. */
  uiPort?: number
  /** Keep no state file: a throwaway server for tests. */
  inMemory?: boolean
  cwd: string
  log?: (message: string) => void
}

export const DEFAULT_PORT = 7233
const READY_TIMEOUT_MS = 60_000

/**
 * TEMPORAL_ADDRESS when given (the connection is verified by its user); else the Temporal CLI's
 * dev server, a real Temporal server with SQLite persistence in `stateDir`. The CLI comes from
 * TEMPORAL_CLI_PATH, PATH or .cs360/bin (built with Go by scripts/install-temporal-cli.sh when
 * missing), and as a last resort from the Temporal SDK's download. A Temporal server already
 * serving the requested port (one the user runs, say) is used as it is.
 */
export async function startTemporal(options: StartTemporalOptions): Promise<TemporalServer> {
  const namespace = options.namespace ?? 'default'
  if (options.address) {
    return { address: options.address, namespace, embedded: false, stop: async () => undefined }
  }
  const log = options.log ?? (() => undefined)
  const port = options.port === 0 ? await freePort() : (options.port ?? DEFAULT_PORT)
  const address = `127.0.0.1:${port}`
  if (options.port !== 0 && (await isListening(port))) {
    return reuseServer(address, port, namespace, options.uiPort, log)
  }
  const uiPort = await chooseUiPort(options.uiPort, port, log)
  const uiUrl = `http://127.0.0.1:${uiPort}`
  let dbFile: string | undefined
  if (!options.inMemory) {
    const stateDir = resolve(options.stateDir ?? join(options.cwd, '.cs360', 'temporal'))
    await mkdir(stateDir, { recursive: true })
    dbFile = join(stateDir, 'temporal.db')
  }

  const configured = process.env.TEMPORAL_CLI_PATH
  const cli =
    findTemporalCli(options.cwd) ?? findTemporalCli(PROJECT_ROOT) ?? (await installTemporalCli(log))
  if (configured && cli !== configured) {
    log(`TEMPORAL_CLI_PATH=${configured} is not an executable file; ignoring it`)
  }
  if (!cli) {
    log('no Temporal CLI available; trying the Temporal SDK download')
    const server = await startSdkDevServer({ namespace, port, uiPort, dbFile, cwd: options.cwd })
    const stop = once(async () => {
      unregister()
      await server.stop()
    })
    const unregister = onShutdown(stop)
    return { address: server.address, namespace, uiUrl, embedded: true, stop }
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)]
  args.push('--ui-port', String(uiPort), '--namespace', namespace, '--log-level', 'warn')
  if (dbFile) args.push('--db-filename', dbFile)
  // Its own process group, so stop() can take down everything it runs.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  let spawnError: Error | undefined
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  child.on('error', (error) => {
    spawnError = error
  })
  const guard = child.pid === undefined ? undefined : guardAgainstOrphan(-child.pid, 'TERM')
  let stopping = false
  child.on('exit', (code, signal) => {
    guard?.release()
    if (!stopping) log(`the Temporal dev server on ${address} exited (${signal ?? `code ${code}`})`)
  })
  const stop = once(async () => {
    stopping = true
    unregister()
    await stopProcessGroup(child)
    guard?.release()
  })
  const unregister = onShutdown(stop)

  try {
    await waitForTemporal(address, namespace, {
      timeoutMs: READY_TIMEOUT_MS,
      output: () => output,
      exited: () => {
        if (spawnError) return `could not be started (${cli}: ${spawnError.message})`
        if (child.exitCode !== null) return `exited with code ${child.exitCode}`
        if (child.signalCode !== null) return `was killed by ${child.signalCode}`
        return undefined
      },
    })
  } catch (error) {
    await stop()
    throw error
  }
  log(
    `Temporal dev server on ${address} (${dbFile ? `state in ${dbFile}` : 'in memory'}), UI ${uiUrl}`,
  )
  return { address, namespace, uiUrl, embedded: true, pid: child.pid, stop }
}

async function reuseServer(
  address: string,
  port: number,
  namespace: string,
  requestedUiPort: number | undefined,
  log: (message: string) => void,
): Promise<TemporalServer> {
  if (!(await isTemporalFrontend(address))) {
    throw new Error(
      `port ${port} is in use by something that is not a Temporal server. Stop it, or set ` +
        'TEMPORAL_ADDRESS to the Temporal server cs360 should use.',
    )
  }
  if (!(await hasNamespace(address, namespace))) {
    throw new Error(
      `the Temporal server at ${address} has no namespace ${namespace}. Create it with ` +
        `\`temporal operator namespace create --address ${address} --namespace ${namespace}\`, or set ` +
        'TEMPORAL_ADDRESS to the Temporal server cs360 should use.',
    )
  }
  log(`using the Temporal server already serving ${address}`)
  const uiPort = requestedUiPort || port + 1000
  const uiUrl = (await isListening(uiPort)) ? `http://127.0.0.1:${uiPort}` : undefined
  // Whoever started it stops it.
  return { address, namespace, uiUrl, embedded: true, stop: async () => undefined }
}

async function chooseUiPort(
  requested: number | undefined,
  port: number,
  log: (message: string) => void,
): Promise<number> {
  if (requested === 0) return freePort()
  const preferred = requested ?? port + 1000
  if (!(await isListening(preferred))) return preferred
  const uiPort = await freePort()
  log(`port ${preferred} is taken; the Temporal UI uses ${uiPort} instead`)
  return uiPort
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return () => (running ??= action())
}
