import { createInstance, Types } from '@amplitude/analytics-node'
import { gunzipSync, unzipSync } from 'fflate'
import { SandboxClock } from './clock.js'
import { amplitudeDatasetSchema } from './dataset-schema.js'
import { startAmplitudeSandbox, type AmplitudeSandboxOptions } from './server.js'

/** Test support: a sandbox project on a pinned clock, SDK clients, export archives read back. */
export const credentials = { apiKey: 'test-api-key-0123', secretKey: 'test-secret-key-4567' }

/** The moment tests pin the project's clock to: events sent now are uploaded at 10:15 UTC. */
export const PINNED = Date.parse('2026-11-20T10:15:00Z')

export async function startTestProject(
  section: unknown = {},
  options: Partial<AmplitudeSandboxOptions> = {},
) {
  return startAmplitudeSandbox({
    dataset: amplitudeDatasetSchema.parse(section),
    credentials,
    clock: new SandboxClock(PINNED),
    ...options,
  })
}

/** An analytics-node client pointed at the sandbox, as a customer's backend configures it. */
export async function sdkClient(
  serverUrl: string,
  options: Partial<Types.NodeOptions> = {},
  apiKey = credentials.apiKey,
) {
  const client = createInstance()
  await client.init(apiKey, {
    serverUrl,
    flushIntervalMillis: 60_000,
    logLevel: Types.LogLevel.None,
    ...options,
  }).promise
  return client
}

export function basicAuth(apiKey = credentials.apiKey, secretKey = credentials.secretKey) {
  return `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`
}

export function exportRequest(url: string, start: string, end: string, auth = basicAuth()) {
  return fetch(`${url}/api/2/export?start=${start}&end=${end}`, {
    headers: { Authorization: auth },
  })
}

/** The files of an export zip, each gunzipped into its NDJSON events. */
export function readExport(zip: ArrayBuffer): Map<string, Record<string, unknown>[]> {
  const files = new Map<string, Record<string, unknown>[]>()
  for (const [name, data] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    const text = new TextDecoder().decode(gunzipSync(data))
    files.set(
      name,
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    )
  }
  return files
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
