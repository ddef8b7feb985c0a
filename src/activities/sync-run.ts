import { connectorManifests, loadConnector } from '../connectors/registry.js'
import { recordRunEnd, recordRunStart } from '../db/sync-runs.js'
import type { ActivityDeps } from './deps.js'

export interface SyncPlan {
  extract: { connectorId: string; stream: string }[]
  crms: string[]
  writeBack: string[]
}

export interface RunStepCounts {
  step: string
  recordsRead: number
  recordsUpserted: number
  recordsDeleted: number
  recordsQuarantined: number
  recordsWritten: number
  apiCalls: number
  pages: number
}

/**
 * Records the run (idempotently: the workflow chose the id) and returns what to do, derived
 * from the configured connectors so the workflow itself never sees the config.
 */
export function syncRunActivities(deps: ActivityDeps) {
  return {
    async startSyncRun(input: {
      runId: string
      workflowId: string
      trigger: string
    }): Promise<SyncPlan> {
      await recordRunStart(deps.db, {
        id: input.runId,
        workflowId: input.workflowId,
        trigger: input.trigger,
      })
      const configured = connectorManifests.filter(
        (c) => (deps.config.connectors as Record<string, unknown>)[c.id] !== undefined,
      )
      const extract = []
      for (const manifest of configured) {
        const connector = await loadConnector(manifest.id)
        for (const stream of connector.streams)
          extract.push({ connectorId: manifest.id, stream: stream.name })
      }
      const writers = []
      for (const manifest of configured.filter((c) => c.role === 'crm')) {
        if ((await loadConnector(manifest.id)).writeBack) writers.push(manifest.id)
      }
      return {
        extract,
        crms: configured.filter((c) => c.role === 'crm').map((c) => c.id),
        writeBack: writers,
      }
    },

    async finishSyncRun(input: {
      runId: string
      status: 'succeeded' | 'failed'
      error?: string
    }): Promise<RunStepCounts[]> {
      const steps = await recordRunEnd(deps.db, input.runId, input.status, input.error ?? null)
      return steps.map((s) => ({
        step: s.step,
        recordsRead: s.records_read,
        recordsUpserted: s.records_upserted,
        recordsDeleted: s.records_deleted,
        recordsQuarantined: s.records_quarantined,
        recordsWritten: s.records_written,
        apiCalls: s.api_calls,
        pages: s.pages,
      }))
    },
  }
}
