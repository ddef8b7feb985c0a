import type { Kysely } from 'kysely'
import { configuredHealthModel, scoreAccount } from '../../model/health/score-account.js'
import type { ModelSettings } from '../../model/settings.js'
import type { SourceSignalKind } from '../../model/signals.js'
import type { Database } from '../database.js'
import { accountSignalsPage } from '../signals/account-signals.js'

const PAGE = 5_000

export interface PastScore {
  accountId: string
  tier: string
  score: number
  band: string
}

/**
 * Every customer account of `crm` scored as of a past day under each of `configs`, from the
 * time-stamped data only: usage by day, tickets and ratings by date, invoices and MRR by month,
 * contracts by term. The CRM's last-activity date is dropped: the CRM keeps only the latest one,
 * so using it would let the future in. Nothing is written: scores live only in the result.
 */
export async function scoresAsOf(
  db: Kysely<Database>,
  crm: string,
  sources: Record<SourceSignalKind, readonly string[]>,
  asOf: string,
  configs: readonly ModelSettings[],
): Promise<PastScore[][]> {
  const models = configs.map((settings) => ({ settings, model: configuredHealthModel(settings) }))
  const results: PastScore[][] = configs.map(() => [])
  let afterId: string | null = null
  for (;;) {
    // Signals are read once for every config, with the first config's survey settings.
    const page = await accountSignalsPage(db, crm, sources, asOf, afterId, PAGE, {
      surveys: configs[0]!.metrics.surveys,
    })
    if (page.length === 0) break
    for (const { crm: row, signals } of page) {
      delete signals.crm.daysSinceLastActivity
      const facts = {
        accountId: row.sourceId,
        arr: row.arr,
        accountType: row.accountType,
        industry: row.industry,
      }
      models.forEach(({ settings, model }, i) => {
        const { tier, health } = scoreAccount(model, settings, facts, signals)
        results[i]!.push({ accountId: row.sourceId, tier, score: health.score, band: health.band })
      })
    }
    afterId = page[page.length - 1]!.crm.sourceId
  }
  return results
}
