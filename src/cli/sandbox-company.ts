import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { configuredConnector } from '../activities/deps.js'
import { provisionWriteBackFields } from '../activities/write-back-fields.js'
import { readEnvironment } from '../config/environment.js'
import { formatProblem, parseConfig } from '../config/load.js'
import { recordCrm, type Cs360Config } from '../config/schema.js'
import { connectDatabase } from '../db/connect.js'
import type { Database } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createLogger } from '../logger.js'
import { startDatabase } from '../runtime/postgres.js'
import { onShutdown } from '../runtime/shutdown.js'
import { generateDataset } from '../sandbox/dataset/generate.js'
import type { Dataset } from '../sandbox/dataset/schema.js'
import { startSandbox, type RunningSandbox } from '../sandbox/start-sandbox.js'
import { openTemporal, type TemporalService } from './services.js'

export interface SandboxCompany {
  db: Kysely<Database>
  databaseUrl: string
  temporal: TemporalService
  dataset: Dataset
  sandbox: RunningSandbox
  config: Cs360Config
  crm: string
  /** The dataset's day (today): what the sandboxes serve as now. */
  asOf: string
  /** Where the config the sandboxes answer to was written. */
  configFile: string
  home: string
}

/**
 * A generated company served by the sandboxes, an empty customer-360 database named `database`
 * (PostgreSQL embedded unless DATABASE_URL says otherwise), Temporal (dev server unless
 * TEMPORAL_ADDRESS), and the CRM's cs360 fields provisioned: what `cs360 demo` and
 * `cs360 backtest --sandbox` sync through the real pipeline. Everything stops at shutdown.
 */
export async function startSandboxCompany(opts: {
  accounts: number
  seed: number
  crm: 'salesforce' | 'hubspot'
  database: string
  port: number
  /** The config file written for the user to reuse: `<home>/<configDir>/cs360.config.yaml`. */
  configDir: string
  configHeader: (sandbox: RunningSandbox) => string
  say: (message: string) => void
}): Promise<SandboxCompany> {
  const { say } = opts
  const env = readEnvironment()
  const home = resolve(env.CS360_HOME)
  const log = createLogger({ command: opts.configDir }, () => undefined)

  const server = await startDatabase({
    url: env.DATABASE_URL,
    dataDir: join(home, 'postgres'),
    port: 5433,
  })
  onShutdown(() => server.stop())
  const databaseUrl = await freshDatabase(server.url, opts.database)
  const db = connectDatabase(databaseUrl)
  onShutdown(() => db.destroy())
  await migrateToLatest(db)
  say(
    `PostgreSQL ready (${server.embedded ? 'embedded' : 'DATABASE_URL'}), database ${opts.database} migrated`,
  )

  const temporal = await openTemporal(env, () => undefined)
  say(`Temporal ready at ${temporal.target.address}${temporal.embedded ? ' (dev server)' : ''}`)

  const asOf = new Date().toISOString().slice(0, 10)
  const dataset = generateDataset({
    accounts: opts.accounts,
    seed: opts.seed,
    asOf,
    crm: opts.crm,
  })
  const sandbox = await startSandbox(dataset, await basePort(opts.port))
  onShutdown(() => sandbox.close())
  const company = dataset.company!
  say(
    `a generated company of ${company.accounts} accounts (${company.bySegment.enterprise} enterprise, ${company.bySegment['mid-market']} mid-market, ${company.bySegment.smb} SMB), ${company.csms} CSMs, in ${sandbox.servers.length} sandboxes:`,
  )
  for (const s of sandbox.servers) say(`  ${s.system.padEnd(11)} ${s.url}`)

  const configText = `${opts.configHeader(sandbox)}${sandbox.configYaml()}`
  const configFile = join(home, opts.configDir, 'cs360.config.yaml')
  await mkdir(join(home, opts.configDir), { recursive: true })
  await writeFile(configFile, configText)
  const parsed = parseConfig(configText, { ...process.env, ...sandbox.env })
  if (!parsed.ok)
    throw new Error(
      `${opts.configDir} config invalid:\n${parsed.problems.map(formatProblem).join('\n')}`,
    )
  const crm = recordCrm(parsed.config)

  const { connector, ctx } = await configuredConnector({ config: parsed.config, log }, crm)
  const provisioned = await provisionWriteBackFields(crm, connector, ctx)
  say(
    `cs360 crm provision: ${provisioned.created.length} field(s) created${
      provisioned.existing.length > 0 ? `, ${provisioned.existing.length} already there` : ''
    } on ${crm}`,
  )
  const notReady = [...provisioned.manual, ...provisioned.problems]
  if (notReady.length > 0)
    throw new Error(`${crm} is not ready for write-back:\n${notReady.join('\n')}`)
  return {
    db,
    databaseUrl,
    temporal,
    dataset,
    sandbox,
    config: parsed.config,
    crm,
    asOf,
    configFile,
    home,
  }
}

/** Each run starts from an empty customer-360, so it shows a first full sync. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.query(`create database ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** The documented sandbox ports when free, else ephemeral ones. */
async function basePort(preferred: number): Promise<number> {
  const { isListening } = await import('../runtime/free-port.js')
  for (let offset = 0; offset < 5; offset++) if (await isListening(preferred + offset)) return 0
  return preferred
}
