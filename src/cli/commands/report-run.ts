import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { access, mkdir, writeFile } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import type { Kysely } from 'kysely'
import { readEnvironment } from '../../config/environment.js'
import { connectorManifests, loadConnector } from '../../connectors/registry.js'
import type { Database, SyncRun } from '../../db/database.js'
import { identityCounts, identityIssues } from '../../db/identity/identity-report.js'
import {
  findRun,
  runAsOf,
  runHealth,
  runQuarantine,
  runRefusalCounts,
  runRefusals,
} from '../../db/run-report.js'
import { runSteps } from '../../db/sync-runs.js'
import type { MinimumConnector } from '../../report/run/api-minimums.js'
import { chartLibraryScript } from '../../report/run/chart-library.js'
import { runReportPage } from '../../report/run/page.js'
import { runReportView, scoredCrm } from '../../report/run/view-model.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { openDatabase } from '../services.js'

const LISTED_AT_MOST = 200
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `--run`: a sync run id as `cs360 sync --once` prints it. */
export function syncRunId(value: string): string {
  if (!UUID.test(value.trim()))
    throw new InvalidArgumentError(
      'Expected a sync run id (a UUID, as `cs360 sync --once` prints it).',
    )
  return value.trim().toLowerCase()
}

/**
 * `cs360 report run`: one sync run as a self-contained HTML page (charts and tables), written to
 * a file whose path it prints; `--open` hands it to the desktop's browser.
 */
export async function reportRunCommand(opts: {
  run?: string
  out?: string
  open?: boolean
}): Promise<void> {
  const env = readEnvironment()
  const { db } = await openDatabase(env, () => undefined)
  const run = await findRun(db, opts.run)
  if (!run)
    throw new CliExit(
      EXIT_CONFIG,
      opts.run === undefined
        ? 'no sync run on record yet: run `cs360 sync --once` first'
        : `no sync run ${opts.run} on record (the ids are in the sync_runs table and in \`cs360 sync --once\`'s summary)`,
    )
  const [report, library] = await Promise.all([runReport(db, run), chartLibraryScript()])
  const file = resolve(opts.out ?? join(env.CS360_HOME, 'reports', `run-${run.id}.html`))
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, runReportPage(report, library))
  console.log(file)
  if (opts.open) await openInBrowser(file)
}

/** Everything the page shows about one run, read from the database. */
export async function runReport(db: Kysely<Database>, run: SyncRun) {
  const steps = await runSteps(db, run.id)
  const crm = scoredCrm(steps)
  const asOf = crm === null ? null : await runAsOf(db, crm, run)
  const [health, quarantine, refusalCounts, refusals, counts, issues] = await Promise.all([
    crm === null ? { basis: 'none' as const, bands: [] } : runHealth(db, crm, run, asOf),
    runQuarantine(db, run.id),
    runRefusalCounts(db, run.id),
    runRefusals(db, run.id, LISTED_AT_MOST),
    crm === null ? [] : identityCounts(db, crm),
    crm === null ? [] : identityIssues(db, crm, LISTED_AT_MOST),
  ])
  return runReportView({
    run,
    steps,
    crm,
    asOf,
    health,
    quarantine,
    refusalCounts,
    refusals,
    refusalLimit: LISTED_AT_MOST,
    identityCounts: counts,
    identityIssues: issues,
    identityLimit: LISTED_AT_MOST,
    connectors: await stepConnectors(steps.map((s) => s.step)),
    generatedAt: new Date(),
  })
}

/** The connectors the steps name (`extract:<id>:<stream>`, `writeback:<id>`), for their minimums. */
async function stepConnectors(
  steps: string[],
): Promise<Record<string, MinimumConnector | undefined>> {
  const known = new Set(connectorManifests.map((c) => c.id))
  const ids = [...new Set(steps.map((s) => s.split(':')[1] ?? ''))].filter((id) => known.has(id))
  const loaded = await Promise.all(ids.map(async (id) => [id, await loadConnector(id)] as const))
  return Object.fromEntries(loaded)
}

/** xdg-open (Linux) or open (macOS) when the machine has it; otherwise the path printed is it. */
async function openInBrowser(file: string): Promise<void> {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open'
  const found = await onPath(opener)
  if (!found) {
    console.log(`no ${opener} on this machine: open the file above in a browser`)
    return
  }
  const child = spawn(found, [file], { detached: true, stdio: 'ignore' })
  child.on('error', (e) => console.log(`${opener} failed (${e.message}): open the file above`))
  child.unref()
}

async function onPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}
