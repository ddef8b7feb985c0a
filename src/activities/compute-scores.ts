import { Context } from '@temporalio/activity'
import { createHash } from 'node:crypto'
import { removeScoresNotFromRun, upsertAccountScores } from '../db/account-scores.js'
import { recordScoreHistory } from '../db/score-history.js'
import { replaceRunStep } from '../db/run-steps.js'
import { accountSignalsPage } from '../db/signals/account-signals.js'
import { SIGNAL_TABLES } from '../db/signals/registry.js'
import { refreshStatistics } from '../db/table-statistics.js'
import { connectorManifests } from '../connectors/registry.js'
import { HEALTH_BANDS, type HealthBand } from '../model/health/bands.js'
import { configuredHealthModel, scoreAccount } from '../model/health/score-account.js'
import { renewalProbabilityOf } from '../model/retention/renewal-forecast.js'
import type { SourceSignalKind } from '../model/signals.js'
import { recordCsmViewsOfPage } from './csm-views.js'
import { configuredConnector, type ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

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

interface Progress {
  afterId: string | null
  scored: number
  bands: Record<HealthBand, number>
  /** CSM health values that read as nothing, quarantined (absent in older heartbeats). */
  quarantined?: number
}

/**
 * Scores every customer account of one CRM, a page at a time: CRM signals and the signals of
 * every configured source kind come from set-based SQL, the configured health model scores
 * them, and each page lands with one multi-row upsert. The activity heartbeats its position
 * after each page and a retry resumes there, so 100,000 accounts never outlast the heartbeat
 * timeout nor start over.
 */
export function computeActivities(deps: ActivityDeps) {
  return {
    computeScores: (input: ComputeInput): Promise<ComputeResult> =>
      atActivityBoundary(async () => {
        const model = configuredHealthModel(deps.config.model)
        const sources = sourcesByKind(deps)
        const { connector, ctx } = await configuredConnector(deps, input.crm)
        const csmField = connector.csmHealthField?.(ctx.config)
        const forecast = deps.config.model.metrics.forecast
        if (!resumedProgress())
          await refreshStatistics(deps.db, [
            'accounts',
            'opportunities',
            'account_links',
            ...(Object.keys(sources) as SourceSignalKind[])
              .filter((kind) => sources[kind].length > 0)
              .flatMap((kind) => SIGNAL_TABLES[kind]),
          ])
        let progress: Progress = resumedProgress() ?? {
          afterId: null,
          scored: 0,
          bands: Object.fromEntries(HEALTH_BANDS.map((b) => [b.band, 0])) as Progress['bands'],
        }
        for (;;) {
          const page = await accountSignalsPage(
            deps.db,
            input.crm,
            sources,
            input.asOf,
            progress.afterId,
            PAGE,
            { surveys: deps.config.model.metrics.surveys },
          )
          if (page.length === 0) break
          const ids = page.map((p) => p.crm.sourceId)
          const computedAt = new Date()
          const rows = page.map(({ crm, signals }) => {
            const { health } = scoreAccount(
              model,
              deps.config.model,
              {
                accountId: crm.sourceId,
                arr: crm.arr,
                accountType: crm.accountType,
                industry: crm.industry,
              },
              signals,
            )
            progress.bands[health.band] += 1
            return {
              source: input.crm,
              source_id: crm.sourceId,
              arr: crm.arr,
              next_renewal_date: crm.nextRenewalDate,
              health_score: health.score,
              health_band: health.band,
              health_status: health.status,
              renewal_forecast_arr:
                Math.round(
                  crm.arr * renewalProbabilityOf(health.score, forecast.probabilityByHealth) * 100,
                ) / 100,
              renewal_at_risk: health.score < forecast.atRiskBelow,
              health_components: JSON.stringify(health.components),
              observed_weight: health.observedWeight,
              missing_inputs: JSON.stringify(health.missing),
              drivers: JSON.stringify(health.drivers),
              model_version: health.modelVersion,
              // The value the npsScore measure binned, where a dashboard reads it.
              nps: signals.surveys?.nps ?? null,
              nps_responses: signals.surveys?.nps == null ? null : signals.surveys.npsRespondents,
              computed_at: computedAt,
              run_id: input.runId,
            }
          })
          await upsertAccountScores(deps.db, rows)
          // The CSMs' own views, beside the scores and never in them.
          const quarantined = await recordCsmViewsOfPage(deps.db, {
            runId: input.runId,
            crm: input.crm,
            asOf: input.asOf,
            accountIds: ids,
            field: csmField,
            settings: deps.config.model.health,
          })
          await recordScoreHistory(deps.db, {
            crm: input.crm,
            asOf: input.asOf,
            accountIds: ids,
            configVersion: configVersion(deps.config.model),
            segments: deps.config.model.segments,
          })
          progress = {
            ...progress,
            afterId: ids[ids.length - 1]!,
            scored: progress.scored + page.length,
            quarantined: (progress.quarantined ?? 0) + quarantined,
          }
          heartbeat({ ...progress })
        }
        const removed = await removeScoresNotFromRun(deps.db, input.crm, input.runId)
        await replaceRunStep(deps.db, input.runId, runStep.compute(input.crm), {
          upserted: progress.scored,
          quarantined: progress.quarantined ?? 0,
        })
        await logStepFinished(deps, input.runId, runStep.compute(input.crm), { removed })
        return { scored: progress.scored, removed, bands: progress.bands }
      }),
  }
}

/** Configured connectors per kind of source data they feed. */
export function sourcesByKind(
  deps: Pick<ActivityDeps, 'config'>,
): Record<SourceSignalKind, string[]> {
  const configured = connectorManifests.filter(
    (m) => (deps.config.connectors as Record<string, unknown>)[m.id] !== undefined,
  )
  const of = (kind: SourceSignalKind) =>
    configured.filter((m) => m.feeds.includes(kind)).map((m) => m.id)
  return {
    usage: of('usage'),
    support: of('support'),
    billing: of('billing'),
    surveys: of('surveys'),
  }
}

/**
 * The configuration version a score is stored with: a short hash of the `model` settings
 * (weights, measures and bins, segments, lifecycle, metrics), so a changed weight shows as a
 * new version from the run that used it on.
 */
export function configVersion(model: ActivityDeps['config']['model']): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 12)
}

/** Where a previous attempt of this activity got to, from its last heartbeat. */
function resumedProgress(): Progress | undefined {
  try {
    const details = Context.current().info.heartbeatDetails as Progress | undefined
    return details && typeof details.scored === 'number' ? details : undefined
  } catch {
    return undefined
  }
}
