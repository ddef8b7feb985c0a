import type { Dataset } from './dataset/schema.js'
import type { SandboxServer } from './framework/sandbox-server.js'
import { SANDBOX_CREDENTIALS, SANDBOX_PORT_OFFSETS } from './sandbox-credentials.js'
import { startSalesforceSandbox, type SalesforceSandbox } from './salesforce/server.js'

export interface RunningSandbox {
  servers: SandboxServer[]
  salesforce?: SalesforceSandbox
  /** Sections of the dataset no server serves yet. */
  unserved: string[]
  close(): Promise<void>
}

/**
 * Starts one server per system the dataset carries, on consecutive ports from `basePort`
 * (0: ephemeral ports, as tests use).
 */
export interface SandboxTuning {
  /** Delay added to every response. */
  latencyMs?: number
  /** Access token lifetime in seconds. */
  tokenTtlSeconds?: number
  /** Salesforce's daily API allowance; 403 REQUEST_LIMIT_EXCEEDED once spent. */
  dailyApiLimit?: number
}

export async function startSandbox(
  dataset: Dataset,
  basePort = 0,
  tuning: SandboxTuning = {},
): Promise<RunningSandbox> {
  const port = (system: keyof typeof SANDBOX_PORT_OFFSETS) =>
    basePort === 0 ? 0 : basePort + SANDBOX_PORT_OFFSETS[system]
  const servers: SandboxServer[] = []
  let salesforce: SalesforceSandbox | undefined
  if (dataset.salesforce) {
    salesforce = await startSalesforceSandbox({
      dataset: dataset.salesforce,
      credentials: SANDBOX_CREDENTIALS.salesforce,
      port: port('salesforce'),
      tokenTtlSeconds: tuning.tokenTtlSeconds,
      dailyApiLimit: tuning.dailyApiLimit,
    })
    servers.push(salesforce)
  }
  for (const server of servers) server.faults.latencyMs = tuning.latencyMs ?? 0
  const unserved = (['hubspot', 'zendesk', 'stripe', 'amplitude'] as const).filter(
    (s) => dataset[s] !== undefined,
  )
  return {
    servers,
    salesforce,
    unserved,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()))
    },
  }
}
