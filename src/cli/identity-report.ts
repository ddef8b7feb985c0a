import type { IdentityIssue } from '../db/identity/identity-report.js'
import type { LinkMethod, LinkStatus } from '../db/database.js'

const METHOD: Record<LinkMethod, string> = {
  explicit_id: 'explicit id',
  domain: 'domain',
  name: 'company name',
}

export type IdentityCounts = {
  source: string
  status: LinkStatus
  method: LinkMethod | null
  records: number
}[]

/** One line per source: how many records were linked (by which key), in conflict, unmatched. */
export function identityCountLines(counts: IdentityCounts): string[] {
  const sources = [...new Set(counts.map((c) => c.source))]
  if (sources.length === 0) return ['  no records from other systems yet: run a sync first']
  return sources.map((source) => {
    const of = (status: LinkStatus) =>
      counts.filter((c) => c.source === source && c.status === status)
    const total = (list: IdentityCounts) => list.reduce((sum, c) => sum + c.records, 0)
    const how = of('matched')
      .map((c) => `${c.records} by ${METHOD[c.method!]}`)
      .join(', ')
    return `  ${source.padEnd(12)} ${total(of('matched'))} linked${how ? ` (${how})` : ''}, ${total(of('conflict'))} in conflict, ${total(of('unmatched'))} unmatched`
  })
}

/**
 * `cs360 report identity` as text: per source how records were linked, then every conflict and
 * unmatched record with the keys it carries and what each key matched, so an operator can fix
 * the data at the source (fill the CRM id, correct a domain) instead of guessing.
 */
export function formatIdentityReport(
  crm: string,
  counts: IdentityCounts,
  issues: IdentityIssue[],
  limit: number,
): string {
  const lines = [`identity resolution against ${crm}`, ...identityCountLines(counts)]
  for (const status of ['conflict', 'unmatched'] as const) {
    const listed = issues.filter((i) => i.status === status)
    if (listed.length === 0) continue
    lines.push('')
    lines.push(
      status === 'conflict'
        ? 'conflicts (one record, several CRM accounts: not linked):'
        : 'unmatched (no CRM account found: not linked):',
    )
    for (const issue of listed) {
      const keys = [
        issue.crmAccountIds.length > 0 && `CRM ids ${issue.crmAccountIds.join(', ')}`,
        issue.domains.length > 0 && `domains ${issue.domains.join(', ')}`,
      ].filter(Boolean)
      lines.push(
        `  ${issue.source} ${issue.sourceId} "${issue.name ?? ''}"${keys.length > 0 ? ` [${keys.join('; ')}]` : ''}`,
      )
      for (const e of issue.evidence)
        lines.push(
          `      ${METHOD[e.key].padEnd(12)} ${e.value} → ${e.crmAccountId}${e.crmAccountName ? ` "${e.crmAccountName}"` : ''}`,
        )
    }
  }
  if (issues.length >= limit) lines.push(`(first ${limit} shown; --limit to see more)`)
  return lines.join('\n')
}
