import { readEnvironment } from '../../config/environment.js'
import { rejectedRecords } from '../../db/write-rejections.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { openDatabase } from '../services.js'

/** `cs360 report rejections`: what the CRM refused, one line per record, newest first. */
export async function reportRejectionsCommand(opts: {
  connector?: string
  limit: number
}): Promise<void> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1)
    throw new CliExit(EXIT_CONFIG, '--limit must be a positive whole number')
  const { db } = await openDatabase(readEnvironment(), () => undefined)
  const records = await rejectedRecords(db, { connector: opts.connector, limit: opts.limit })
  if (records.length === 0) {
    console.log('no write-back refusals on record')
    return
  }
  for (const r of records)
    console.log(
      `${r.connector} ${r.object} ${r.recordId}: ${r.lastError} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, first: ${r.firstError}; next try after ${r.retryAfter.toISOString()} or when the value changes) fields ${JSON.stringify(r.fields)}`,
    )
  if (records.length >= opts.limit) console.log(`(first ${opts.limit} shown; --limit to see more)`)
}
