import { Context } from '@temporalio/activity'
import { refreshPlaysPage } from '../db/plays/refresh-page.js'
import { closePlaysOfUnscoredAccounts } from '../db/plays/refresh-plays.js'
import { replaceRunStep } from '../db/run-steps.js'
import { recordLifecycleStages } from '../db/score-history.js'
import { sourcesByKind } from './compute-scores.js'
import type { ActivityDeps } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { heartbeat } from './heartbeat.js'
import { runStep } from '../model/run-steps.js'
import { logStepFinished } from './run-log.js'

const PAGE = 5_000

export interface PlaysInput {
  runId: string
  crm: string
  asOf: string
}

export interface PlaysResult {
  raised: number
  kept: number
  closed: number
}

interface Progress extends PlaysResult {
  afterId: string | null
  done: boolean
}

/**
 * Raises, keeps and closes the plays of every scored account of one CRM, a page at a time:
 * each page's lifecycle stages and play rules come from the same signals the score used, and
 * one statement refreshes the page's plays (one open play per account, type and reason). Plays
 * of accounts no longer scored close at the end. Heartbeats its position; a retry resumes there
 * (a page refreshed twice is a no-op).
 */
export function playsActivities(deps: ActivityDeps) {
  return {
    refreshPlays: (input: PlaysInput): Promise<PlaysResult> =>
      atActivityBoundary(async () => {
        let progress: Progress = resumedProgress() ?? {
          afterId: null,
          done: false,
          raised: 0,
          kept: 0,
          closed: 0,
        }
        while (!progress.done) {
          const page = await refreshPlaysPage(deps.db, {
            crm: input.crm,
            asOf: input.asOf,
            sources: sourcesByKind(deps),
            settings: deps.config.model.lifecycle,
            signalSettings: { surveys: deps.config.model.metrics.surveys },
            afterId: progress.afterId,
            limit: PAGE,
          })
          await recordLifecycleStages(deps.db, input.crm, page.stages)
          progress = {
            afterId: page.nextAfterId,
            done: page.nextAfterId === null,
            raised: progress.raised + page.raised,
            kept: progress.kept + page.kept,
            closed: progress.closed + page.closed,
          }
          heartbeat({ ...progress })
        }
        const closed = progress.closed + (await closePlaysOfUnscoredAccounts(deps.db, input))
        await replaceRunStep(deps.db, input.runId, runStep.plays(input.crm), {
          upserted: progress.raised,
          deleted: closed,
        })
        await logStepFinished(deps, input.runId, runStep.plays(input.crm))
        return { raised: progress.raised, kept: progress.kept, closed }
      }),
  }
}

function resumedProgress(): Progress | undefined {
  try {
    const details = Context.current().info.heartbeatDetails as Progress | undefined
    return details && typeof details.raised === 'number' ? details : undefined
  } catch {
    return undefined
  }
}
