import type { RunDigestFacts } from '../db/digest/run-digest.js'
import { HEALTH_BANDS } from '../model/health/bands.js'
import { compactMoney } from './health-distribution.js'

/** The CRM as people name it. */
const CRM_NAMES: Record<string, string> = { salesforce: 'Salesforce', hubspot: 'HubSpot' }

/** Where the details behind the digest are: each line a command, a query or an address. */
export interface DigestPointers {
  /** `cs360 …` as this user runs it (with their --config, DATABASE_URL). */
  cs360: string
  /** How to reach the database with psql (never with its password spelled out). */
  psql: string
  /** The run's workflow in the Temporal UI, when a UI runs. */
  workflowUrl?: string
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/**
 * The run in the words a RevOps lead uses: how many accounts were read and scored (and why the
 * rest were not), ARR per health band, the renewals of the next `horizonDays` and those at risk
 * with the largest named.
 */
export function runDigestLines(
  facts: RunDigestFacts,
  crm: string,
  asOf: string,
  horizonDays: number,
): string[] {
  const crmName = CRM_NAMES[crm] ?? crm
  const unscored = facts.accounts - facts.scored
  const lines = ['In short:']
  lines.push(
    `  ${plural(facts.accounts, `${crmName} account`)}, ${facts.scored.toLocaleString('en-US')} scored` +
      (unscored > 0
        ? `: ${unscored.toLocaleString('en-US')} ${unscored === 1 ? 'has' : 'have'} no contract running on ${asOf} (prospects or ended contracts), so no health score`
        : ''),
  )
  const totalArr = facts.bands.reduce((sum, b) => sum + b.arr, 0)
  if (facts.scored > 0) {
    lines.push(`  ARR ${compactMoney(totalArr)} by health:`)
    for (const { band, action } of HEALTH_BANDS) {
      const cell = facts.bands.find((b) => b.band === band)
      const share = totalArr === 0 ? 0 : Math.round(((cell?.arr ?? 0) / totalArr) * 100)
      lines.push(
        `    ${band.padEnd(10)} ${compactMoney(cell?.arr ?? 0).padStart(7)} ${`${share}%`.padStart(4)}  ${plural(cell?.accounts ?? 0, 'account').padEnd(13)} ${action}`,
      )
    }
  }
  const until = addDays(asOf, horizonDays)
  const { renewalsDue, atRisk } = facts
  if (renewalsDue.count === 0) {
    lines.push(`  No renewals due in the next ${horizonDays} days (to ${until}).`)
  } else {
    lines.push(
      `  ${plural(renewalsDue.count, 'renewal')} due in the next ${horizonDays} days (to ${until}), ${compactMoney(renewalsDue.arr)} ARR; ` +
        (atRisk.count === 0
          ? 'none at risk.'
          : `${atRisk.count.toLocaleString('en-US')} at risk, ${compactMoney(atRisk.arr)}${atRisk.count > atRisk.largest.length ? `; the largest ${atRisk.largest.length}` : ''}:`),
    )
    const width = Math.max(0, ...atRisk.largest.map((r) => r.name.length))
    for (const r of atRisk.largest)
      lines.push(
        `    ${r.name.padEnd(width)}  ${compactMoney(r.arr).padStart(7)}  renews ${r.renewalDate}  health ${Math.round(r.healthScore)} (${r.healthBand})`,
      )
  }
  return lines
}

/** Where each detail behind the digest lives: a report, the SQL, the run in the Temporal UI. */
export function detailPointerLines(where: DigestPointers): string[] {
  const lines = ['Where the details are:']
  const pointer = (what: string, how: string) => lines.push(`  ${what.padEnd(22)}${how}`)
  pointer('This run, as a page', `${where.cs360} report run --open`)
  pointer('Books per CSM', `${where.cs360} report capacity`)
  pointer('CSMs vs the model', `${where.cs360} report disagreements`)
  pointer('Identity', `${where.cs360} report identity   (conflicts and unmatched records)`)
  pointer('CRM refusals', `${where.cs360} report rejections`)
  pointer(
    'SQL',
    `${where.psql} -c "select a.name, s.arr, s.next_renewal_date, s.health_score, s.health_band from account_scores s join accounts a using (source, source_id) where s.renewal_at_risk order by s.next_renewal_date"`,
  )
  if (where.workflowUrl) pointer('Temporal UI', where.workflowUrl)
  return lines
}
