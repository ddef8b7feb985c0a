import { sql } from 'kysely'
import { crmSignalsPage } from '../db/crm-signals.js'
import { addToRunStep } from '../db/run-steps.js'
import { HEALTH_BANDS, type HealthBand } from '../model/health-bands.js'
import { crmHealthModel } from '../model/health-model.js'
import type { ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'

const PAGE = 5_000

export interface ComputeInput {
  runId: string
  crm: string
  /** The day the scores describe (YYYY-MM-DD), chosen by the workflow. */
  asOf: string
}

export interface ComputeResult {
  scored: number
  removed: number
  bands: Record<HealthBand, number>
}

/**
 * Scores every customer account of one CRM: signals come from set-based SQL a page at a time,
 * the pure model scores them, and each page lands with one multi-row upsert. Scores of accounts
 * that are no longer customers (deleted, contracts lapsed) are removed so nothing stale is
 * written back.
 */
export function computeActivities(deps: ActivityDeps) {
  return {
    computeScores: (input: ComputeInput): Promise<ComputeResult> =>
      atActivityBoundary(async () => {
        const weights = deps.config.model.health.weights
        const bands = Object.fromEntries(HEALTH_BANDS.map((b) => [b.band, 0])) as Record<
          HealthBand,
          number
        >
        let scored = 0
        let afterId: string | null = null
        for (;;) {
          const page = await crmSignalsPage(deps.db, input.crm, input.asOf, afterId, PAGE)
          if (page.length === 0) break
          const rows = page.map((signals) => {
            const health = crmHealthModel.score(signals, weights)
            bands[health.band] += 1
            return {
              source: input.crm,
              source_id: signals.sourceId,
              arr: signals.arr,
              next_renewal_date: signals.nextRenewalDate,
              health_score: health.score,
              health_band: health.band,
              health_components: JSON.stringify(health.components),
              model_version: health.modelVersion,
              computed_at: new Date(),
              run_id: input.runId,
            }
          })
          await deps.db
            .insertInto('account_scores')
            .values(rows)
            .onConflict((oc) =>
              oc.columns(['source', 'source_id']).doUpdateSet((eb) => ({
                arr: eb.ref('excluded.arr'),
                next_renewal_date: eb.ref('excluded.next_renewal_date'),
                health_score: eb.ref('excluded.health_score'),
                health_band: eb.ref('excluded.health_band'),
                health_components: eb.ref('excluded.health_components'),
                model_version: eb.ref('excluded.model_version'),
                computed_at: eb.ref('excluded.computed_at'),
                run_id: eb.ref('excluded.run_id'),
              })),
            )
            .execute()
          scored += page.length
          afterId = page[page.length - 1]!.sourceId
        }
        const removed = await deps.db
          .deleteFrom('account_scores')
          .where('source', '=', input.crm)
          .where(sql<boolean>`run_id is distinct from ${input.runId}::uuid`)
          .executeTakeFirst()
        // A retried compute redoes all accounts: replace the step's counts rather than add to them.
        const step = `compute:${input.crm}`
        await deps.db
          .deleteFrom('sync_run_steps')
          .where('run_id', '=', input.runId)
          .where('step', '=', step)
          .execute()
        await addToRunStep(deps.db, input.runId, step, { upserted: scored }, true)
        return { scored, removed: Number(removed.numDeletedRows), bands }
      }),
  }
}
