import { identityCounts } from '../../db/identity/identity-report.js'
import { createLogger } from '../../logger.js'
import { findSandboxSystem } from '../../sandbox/registry.js'
import { mostUrgentOpenPlays } from '../../db/plays/open-plays.js'
import { csmAgreementEntries } from '../../db/csm-disagreements.js'
import { summarizeAgreement } from '../../model/health/csm-agreement.js'
import { countsLine } from './report-disagreements.js'
import { formatPlay } from '../plays.js'
import { retentionLines } from '../retention.js'
import type { RunningSandbox } from '../../sandbox/start-sandbox.js'
import { startSandboxCompany } from '../sandbox-company.js'
import { healthDistribution } from '../../db/metrics/health-distribution.js'
import { healthDistributionLines } from '../health-distribution.js'
import { runSyncOnce } from '../run-sync.js'
import { identityCountLines } from '../identity-report.js'
import { formatSyncSummary } from '../summary.js'
import { digestForRun } from '../digest-for-run.js'

const DEMO_DATABASE = 'cs360_demo'

function demoConfigHeader(sandbox: RunningSandbox): string {
  const env = Object.entries(sandbox.env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' \\\n#   ')
  return `# Written by \`cs360 demo\`: the sandbox servers it started. Reuse it with
#   ${env} \\
#   cs360 --config .cs360/demo/cs360.config.yaml sync --once   (while \`cs360 sandbox --port 8700\` runs)
`
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
  const say = (message: string) => console.log(`· ${message}`)
  const { db, databaseUrl, temporal, sandbox, crm, asOf, configFile, ...company } =
    await startSandboxCompany({
      accounts: opts.accounts,
      seed: opts.seed,
      crm: opts.crm ?? 'salesforce',
      database: DEMO_DATABASE,
      port: opts.port ?? 8700,
      configDir: 'demo',
      configHeader: demoConfigHeader,
      say,
    })
  const crmServer = sandbox.server(crm)!
  const showcase = findSandboxSystem(crm)!.writeBackShowcase!(crmServer)

  say('running syncAll (extract → compute → write back)…')
  const { workflowId, result } = await runSyncOnce(
    temporal.target,
    { db, config: company.config, log: createLogger({ command: 'demo' }, () => undefined) },
    { trigger: 'demo', asOf },
  )
  console.log('')
  console.log(formatSyncSummary(result))
  console.log((await digestForRun(db, crm, result.asOf)).join('\n'))
  console.log(`records of other systems linked to ${crm} accounts:`)
  console.log(identityCountLines(await identityCounts(db, crm)).join('\n'))
  console.log(findSandboxSystem(crm)!.writeBackShowcase!(crmServer).summary)
  const tierOrder = [...company.config.model.segments.tiers]
    .sort((a, b) => b.minArr - a.minArr)
    .map((t) => t.id)
  for (const line of healthDistributionLines(await healthDistribution(db, crm), tierOrder))
    console.log(line)
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
    `  People vs model DATABASE_URL='${databaseUrl}' npx cs360 --config ${configFile} report disagreements   (where CSMs see it otherwise, most ARR first)`,
  )
  console.log(`  Config          ${configFile}`)
  console.log(
    `demo finished in ${Math.round((Date.now() - started) / 1000)} s${opts.stay ? '; everything stays up until Ctrl-C' : ' (run `npm run demo -- --stay` to keep the services up)'}`,
  )
  if (opts.stay) await new Promise(() => undefined)
}
