import { readEnvironment } from '../../config/environment.js'
import { parseConfig, formatProblem, readConfigFile } from '../../config/load.js'
import { recordCrm } from '../../config/schema.js'
import { configuredConnector } from '../../activities/deps.js'
import { provisionWriteBackFields } from '../../activities/write-back-fields.js'
import { createLogger } from '../../logger.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'

/**
 * `cs360 crm provision`: creates in the CRM of record every field the write-back maps (HubSpot:
 * cs360's property group and its properties), then checks them as a sync would. Run it once
 * after mapping fields; running it again changes nothing.
 */
export async function crmProvisionCommand(configPath: string, out = console): Promise<void> {
  const parsed = parseConfig(await readConfigFile(configPath), process.env)
  if (!parsed.ok)
    throw new CliExit(
      EXIT_CONFIG,
      [
        `${configPath}: ${parsed.problems.length} problem(s)`,
        ...parsed.problems.map(formatProblem),
      ].join('\n'),
    )
  readEnvironment()
  const crm = recordCrm(parsed.config)
  const log = createLogger({ command: 'crm provision' }, () => undefined)
  const { connector, ctx } = await configuredConnector({ config: parsed.config, log }, crm)
  const outcome = await provisionWriteBackFields(crm, connector, ctx)
  const object = connector.writeBack?.object(ctx.config) ?? 'account'
  if (outcome.created.length > 0)
    out.log(`created on ${crm} ${object}: ${outcome.created.join(', ')}`)
  if (outcome.existing.length > 0)
    out.log(`already there on ${crm} ${object}: ${outcome.existing.join(', ')}`)
  for (const line of outcome.manual) out.error(`  create by hand  ${line}`)
  for (const line of outcome.problems) out.error(`  fail  ${line}`)
  if (outcome.manual.length > 0 || outcome.problems.length > 0)
    throw new CliExit(
      EXIT_CONFIG,
      `${crm}: ${outcome.manual.length + outcome.problems.length} mapped field(s) not ready for write-back (see above)`,
    )
  out.log(`${crm}: every mapped field is ready for write-back`)
}
