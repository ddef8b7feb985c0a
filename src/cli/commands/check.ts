import { readEnvironment } from '../../config/environment.js'
import { formatProblem, parseConfig, readConfigFile } from '../../config/load.js'
import { recordCrm } from '../../config/schema.js'
import { configuredConnector } from '../../activities/deps.js'
import { csmFieldProblems, writeBackFieldProblems } from '../../activities/write-back-fields.js'
import { Cs360Error } from '../../errors.js'
import { createLogger } from '../../logger.js'
import { EXIT_CONFIG, EXIT_OK, EXIT_RUNTIME } from '../exit-codes.js'

/**
 * Validates the config file and tests every configured connection. One line per problem, with
 * the key path and the fix; exit 2 for configuration/credential problems, 1 when a system cannot
 * be reached, 0 when all is well.
 */
export async function checkCommand(configPath: string, out = console): Promise<number> {
  const parsed = parseConfig(await readConfigFile(configPath), process.env)
  if (!parsed.ok) {
    out.error(`${configPath}: ${parsed.problems.length} problem(s)`)
    for (const problem of parsed.problems) out.error(formatProblem(problem))
    return EXIT_CONFIG
  }
  readEnvironment()
  out.log(`${configPath}: valid`)
  const log = createLogger({}, () => undefined)
  let exit = EXIT_OK
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
