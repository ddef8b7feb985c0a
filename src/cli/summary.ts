import { reapplyMessage } from '../activities/sync-run.js'
import { HEALTH_BANDS } from '../model/health/bands.js'
import type { SyncAllResult } from '../workflows/sync-all.js'

const PHASES = ['extract', 'compute', 'writeback']

/**
 * Steps grouped by phase, then by system, each system's streams in the order they ran:
 * connectors extract in parallel, so start times interleave them. Identity resolution has a
 * line of its own below.
 */
function inReadingOrder(steps: SyncAllResult['steps']): SyncAllResult['steps'] {
  const key = (step: string) => {
    const [phase = '', system = ''] = step.split(':')
    return [PHASES.indexOf(phase), system] as const
  }
  return steps
    .map((step, order) => ({ step, order, key: key(step.step) }))
    .filter(({ key }) => key[0] >= 0)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1].localeCompare(b.key[1]) || a.order - b.order)
    .map(({ step }) => step)
}

/** The human summary of a sync run, as `cs360 sync --once` and `cs360 demo` print it. */
export function formatSyncSummary(result: SyncAllResult): string {
  const lines = [`sync run ${result.runId} (scores as of ${result.asOf})`]
  for (const step of inReadingOrder(result.steps)) {
    const parts = [
      step.recordsRead && `${step.recordsRead} read`,
      step.recordsUpserted && `${step.recordsUpserted} upserted`,
      step.recordsDeleted && `${step.recordsDeleted} deleted`,
      step.recordsQuarantined && `${step.recordsQuarantined} quarantined`,
      step.recordsWritten && `${step.recordsWritten} written`,
      step.apiCalls && `${step.apiCalls} API calls`,
    ].filter(Boolean)
    lines.push(`  ${step.step.padEnd(36)} ${parts.join(', ') || 'no changes'}`)
  }
  const { matched, conflicts, unmatched } = result.identity
  lines.push(
    `identity: ${matched} records linked to CRM accounts, ${conflicts} in conflict, ${unmatched} unmatched${conflicts + unmatched > 0 ? ' (details: cs360 report identity)' : ''}`,
  )
  lines.push(`accounts scored: ${result.scored}`)
  lines.push('health distribution:')
  for (const { band, action } of HEALTH_BANDS) {
    const count = result.bands[band] ?? 0
    const share = result.scored === 0 ? 0 : Math.round((count / result.scored) * 100)
    lines.push(
      `  ${band.padEnd(10)} ${String(count).padStart(6)}  ${String(share).padStart(3)}%  ${action}`,
    )
  }
  lines.push(
    `plays: ${result.plays.open} open (${result.plays.raised} raised this run, ${result.plays.closed} closed as their condition cleared)`,
  )
  if (result.preview)
    lines.push(
      `dry run: ${result.preview.records} accounts would change (${result.preview.fields} fields); nothing was written`,
    )
  else
    lines.push(
      `CRM fields written: ${result.written} accounts updated, ${result.writeFailures} rejected${result.writeFailures > 0 ? ' (why: cs360 report rejections)' : ''}`,
    )
  for (const stream of result.reapplied ?? []) lines.push(`re-applied: ${reapplyMessage(stream)}`)
  return lines.join('\n')
}
