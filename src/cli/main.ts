import { Command, CommanderError } from 'commander'
import { DEFAULT_CONFIG_FILE } from '../config/load.js'
import { runShutdown } from '../runtime/shutdown.js'
import { backtestCommand, type BacktestOptions } from './commands/backtest.js'
import { checkCommand } from './commands/check.js'
import { crmProvisionCommand } from './commands/crm-provision.js'
import { demoCommand } from './commands/demo.js'
import { initCommand } from './commands/init.js'
import { migrateCommand } from './commands/migrate.js'
import { reportCapacityCommand } from './commands/report-capacity.js'
import { reportDisagreementsCommand } from './commands/report-disagreements.js'
import { reportIdentityCommand } from './commands/report-identity.js'
import { resetCommand } from './commands/reset.js'
import { reportRejectionsCommand } from './commands/report-rejections.js'
import { reportRunCommand, syncRunId } from './commands/report-run.js'
import {
  crmOption,
  sandboxGenerateCommand,
  sandboxServeCommand,
  type SandboxServeOptions,
} from './commands/sandbox.js'
import { syncOnceCommand } from './commands/sync.js'
import { workerCommand } from './commands/worker.js'
import { showSdkLogs } from '../temporal/worker.js'
import { causeChain, describeError, EXIT_CONFIG, EXIT_OK, exitCodeFor } from './exit-codes.js'
import { isVerbose, setVerbose } from './verbosity.js'
import { isoDay, nonNegativeInteger, port, positiveInteger } from './option-values.js'

const VERBOSE_HELP =
  'on failure, print the cause chain with stack traces, and the Temporal SDK’s own log'

const program = new Command('cs360')
  .description(
    'Customer-success sync engine: CRM, support, billing and product data into a Postgres customer-360; health written back to the CRM.',
  )
  .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
  .option('-v, --verbose', VERBOSE_HELP)
  .exitOverride()
  // Commander's own usage errors read like cs360's: `cs360: option '--as-of <date>' …`.
  .configureOutput({
    outputError: (message, write) => write(message.replace(/^error: /, 'cs360: ')),
  })
  // Options after a subcommand belong to it (`sandbox generate --accounts` vs `sandbox --accounts`).
  .enablePositionalOptions()

const configPath = () => program.opts<{ config: string }>().config

program
  .command('init')
  .description('write a commented example config file')
  .option('--force', 'overwrite an existing file')
  .action((opts: { force?: boolean }) => initCommand(configPath(), Boolean(opts.force)))

program
  .command('check')
  .description('validate the config file and test every configured connection')
  .action(async () => {
    process.exitCode = await checkCommand(configPath())
  })

program
  .command('migrate')
  .description('apply database migrations')
  .action(() => migrateCommand())

program
  .command('worker')
  .description('run a Temporal worker on task queue cs360')
  .action(() => workerCommand(configPath()))

program
  .command('sync')
  .description('run syncAll: extract, compute, write back')
  .requiredOption('--once', 'run one sync to completion and print its summary')
  .option('--as-of <date>', 'day the scores describe (YYYY-MM-DD), default today', isoDay)
  .option(
    '--use-worker',
    'hand the run to the running `cs360 worker` processes instead of an in-process worker',
  )
  .option('--dry-run', 'compute everything and show what would be written; write nothing')
  .option('--full', 'read every stream from the beginning (keeps what is stored; nothing blinks)')
  .option('--source <connector>', 'with --full: only this connector is read from the beginning')
  .action(
    (opts: {
      asOf?: string
      useWorker?: boolean
      dryRun?: boolean
      full?: boolean
      source?: string
    }) =>
      syncOnceCommand(configPath(), opts.asOf, Boolean(opts.useWorker), Boolean(opts.dryRun), {
        full: Boolean(opts.full),
        source: opts.source,
      }),
  )

program
  .command('reset <connector>')
  .description(
    'forget everything held from one connector (records, cursors, scores, written values): its next sync starts clean',
  )
  .option('--yes', 'go ahead (without it, nothing is removed)')
  .action((connector: string, opts: { yes?: boolean }) => resetCommand(connector, opts))

program
  .command('preview')
  .description('a dry run: sync and score, show per account and field old → new, write nothing')
  .option('--as-of <date>', 'day the scores describe (YYYY-MM-DD), default today', isoDay)
  .action((opts: { asOf?: string }) => syncOnceCommand(configPath(), opts.asOf, false, true))

program
  .command('crm')
  .description('the CRM of record')
  .command('provision')
  .description(
    "create the CRM fields the write-back maps (HubSpot: cs360's property group and properties); idempotent",
  )
  .action(() => crmProvisionCommand(configPath()))

const report = program.command('report').description('reports on the customer-360')

report
  .command('identity')
  .description(
    'how records of support, billing and analytics were linked to CRM accounts; conflicts and unmatched records with the evidence',
  )
  .option('--crm <id>', 'the CRM to report on (default: every CRM resolved so far)')
  .option('--limit <n>', 'conflicts and unmatched records listed at most', positiveInteger, 200)
  .action((opts: { crm?: string; limit: number }) => reportIdentityCommand(opts))

report
  .command('capacity')
  .description(
    "accounts and ARR per tier, each CSM's book against the tiers' ratios, over- and under-covered CSMs, the headcount the base implies",
  )
  .option('--crm <id>', 'the CRM to report on (default: the CRM of record)')
  .action((opts: { crm?: string }) => reportCapacityCommand(configPath(), opts))

report
  .command('disagreements')
  .description(
    "accounts whose CSM's own health view (the CRM field csmHealthField names) differs from the model's Green/Yellow/Red, most ARR first; agreement per CSM",
  )
  .option('--csm <name>', 'one CSM, by name as the CRM shows it (or user id)')
  .option('--json', 'print the report as JSON')
  .option('--limit <n>', 'disagreements listed at most', positiveInteger, 200)
  .action((opts: { csm?: string; json?: boolean; limit: number }) =>
    reportDisagreementsCommand(configPath(), opts),
  )

report
  .command('rejections')
  .description('records the CRM refused in write-back: attempts, first and last error, next retry')
  .option('--connector <id>', 'one CRM connector (default: all)')
  .option('--limit <n>', 'records listed at most', positiveInteger, 200)
  .action((opts: { connector?: string; limit: number }) => reportRejectionsCommand(opts))

report
  .command('run')
  .description(
    'one sync run as a self-contained HTML page: health, records and time per step, API calls against the minimum, quarantined and refused records, identity conflicts',
  )
  .option('--run <id>', 'the sync run (default: the latest)', syncRunId)
  .option('--out <file>', 'where to write the page (default: <CS360_HOME>/reports/run-<id>.html)')
  .option('--open', 'open the page in the desktop browser (xdg-open or open)')
  .action((opts: { run?: string; out?: string; open?: boolean }) => reportRunCommand(opts))

program
  .command('backtest')
  .description(
    'score accounts as of a past day from time-stamped data and compare with what happened next',
  )
  .option('--config <file>', 'config A (default: the global --config)')
  .option('--against <file>', 'config B, back-tested beside A on the same data')
  .option('--as-of <date>', 'the day scored (YYYY-MM-DD), default today minus the horizon', isoDay)
  .option(
    '--horizon <days>',
    'days after the as-of day in which outcomes count',
    positiveInteger,
    180,
  )
  .option('--json', 'print the results as JSON')
  .option('--sandbox', 'generate a company, sync it through the pipeline, then back-test it')
  .option(
    '--accounts <n>',
    'accounts in the generated company (with --sandbox)',
    positiveInteger,
    2000,
  )
  .option('--seed <n>', 'generator seed (with --sandbox)', nonNegativeInteger, 42)
  .option('--crm <crm>', 'CRM of the generated company (with --sandbox)', 'salesforce')
  .action((opts: Omit<BacktestOptions, 'config' | 'crm'> & { config?: string; crm: string }) =>
    backtestCommand({ ...opts, config: opts.config ?? configPath(), crm: crmOption(opts.crm) }),
  )

program
  .command('demo')
  .description('embedded Postgres + Temporal + sandbox CRM with a generated company; one full sync')
  .option('--accounts <n>', 'accounts in the generated company', positiveInteger, 340)
  .option('--seed <n>', 'generator seed', nonNegativeInteger, 42)
  .option('--stay', 'keep Postgres, Temporal and the sandbox running until Ctrl-C')
  .option('--crm <crm>', 'the CRM of record: salesforce or hubspot', 'salesforce')
  .action((opts: { accounts: number; seed: number; stay?: boolean; crm: string }) =>
    demoCommand({
      accounts: opts.accounts,
      seed: opts.seed,
      stay: Boolean(opts.stay),
      crm: crmOption(opts.crm),
    }),
  )

const sandbox = program
  .command('sandbox')
  .description('serve local stand-ins of the SaaS APIs, seeded from a dataset file')
  .enablePositionalOptions()
  .option('--dataset <file>', 'dataset to serve (default: a generated company)')
  .option('--port <base>', 'first port; systems take consecutive ports', port, 8700)
  .option('--accounts <n>', 'accounts when generating', positiveInteger, 340)
  .option('--seed <n>', 'seed when generating', nonNegativeInteger, 42)
  .option('--latency <ms>', 'delay added to every response', nonNegativeInteger, 0)
  .option('--token-ttl <seconds>', 'access token lifetime', positiveInteger, 7200)
  .option(
    '--daily-api-limit <n>',
    'daily API allowance (Salesforce: then 403 REQUEST_LIMIT_EXCEEDED; HubSpot: 429 DAILY)',
    positiveInteger,
    100_000,
  )
  .option('--crm <crm>', 'CRM of record when generating: salesforce or hubspot', 'salesforce')
  .action((opts: SandboxServeOptions) => sandboxServeCommand(opts))

sandbox
  .command('generate')
  .description('write a synthetic company dataset (same seed, same file)')
  .option('--accounts <n>', 'number of accounts', positiveInteger, 340)
  .option('--seed <n>', 'random seed', nonNegativeInteger, 42)
  .option(
    '--as-of <date>',
    'the dataset\'s "today" (YYYY-MM-DD)',
    isoDay,
    new Date().toISOString().slice(0, 10),
  )
  .option('--crm <crm>', 'salesforce or hubspot', 'salesforce')
  .option('--out <file>', 'output file', 'cs360-dataset.json')
  .action((opts: { accounts: number; seed: number; asOf: string; crm: string; out: string }) =>
    sandboxGenerateCommand(opts),
  )

// -v is global: `cs360 -v sync --once` and `cs360 sync --once -v` alike.
for (const command of descendants(program)) command.option('-v, --verbose', VERBOSE_HELP)
program.hook('preAction', (_program, action) => {
  setVerbose(Boolean(action.optsWithGlobals<{ verbose?: boolean }>().verbose))
  if (isVerbose()) showSdkLogs()
})

function descendants(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...descendants(sub)])
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_CONFIG
    } else {
      process.exitCode = exitCodeFor(error)
      console.error(`cs360: ${describeError(error)}`)
      if (isVerbose()) for (const line of causeChain(error)) console.error(line)
    }
  } finally {
    await runShutdown()
  }
}

void main().then(() => {
  // Open handles (pg pools, gRPC channels) must not keep a finished command alive.
  process.exit(process.exitCode ?? 0)
})
