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
}

/** Address, namespace and credentials for Temporal Cloud or a self-hosted cluster. */
export async function temporalTarget(env: Environment, address: string): Promise<TemporalTarget> {
  const target: TemporalTarget = {
    address,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
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
  const connection = await Connection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
  })
  return new Client({ connection, namespace: target.namespace })
}

export function workerConnection(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
  })
}
