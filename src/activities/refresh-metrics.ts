import { replaceRunStep } from '../db/run-steps.js'
import { refreshRetentionMetrics } from '../db/metrics/refresh-retention-metrics.js'
import { sourcesByKind } from './compute-scores.js'
import type { ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

export interface MetricsInput {
  runId: string
  crm: string
  asOf: string
}

export interface MetricsResult {
  retentionRows: number
  forecastRows: number
  satisfactionRows: number
  onboardingRows: number
}

/**
 * Recomputes the CRM's retention metrics (MRR movements, NRR, GRR, logo retention per month,
 * segment and CSM), its renewal forecast per quarter, satisfaction (NPS, CSAT, CES) per month
 * and onboarding (time to first value, completion) per cohort month, after scoring: the forecast
 * weighs each renewal by its account's health. One transaction, replaced whole: a retry is a no-op.
 */
export function metricsActivities(deps: ActivityDeps) {
  return {
    refreshMetrics: (input: MetricsInput): Promise<MetricsResult> =>
      atActivityBoundary(async () => {
        const refreshed = await refreshRetentionMetrics(deps.db, {
          crm: input.crm,
          asOf: input.asOf,
          settings: deps.config.model.metrics,
          tiers: deps.config.model.segments.tiers,
          usageSources: sourcesByKind(deps).usage,
        })
        if (refreshed.unattributed.mrr > 0)
          deps.log.info('billing MRR linked to no CRM account, left out of retention', {
            mrr: refreshed.unattributed.mrr,
          })
        await replaceRunStep(deps.db, input.runId, runStep.metrics(input.crm), {
          upserted: refreshed.accountMonths,
        })
        await logStepFinished(deps, input.runId, runStep.metrics(input.crm))
        return {
          retentionRows: refreshed.retentionRows,
          forecastRows: refreshed.forecastRows,
          satisfactionRows: refreshed.satisfactionRows,
          onboardingRows: refreshed.onboardingRows,
        }
      }),
  }
}
