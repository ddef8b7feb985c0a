import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { recordCrm } from '../../config/schema.js'
import { connectorManifests } from '../../connectors/registry.js'
import { csmBookEntries } from '../../db/segments/csm-books.js'
import type { CapacityAnalysis, CsmBook, CsmsNeeded } from '../../model/segments/capacity.js'
import { analyzeCapacity } from '../../model/segments/capacity.js'
import type { AccountsPerCsm } from '../../model/segments/settings.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'
import { openDatabase } from '../services.js'

/**
 * `cs360 report capacity`: the customer base by tier, each CSM's book against the tiers'
 * ratios, and the CSM headcount the base implies (004's coverage model, tiers as configured).
 */
export async function reportCapacityCommand(
  configPath: string,
  opts: { crm?: string },
): Promise<void> {
  const config = await loadConfig(configPath)
  const crms = connectorManifests.filter((c) => c.role === 'crm').map((c) => c.id)
  if (opts.crm !== undefined && !crms.includes(opts.crm))
    throw new CliExit(EXIT_CONFIG, `--crm must be one of ${crms.join(', ')}`)
  const crm = opts.crm ?? recordCrm(config)
  const settings = config.model.segments
  const { db } = await openDatabase(readEnvironment(), () => undefined)
  const entries = await csmBookEntries(db, crm, settings)
  if (entries.length === 0) {
    console.log(`no scored customer accounts in ${crm} yet: run \`cs360 sync --once\` first`)
    return
  }
  console.log(formatCapacityReport(crm, analyzeCapacity(entries, settings)))
}

export function formatCapacityReport(crm: string, a: CapacityAnalysis): string {
  const width = Math.max(...a.tiers.map((t) => t.tier.length), 'total'.length)
  const row = (label: string, accounts: number, arr: number) =>
    `  ${label.padEnd(width)} ${String(accounts).padStart(7)} accounts ${money(arr).padStart(14)} ARR`
  const lines = [`CSM capacity in ${crm} (customer accounts of the last scored run, by tier)`]
  for (const t of a.tiers) {
    const overridden = Object.entries(t.overridden).map(([why, n]) => `${n} by ${why}`)
    lines.push(
      `${row(t.tier, t.accounts, t.arr)}  ${ratio(t.accountsPerCsm).padEnd(9)} needs ${csms(t.csmsNeeded)}${overridden.length > 0 ? ` (placed by override: ${overridden.join(', ')})` : ''}`,
    )
  }
  const needed = a.total.csmsNeeded
  lines.push(
    `${row('total', a.total.accounts, a.total.arr)}  ${''.padEnd(9)} needs ${csms(needed)}`,
  )
  lines.push(
    '',
    'books (load: the book as a share of one CSM at the tiers’ loosest–tightest ratios)',
  )
  const order = a.tiers.map((t) => t.tier)
  for (const book of a.books) lines.push(bookLine(book, order))
  const names = (books: CsmBook[]) =>
    books.length === 0 ? 'none' : books.map((b) => `${b.csm.name} (${b.accounts})`).join(', ')
  lines.push(
    '',
    `under-covered (more accounts than the loosest ratios allow): ${names(a.books.filter((b) => b.coverage === 'under-covered'))}`,
    `over-covered (room for more at the tightest ratios): ${names(a.books.filter((b) => b.coverage === 'over-covered'))}`,
  )
  for (const book of a.inactiveOwners)
    lines.push(`owner no longer active, reassign: ${bookLine(book, order).trim()}`)
  if (a.unowned.accounts > 0)
    lines.push(`no owner: ${a.unowned.accounts} accounts, ${money(a.unowned.arr)} ARR`)
  const gap = needed.atTightest - a.csmsToday
  lines.push(
    `headcount: ${a.csmsToday} CSMs hold books today; the base implies ${needed.atTightest} at the tightest ratios (${gap >= 0 ? `${gap} more` : `${-gap} fewer`}), ${needed.atLoosest} at the loosest`,
  )
  return lines.join('\n')
}

function bookLine(book: CsmBook, tierOrder: string[]): string {
  const tiers = tierOrder
    .flatMap((tier) => (book.byTier[tier] ? `${tier} ${book.byTier[tier].accounts}` : []))
    .join(', ')
  return `  ${book.csm.name.padEnd(24)} ${String(book.accounts).padStart(5)} accounts ${money(book.arr).padStart(14)} ARR  load ${percent(book.load.atLoosest)}–${percent(book.load.atTightest)}%  ${book.coverage.padEnd(13)} ${tiers}`
}

const ratio = (r: AccountsPerCsm) => (r.max === undefined ? `1:${r.min}+` : `1:${r.min}–${r.max}`)
const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`
const percent = (share: number) => String(Math.round(share * 100))
const csms = (n: CsmsNeeded) =>
  n.atLoosest === n.atTightest
    ? `${n.atTightest} CSM${n.atTightest === 1 ? '' : 's'}`
    : `${n.atLoosest}–${n.atTightest} CSMs`
