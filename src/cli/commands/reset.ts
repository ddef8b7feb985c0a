import { readEnvironment } from '../../config/environment.js'
import { findManifest } from '../../connectors/registry.js'
import { forgetConnector } from '../../db/forget-connector.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { openDatabase } from '../services.js'

/**
 * `cs360 reset <connector> --yes`: forgets everything the customer-360 holds from one connector
 * (records, cursors, links, scores, written values, refusals and which org they came from), so
 * its next sync starts clean — the way to move a connector to another org without mixing two.
 */
export async function resetCommand(connector: string, opts: { yes?: boolean }): Promise<void> {
  try {
    findManifest(connector)
  } catch (error) {
    throw new CliExit(EXIT_CONFIG, error instanceof Error ? error.message : String(error))
  }
  if (!opts.yes)
    throw new CliExit(
      EXIT_CONFIG,
      `this forgets every record, cursor, score and written value cs360 holds from ${connector}; run \`cs360 reset ${connector} --yes\` to go ahead`,
    )
  const { db } = await openDatabase(readEnvironment(), () => undefined)
  const removed = await forgetConnector(db, connector)
  const counted = Object.entries(removed).filter(([, n]) => n > 0)
  console.log(
    counted.length === 0
      ? `nothing held from ${connector}`
      : `forgot ${connector}: ${counted.map(([table, n]) => `${n} ${table}`).join(', ')}; its next sync starts clean`,
  )
}
