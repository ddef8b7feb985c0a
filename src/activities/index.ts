import { redactSecretsOf } from '../logger.js'
import { computeActivities } from './compute-scores.js'
import type { ActivityDeps } from './deps.js'
import { extractActivities } from './extract-stream.js'
import { reconcileActivities } from './reconcile-live-ids.js'
import { metricsActivities } from './refresh-metrics.js'
import { playsActivities } from './refresh-plays.js'
import { resolveActivities } from './resolve-identities.js'
import { syncRunActivities } from './sync-run.js'
import { writeBackActivities } from './write-back.js'

/** All activities, built around their dependencies (Temporal's dependency-injection pattern). */
export function createActivities(deps: ActivityDeps) {
  // An SDK error can quote a credential: the worker's log lines never carry one.
  redactSecretsOf(deps.config)
  return {
    ...syncRunActivities(deps),
    ...extractActivities(deps),
    ...reconcileActivities(deps),
    ...resolveActivities(deps),
    ...computeActivities(deps),
    ...playsActivities(deps),
    ...metricsActivities(deps),
    ...writeBackActivities(deps),
  }
}

export type Activities = ReturnType<typeof createActivities>
export type { ActivityDeps }
