import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { recordCrm } from '../../config/schema.js'
import {
  csmAgreementEntries,
  csmDisagreements,
  ownersNamed,
  type CsmDisagreement,
} from '../../db/csm-disagreements.js'
import {
  CSM_STANDINGS,
  summarizeAgreement,
  type AgreementCounts,
  type AgreementSummary,
} from '../../model/health/csm-agreement.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { openDatabase } from '../services.js'

export interface DisagreementReport {
  crm: string
  /** The CSM the report is limited to (--csm), as asked. */
  csm: string | null
  summary: AgreementSummary
  /** The disagreements listed (most ARR first, at most --limit) of `disagreeing` in all. */
  disagreements: CsmDisagreement[]
  disagreeing: number
}

/**
 * `cs360 report disagreements`: accounts whose CSM's own view of health (the CRM field
 * csmHealthField names) differs from the model's Green/Yellow/Red, most ARR first, with the
 * model's drivers; and how often CSMs agree, are more optimistic or more pessimistic than the
 * model, overall and per CSM.
 */
export async function reportDisagreementsCommand(
  configPath: string,
  opts: { csm?: string; json?: boolean; limit: number },
): Promise<void> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1)
    throw new CliExit(EXIT_CONFIG, '--limit must be a positive whole number')
  const config = await loadConfig(configPath)
  const crm = recordCrm(config)
  const { db } = await openDatabase(readEnvironment(), () => undefined)
  let ownerIds: string[] | undefined
  if (opts.csm !== undefined) {
    ownerIds = (await ownersNamed(db, crm, opts.csm)).map((o) => o.id)
    if (ownerIds.length === 0)
      throw new CliExit(
        EXIT_CONFIG,
        `--csm: no user of ${crm} is named "${opts.csm}" (give the name as the CRM shows it, or the user's id)`,
      )
  }
  const summary = summarizeAgreement(await csmAgreementEntries(db, crm, ownerIds))
  const report: DisagreementReport = {
    crm,
    csm: opts.csm ?? null,
    summary,
    disagreements: await csmDisagreements(db, crm, { ownerIds, limit: opts.limit }),
    disagreeing: summary.overall['csm-more-optimistic'] + summary.overall['csm-more-pessimistic'],
  }
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2))
    return
  }
  if (CSM_STANDINGS.every((standing) => summary.overall[standing] === 0)) {
    console.log(`no scored customer accounts in ${crm} yet: run \`cs360 sync --once\` first`)
    return
  }
  console.log(formatDisagreementReport(report))
}

const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`

const STANDING_WORDS = {
  'csm-more-optimistic': 'CSM more optimistic',
  'csm-more-pessimistic': 'CSM more pessimistic',
} as const

/** The counts of one book (or all), as the report and the demo print them. */
export function countsLine(c: AgreementCounts): string {
  const unreadable = c.unreadable > 0 ? ` (${c.unreadable} unreadable)` : ''
  return `agree ${c.agree}, CSM more optimistic ${c['csm-more-optimistic']}, CSM more pessimistic ${c['csm-more-pessimistic']}, no CSM view ${c['no-csm-view']}${unreadable}`
}

export function formatDisagreementReport(r: DisagreementReport): string {
  const lines = [
    `CSM view against the model in ${r.crm}${r.csm ? ` for ${r.csm}` : ''} (customer accounts of the last scored run; 003's Green/Yellow/Red)`,
    `  overall: ${countsLine(r.summary.overall)}`,
    '',
    'per CSM',
  ]
  const width = Math.max(...r.summary.byCsm.map((b) => (b.csm?.name ?? '(no owner)').length))
  for (const book of r.summary.byCsm)
    lines.push(`  ${(book.csm?.name ?? '(no owner)').padEnd(width)}  ${countsLine(book.counts)}`)
  lines.push('', `disagreements, most ARR first (${r.disagreements.length} of ${r.disagreeing})`)
  if (r.disagreements.length === 0) lines.push('  none')
  for (const d of r.disagreements) {
    lines.push(
      `  ${d.account} (${d.accountId})  CSM ${d.csm?.name ?? '(no owner)'}  ${money(d.arr)} ARR  model ${d.modelScore} ${d.modelStatus}  CSM ${d.csmStatus} ("${d.csmValue}") since ${d.since ?? '?'}  ${STANDING_WORDS[d.standing]}`,
    )
    if (d.drivers.length > 0) lines.push(`      model's drivers: ${d.drivers.join('; ')}`)
  }
  if (r.disagreements.length < r.disagreeing) lines.push('  (--limit to see more)')
  return lines.join('\n')
}
