import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { readEnvironment } from '../../config/environment.js'
import { parseConfig, formatProblem } from '../../config/load.js'
import { connectDatabase } from '../../db/connect.js'
import { identityCounts } from '../../db/identity/identity-report.js'
import { migrateToLatest } from '../../db/migrate.js'
import { createLogger } from '../../logger.js'
import { startDatabase } from '../../runtime/postgres.js'
import { onShutdown } from '../../runtime/shutdown.js'
import { generateDataset } from '../../sandbox/dataset/generate.js'
import { findSandboxSystem } from '../../sandbox/registry.js'
import { configuredConnector } from '../../activities/deps.js'
import { provisionWriteBackFields } from '../../activities/write-back-fields.js'
import { recordCrm } from '../../config/schema.js'
import { mostUrgentOpenPlays } from '../../db/plays/open-plays.js'
import { csmAgreementEntries } from '../../db/csm-disagreements.js'
import { summarizeAgreement } from '../../model/health/csm-agreement.js'
import { countsLine } from './report-disagreements.js'
import { formatPlay } from '../plays.js'
import { retentionLines } from '../retention.js'
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox.js'
import { runSyncOnce } from '../run-sync.js'
import { openTemporal } from '../services.js'
import { identityCountLines } from '../identity-report.js'
import { formatSyncSummary } from '../summary.js'

const DEMO_DATABASE = 'cs360_demo'

function demoConfig(sandbox: RunningSandbox): string {
  const env = Object.entries(sandbox.env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' \\\n#   ')
  return `# Written by \`cs360 demo\`: the sandbox servers it started. Reuse it with
#   ${env} \\
#   cs360 --config .cs360/demo/cs360.config.yaml sync --once   (while \`cs360 sandbox --port 8700\` runs)
${sandbox.configYaml()}`
}

/**
 * `cs360 demo`: the whole product on one machine. A real PostgreSQL and Temporal (embedded
 * unless DATABASE_URL / TEMPORAL_ADDRESS say otherwise), sandbox Salesforce, Zendesk, Stripe and
 * Amplitude holding one generated company, an in-process worker, and one full sync.
 */
export async function demoCommand(opts: {
  accounts: number
  seed: number
  stay: boolean
  port?: number
  /** The CRM of record the generated company lives in. */
  crm?: 'salesforce' | 'hubspot'
}): Promise<void> {
  const started = Date.now()
  const env = readEnvironment()
  const home = resolve(env.CS360_HOME)
  const say = (message: string) => console.log(`· ${message}`)
  const log = createLogger({ command: 'demo' }, () => undefined)

  const server = await startDatabase({
    url: env.DATABASE_URL,
    dataDir: join(home, 'postgres'),
    port: 5433,
  })
  onShutdown(() => server.stop())
  const databaseUrl = await freshDatabase(server.url, DEMO_DATABASE)
  const db = connectDatabase(databaseUrl)
  onShutdown(() => db.destroy())
  await migrateToLatest(db)
  say(
    `PostgreSQL ready (${server.embedded ? 'embedded' : 'DATABASE_URL'}), database ${DEMO_DATABASE} migrated`,
  )

  const temporal = await openTemporal(env, () => undefined)
  say(`Temporal ready at ${temporal.target.address}${temporal.embedded ? ' (dev server)' : ''}`)

  const asOf = new Date().toISOString().slice(0, 10)
  const dataset = generateDataset({
    accounts: opts.accounts,
    seed: opts.seed,
    asOf,
    crm: opts.crm ?? 'salesforce',
  })
  const sandbox = await startSandbox(dataset, await basePort(opts.port ?? 8700))
  onShutdown(() => sandbox.close())
  const company = dataset.company!
  say(
    `a generated company of ${company.accounts} accounts (${company.bySegment.enterprise} enterprise, ${company.bySegment['mid-market']} mid-market, ${company.bySegment.smb} SMB), ${company.csms} CSMs, in ${sandbox.servers.length} sandboxes:`,
  )
  for (const s of sandbox.servers) say(`  ${s.system.padEnd(11)} ${s.url}`)

  const configText = demoConfig(sandbox)
  await mkdir(join(home, 'demo'), { recursive: true })
  await writeFile(join(home, 'demo', 'cs360.config.yaml'), configText)
  const parsed = parseConfig(configText, { ...process.env, ...sandbox.env })
  if (!parsed.ok)
    throw new Error(`demo config invalid:\n${parsed.problems.map(formatProblem).join('\n')}`)
  const crm = recordCrm(parsed.config)
  const crmServer = sandbox.server(crm)!
  const showcase = findSandboxSystem(crm)!.writeBackShowcase!(crmServer)

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

  say('running syncAll (extract → compute → write back)…')
  const { workflowId, result } = await runSyncOnce(
    temporal.target,
    { db, config: parsed.config, log },
    { trigger: 'demo', asOf },
  )
  console.log('')
  console.log(formatSyncSummary(result))
  console.log(`records of other systems linked to ${crm} accounts:`)
  console.log(identityCountLines(await identityCounts(db, crm)).join('\n'))
  console.log(findSandboxSystem(crm)!.writeBackShowcase!(crmServer).summary)
  for (const line of await retentionLines(db, crm, asOf)) console.log(line)
  const agreement = summarizeAgreement(await csmAgreementEntries(db, crm)).overall
  console.log(`CSMs' own health views against the model: ${countsLine(agreement)}`)
  const urgent = await mostUrgentOpenPlays(db, crm, 3)
  if (urgent.length > 0) {
    console.log('the three most urgent plays:')
    const names = new Map(
      (
        await db
          .selectFrom('accounts')
          .select(['source_id', 'name'])
          .where('source', '=', crm)
          .where(
            'source_id',
            'in',
            urgent.map((p) => p.account_id),
          )
          .execute()
      ).map((a) => [a.source_id, a.name]),
    )
    for (const play of urgent) console.log(`  ${formatPlay(play, names.get(play.account_id))}`)
  }
  console.log('')
  console.log('Where to look next:')
  if (temporal.uiUrl)
    console.log(
      `  Temporal UI     ${temporal.uiUrl}/namespaces/${temporal.target.namespace}/workflows/${encodeURIComponent(workflowId)}`,
    )
  console.log(
    `  Postgres        psql '${databaseUrl}' -c "select a.name, s.health_score, s.health_band, s.arr, s.next_renewal_date from account_scores s join accounts a using (source, source_id) order by s.health_score limit 10"`,
  )
  console.log(`  Sandbox CRM     ${showcase.lookHere}`)
  console.log(
    `  Identity        DATABASE_URL='${databaseUrl}' npx cs360 report identity   (conflicts and unmatched records, with the evidence)`,
  )
  console.log(
    `  People vs model DATABASE_URL='${databaseUrl}' npx cs360 --config ${join(home, 'demo', 'cs360.config.yaml')} report disagreements   (where CSMs see it otherwise, most ARR first)`,
  )
  console.log(`  Config          ${join(home, 'demo', 'cs360.config.yaml')}`)
  console.log(
    `demo finished in ${Math.round((Date.now() - started) / 1000)} s${opts.stay ? '; everything stays up until Ctrl-C' : ' (run `npm run demo -- --stay` to keep the services up)'}`,
  )
  if (opts.stay) await new Promise(() => undefined)
}

/** Each demo starts from an empty customer-360, so it shows a first full sync. */
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
  const { isListening } = await import('../../runtime/free-port.js')
  for (let offset = 0; offset < 5; offset++) if (await isListening(preferred + offset)) return 0
  return preferred
}
