import { resolveAccountLinks, type ResolutionCounts } from '../db/identity/resolve-links.js'
import { replaceRunStep } from '../db/run-steps.js'
import { refreshStatistics } from '../db/table-statistics.js'
import { ignoredDomains } from '../model/identity-settings.js'
import type { ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

export interface ResolveInput {
  runId: string
  crm: string
}

export interface ResolveResult {
  matched: number
  conflicts: number
  unmatched: number
  bySource: ResolutionCounts[]
}

/**
 * Resolves every support, billing and usage account to one CRM account (or leaves it unlinked
 * with the evidence) after the extracts and before scoring, so signals follow the links of this
 * run's data. Idempotent: it replaces the CRM's links wholesale.
 */
export function resolveActivities(deps: ActivityDeps) {
  return {
    resolveIdentities: (input: ResolveInput): Promise<ResolveResult> =>
      atActivityBoundary(async () => {
        await refreshStatistics(deps.db, ['accounts', 'source_accounts', 'account_links'])
        const bySource = await resolveAccountLinks(
          deps.db,
          input.crm,
          ignoredDomains(deps.config.identity),
        )
        const total = (status: string) =>
          bySource.filter((c) => c.status === status).reduce((sum, c) => sum + c.records, 0)
        const result = {
          matched: total('matched'),
          conflicts: total('conflict'),
          unmatched: total('unmatched'),
          bySource,
        }
        await replaceRunStep(deps.db, input.runId, runStep.identity(input.crm), {
          upserted: result.matched,
          quarantined: result.conflicts + result.unmatched,
        })
        await logStepFinished(deps, input.runId, runStep.identity(input.crm))
        if (result.conflicts + result.unmatched > 0)
          deps.log.warn('records not linked to a CRM account; see `cs360 report identity`', {
            conflicts: result.conflicts,
            unmatched: result.unmatched,
          })
        return result
      }),
  }
}
