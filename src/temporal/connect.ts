import { readFile } from 'node:fs/promises'
import { Client, Connection } from '@temporalio/client'
import { NativeConnection } from '@temporalio/worker'
import type { Environment } from '../config/environment.js'

export interface TemporalTarget {
  address: string
  namespace: string
  taskQueue: string
  apiKey?: string
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean
  /** The address came from TEMPORAL_ADDRESS (not an embedded dev server): errors name it. */
  configured?: boolean
  /** TEMPORAL_CONNECT_TIMEOUT_SECONDS: how long a connection attempt may take (default 10 s). */
  connectTimeoutMs?: number
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/** Address, namespace and credentials for Temporal Cloud or a self-hosted cluster. */
export async function temporalTarget(env: Environment, address: string): Promise<TemporalTarget> {
  const target: TemporalTarget = {
    address,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    configured: env.TEMPORAL_ADDRESS === address,
    connectTimeoutMs: env.TEMPORAL_CONNECT_TIMEOUT_SECONDS * 1000,
  }
  if (env.TEMPORAL_API_KEY) {
    target.apiKey = env.TEMPORAL_API_KEY
    target.tls = true
  }
  if (env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH) {
    target.tls = {
      clientCertPair: {
        crt: await readFile(env.TEMPORAL_TLS_CERT_PATH),
        key: await readFile(env.TEMPORAL_TLS_KEY_PATH),
      },
    }
  } else if (env.TEMPORAL_TLS === 'true') {
    target.tls = true
  }
  return target
}

export async function temporalClient(target: TemporalTarget): Promise<Client> {
  const connection = await explainConnectFailure(target, () =>
    Connection.connect({
      address: target.address,
      tls: target.tls,
      apiKey: target.apiKey,
      connectTimeout: target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    }),
  )
  return new Client({ connection, namespace: target.namespace })
}

export function workerConnection(target: TemporalTarget): Promise<NativeConnection> {
  return explainConnectFailure(target, () =>
    NativeConnection.connect({
      address: target.address,
      tls: target.tls,
      apiKey: target.apiKey,
    }),
  )
}

/**
 * A connection that fails says which address did not answer and which setting points at it, in
 * one line with what to do; the SDK says only "Failed to connect before the deadline".
 */
async function explainConnectFailure<T>(target: TemporalTarget, connect: () => Promise<T>) {
  try {
    return await connect()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const fix = target.configured
      ? `start the Temporal server there, correct TEMPORAL_ADDRESS=${target.address}, or unset ` +
        'TEMPORAL_ADDRESS and cs360 starts its own Temporal dev server'
      : 'the Temporal dev server cs360 started has stopped; run the command again'
    const where = target.configured ? `TEMPORAL_ADDRESS=${target.address}` : target.address
    const within = `${(target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000} s, TEMPORAL_CONNECT_TIMEOUT_SECONDS`
    throw new Error(`Temporal at ${where} did not answer within ${within} (${reason}): ${fix}`, {
      cause: error,
    })
  }
}
