import { resolve } from 'node:path'
import { readEnvironment, type Environment } from '../../config/environment.js'
import { formatProblem, parseConfig, readConfigFile } from '../../config/load.js'
import { recordCrm } from '../../config/schema.js'
import { configuredConnector } from '../../activities/deps.js'
import { csmFieldProblems, writeBackFieldProblems } from '../../activities/write-back-fields.js'
import { Cs360Error } from '../../errors.js'
import { createLogger } from '../../logger.js'
import { verifyDatabaseUrl } from '../../runtime/database-url.js'
import { temporalTarget } from '../../temporal/connect.js'
import { verifyTemporal } from '../../temporal/verify.js'
import { EXIT_CONFIG, EXIT_OK, EXIT_RUNTIME } from '../exit-codes.js'

/**
 * Validates the config file and tests every configured connection, the database and Temporal. One line per problem, with
 * the key path and the fix; exit 2 for configuration/credential problems, 1 when a system cannot
 * be reached, 0 when all is well. Warnings (a configured type no record carries) leave the exit
 * code as it is.
 */
export async function checkCommand(configPath: string, out = console): Promise<number> {
  const parsed = parseConfig(await readConfigFile(configPath), process.env)
  if (!parsed.ok) {
    out.error(`${configPath}: ${parsed.problems.length} problem(s)`)
    for (const problem of parsed.problems) out.error(formatProblem(problem))
    return EXIT_CONFIG
  }
  const env = readEnvironment()
  out.log(`${configPath}: valid`)
  const log = createLogger({}, () => undefined)
  let exit = await checkServices(env, out)
  for (const id of Object.keys(parsed.config.connectors)) {
    if ((parsed.config.connectors as Record<string, unknown>)[id] === undefined) continue
    const { connector, ctx } = await configuredConnector({ config: parsed.config, log }, id)
    try {
      const result = await connector.check(ctx)
      // Only the CRM of record is written to; another CRM is a read-only source.
      const writes = id === recordCrm(parsed.config)
      const fields = result.ok
        ? [
            ...(writes ? await writeBackFieldProblems(id, connector, ctx) : []),
            ...(await csmFieldProblems(id, connector, ctx)),
          ]
        : []
      if (result.ok && fields.length === 0) {
        out.log(`  ok    ${id}: ${result.detail}`)
      } else {
        const lines = result.ok ? fields : result.detail.split('\n')
        for (const line of lines) out.error(`  fail  ${line}`)
        exit = Math.max(exit, EXIT_CONFIG)
      }
      // A setting that works but probably does not do what was meant: said, not failed.
      for (const warning of result.warnings ?? []) out.error(`  warn  ${warning}`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      out.error(`  fail  connectors.${id}: ${message}`)
      const configKind =
        error instanceof Cs360Error && (error.kind === 'auth' || error.kind === 'config')
      exit = Math.max(exit, configKind ? EXIT_CONFIG : EXIT_RUNTIME)
    }
  }
  return exit
}

/**
 * The database and Temporal a sync would use: DATABASE_URL and TEMPORAL_ADDRESS are connected to
 * (and the namespace looked up); the embedded ones are started by each command, so there is
 * nothing to reach yet. Exit 2 for a problem in a setting, 1 for a server that does not answer.
 */
async function checkServices(env: Environment, out: Pick<Console, 'log' | 'error'>) {
  let exit = EXIT_OK
  const probes: [string, string | undefined, () => Promise<string>, string][] = [
    [
      'database',
      env.DATABASE_URL,
      async () => {
        await verifyDatabaseUrl(env.DATABASE_URL!, env.DATABASE_CONNECT_TIMEOUT_SECONDS)
        return 'DATABASE_URL answers'
      },
      `embedded PostgreSQL under ${resolve(env.CS360_HOME, 'postgres')}, started by each command`,
    ],
    [
      'temporal',
      env.TEMPORAL_ADDRESS,
      async () => verifyTemporal(await temporalTarget(env, env.TEMPORAL_ADDRESS!)),
      'embedded Temporal dev server, started by each command',
    ],
  ]
  for (const [name, setting, probe, embedded] of probes) {
    if (!setting) {
      out.log(`  ok    ${name}: ${embedded}`)
      continue
    }
    try {
      out.log(`  ok    ${name}: ${await probe()}`)
    } catch (error) {
      out.error(`  fail  ${name}: ${error instanceof Error ? error.message : String(error)}`)
      const configKind = error instanceof Cs360Error && error.kind === 'config'
      exit = Math.max(exit, configKind ? EXIT_CONFIG : EXIT_RUNTIME)
    }
  }
  return exit
}
