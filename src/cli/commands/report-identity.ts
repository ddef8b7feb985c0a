import { readEnvironment } from '../../config/environment.js'
import { identityCounts, identityIssues, resolvedCrms } from '../../db/identity/identity-report.js'
import { openDatabase } from '../services.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { formatIdentityReport } from '../identity-report.js'

/** `cs360 report identity`: how the last sync linked other systems' records to CRM accounts. */
export async function reportIdentityCommand(opts: { crm?: string; limit: number }): Promise<void> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1)
    throw new CliExit(EXIT_CONFIG, '--limit must be a positive whole number')
  const env = readEnvironment()
  const { db } = await openDatabase(env, () => undefined)
  const crms = opts.crm ? [opts.crm] : await resolvedCrms(db)
  if (crms.length === 0) {
    console.log('no identity resolution yet: run `cs360 sync --once` first')
    return
  }
  for (const crm of crms) {
    const [counts, issues] = await Promise.all([
      identityCounts(db, crm),
      identityIssues(db, crm, opts.limit),
    ])
    console.log(formatIdentityReport(crm, counts, issues, opts.limit))
  }
}
