import { generateDataset } from '../../sandbox/dataset/generate.js'
import { loadDataset, writeDataset, type Dataset } from '../../sandbox/dataset/schema.js'
import { findSandboxSystem } from '../../sandbox/registry.js'
import { startSandbox } from '../../sandbox/start-sandbox.js'
import { onShutdown } from '../../runtime/shutdown.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'

export async function sandboxGenerateCommand(opts: {
  accounts: number
  seed: number
  asOf: string
  crm: string
  out: string
}): Promise<void> {
  const dataset = generateDataset({
    accounts: opts.accounts,
    seed: opts.seed,
    asOf: opts.asOf,
    crm: crmOption(opts.crm),
  })
  await writeDataset(opts.out, dataset)
  const c = dataset.company!
  console.log(
    `wrote ${opts.out}: ${c.accounts} accounts (${c.bySegment.enterprise} enterprise, ${c.bySegment['mid-market']} mid-market, ${c.bySegment.smb} SMB), ARR $${Math.round(c.arr).toLocaleString('en-US')}, ${c.csms} CSMs, as of ${dataset.asOf}`,
  )
}

export interface SandboxServeOptions {
  dataset?: string
  port: number
  accounts: number
  seed: number
  latency: number
  tokenTtl: number
  dailyApiLimit: number
  crm: string
}

/** `cs360 sandbox`: serves a dataset (or a generated company) until Ctrl-C. */
export async function sandboxServeCommand(opts: SandboxServeOptions): Promise<void> {
  const dataset: Dataset = opts.dataset
    ? await datasetOption(opts.dataset)
    : generateDataset({
        accounts: opts.accounts,
        seed: opts.seed,
        asOf: new Date().toISOString().slice(0, 10),
        crm: crmOption(opts.crm),
      })
  const sandbox = await startSandbox(dataset, opts.port, {
    latencyMs: opts.latency,
    tokenTtlSeconds: opts.tokenTtl,
    dailyApiLimit: opts.dailyApiLimit,
  })
  onShutdown(() => sandbox.close())
  for (const server of sandbox.servers) {
    console.log(`${server.system.padEnd(11)} ${server.url}`)
    for (const line of findSandboxSystem(server.system)?.describe(server) ?? [])
      console.log(`  ${line}`)
  }
  console.log('serving until Ctrl-C')
  await new Promise(() => undefined)
}

/** `--crm`: the CRM of record the generated company lives in. */
export function crmOption(value: string): 'salesforce' | 'hubspot' {
  if (value === 'salesforce' || value === 'hubspot') return value
  throw new CliExit(EXIT_CONFIG, `--crm ${value}: choose salesforce or hubspot`)
}

/** `--dataset`: a file that is missing or not a valid dataset is a usage error (exit 2). */
async function datasetOption(path: string): Promise<Dataset> {
  try {
    return await loadDataset(path)
  } catch (error) {
    throw new CliExit(
      EXIT_CONFIG,
      `--dataset: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
