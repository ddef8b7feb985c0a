import type { Kysely } from 'kysely'
import type { AccountSignals, SourceSignalKind } from '../../model/signals.js'
import type { Database } from '../database.js'
import { crmSignalsPage, type CrmAccountSignals } from './crm.js'
import { signalProviders, type SignalSettings } from './registry.js'

export interface ScoredAccountInput {
  crm: CrmAccountSignals
  signals: AccountSignals
}

/**
 * Everything known about a page of customer accounts on `asOf` (after `afterId`, by id): the CRM's
 * signals and those of every source kind with configured connectors, each kind one set-based
 * query for the whole page. An empty result means the walk is over.
 */
export async function accountSignalsPage(
  db: Kysely<Database>,
  crm: string,
  sources: Record<SourceSignalKind, readonly string[]>,
  asOf: string,
  afterId: string | null,
  limit: number,
  settings: SignalSettings,
): Promise<ScoredAccountInput[]> {
  const page = await crmSignalsPage(db, crm, asOf, afterId, limit)
  if (page.length === 0) return []
  const ids = page.map((p) => p.sourceId)
  const bySource = await Promise.all(
    (Object.keys(signalProviders) as SourceSignalKind[])
      .filter((kind) => sources[kind].length > 0)
      .map(async (kind) => {
        const provider = signalProviders[kind] as (typeof signalProviders)['usage']
        return [kind, await provider(db, crm, sources[kind], asOf, ids, settings)] as const
      }),
  )
  return page.map((row) => {
    const signals: AccountSignals = { accountId: row.sourceId, crm: row }
    for (const [kind, values] of bySource) {
      const value = values.get(row.sourceId)
      if (value) (signals as unknown as Record<string, unknown>)[kind] = value
    }
    return { crm: row, signals }
  })
}
