import { sourcesByKind } from '../../activities/compute-scores.js'
import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { recordCrm, type Cs360Config } from '../../config/schema.js'
import { accountOutcomes } from '../../db/backtest/outcomes.js'
import { scoresAsOf } from '../../db/backtest/scores-as-of.js'
import type { Database } from '../../db/database.js'
import { evaluateBacktest, type BacktestEvaluation } from '../../model/backtest/evaluate.js'
import type { BacktestAccount } from '../../model/backtest/outcomes.js'
import { createLogger } from '../../logger.js'
import { formatBacktest, type BacktestRun } from '../backtest-report.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { runSyncOnce } from '../run-sync.js'
import { startSandboxCompany } from '../sandbox-company.js'
import { openDatabase } from '../services.js'
import type { Kysely } from 'kysely'

const DAY_MS = 86_400_000

export interface BacktestOptions {
  config: string
  against?: string
  asOf?: string
  horizon: number
  json?: boolean
  sandbox?: boolean
  accounts: number
  seed: number
  crm: 'salesforce' | 'hubspot'
}

/**
 * `cs360 backtest`: scores every customer account as of a past day from the time-stamped data in
 * the customer-360, under config A (and B), and sets them against what happened next in the CRM.
 * `--sandbox` first generates a company, syncs it through the real pipeline, then back-tests it.
 */
export async function backtestCommand(opts: BacktestOptions): Promise<void> {
  const horizon = opts.horizon
  if (horizon < 30 || horizon > 730)
    throw new CliExit(EXIT_CONFIG, `--horizon: whole days from 30 to 730, not "${opts.horizon}"`)
  if (opts.sandbox) return sandboxBacktest(opts, horizon)
  const a = await loadConfig(opts.config)
  const b = opts.against === undefined ? undefined : await loadConfig(opts.against)
  const { db } = await openDatabase(readEnvironment(), () => undefined)
  const today = new Date().toISOString().slice(0, 10)
  const run = await backtest(db, {
    crm: recordCrm(a),
    configs: [
      { name: opts.config, config: a },
      ...(b && opts.against ? [{ name: opts.against, config: b }] : []),
    ],
    ...window(opts.asOf, horizon, today),
  })
  print(run, opts.json)
}

async function sandboxBacktest(opts: BacktestOptions, horizon: number): Promise<void> {
  const { accounts, seed } = opts
  if (accounts < 50)
    throw new CliExit(EXIT_CONFIG, `--accounts: a whole number of at least 50, not ${accounts}`)
  const say = (message: string) => console.error(`· ${message}`)
  const company = await startSandboxCompany({
    accounts,
    seed,
    crm: opts.crm,
    database: 'cs360_backtest',
    port: 8710,
    configDir: 'backtest',
    configHeader: () =>
      '# Written by `cs360 backtest --sandbox`: the default config over the sandboxes it started.\n',
    say,
  })
  say('running syncAll over the generated company (extract → compute → write back)…')
  await runSyncOnce(
    company.temporal.target,
    {
      db: company.db,
      config: company.config,
      log: createLogger({ command: 'backtest' }, () => undefined),
    },
    { trigger: 'backtest', asOf: company.asOf },
    false,
    // Stdout carries the back-test's report (--json): progress goes with the narrative.
    process.stderr,
  )
  const b = opts.against === undefined ? undefined : await loadConfig(opts.against)
  const run = await backtest(company.db, {
    crm: company.crm,
    configs: [
      { name: 'default config', config: company.config },
      ...(b && opts.against ? [{ name: opts.against, config: b }] : []),
    ],
    ...window(opts.asOf, horizon, company.asOf),
  })
  print(run, opts.json)
}

/** The back-test's day and the end of its horizon; outcomes after `today` are not known yet. */
function window(
  // A real YYYY-MM-DD day: the option parser (option-values.ts isoDay) checked it.
  asOf: string | undefined,
  horizon: number,
  today: string,
) {
  const until = (day: string) =>
    new Date(Date.parse(day) + horizon * DAY_MS).toISOString().slice(0, 10)
  if (asOf === undefined) {
    const day = new Date(Date.parse(today) - horizon * DAY_MS).toISOString().slice(0, 10)
    return { asOf: day, until: today }
  }
  if (until(asOf) > today)
    throw new CliExit(
      EXIT_CONFIG,
      `--as-of ${asOf}: its ${horizon}-day horizon ends ${until(asOf)}, after today (${today}); what happened next is not known yet. Pick a day on or before ${new Date(Date.parse(today) - horizon * DAY_MS).toISOString().slice(0, 10)} or a shorter --horizon`,
    )
  return { asOf, until: until(asOf) }
}

export async function backtest(
  db: Kysely<Database>,
  input: {
    crm: string
    configs: { name: string; config: Cs360Config }[]
    asOf: string
    until: string
  },
): Promise<BacktestRun> {
  const [first] = input.configs
  if (!first) throw new Error('backtest: no config')
  const sources = sourcesByKind({ config: first.config })
  const scores = await scoresAsOf(
    db,
    input.crm,
    sources,
    input.asOf,
    input.configs.map((c) => c.config.model),
  )
  const outcomes = await accountOutcomes(db, input.crm, input.asOf, input.until)
  const results = input.configs.map(({ name, config }, i): BacktestRun['results'][number] => {
    const accounts = scores[i]!.flatMap((s): BacktestAccount[] => {
      const outcome = outcomes.get(s.accountId)
      return outcome ? [{ ...s, ...outcome }] : []
    })
    const evaluation: BacktestEvaluation = evaluateBacktest(accounts, config.model.metrics.forecast)
    return { name, evaluation }
  })
  return { crm: input.crm, asOf: input.asOf, until: input.until, results }
}

function print(run: BacktestRun, json: boolean | undefined) {
  console.log(json ? JSON.stringify(run, null, 2) : formatBacktest(run))
  if (run.results[0]!.evaluation.customers === 0)
    console.log(
      `no customer accounts in ${run.crm} on ${run.asOf}: sync first, or pick a day covered by the synced contracts`,
    )
}
