import { changedInterpretation, interpretationFingerprint } from '../connectors/interpretation.js'
import { connectorManifests } from '../connectors/registry.js'
import type { AnyConnector } from '../connectors/types.js'
import { loadFingerprints } from '../db/stream-fingerprints.js'
import type { SyncRunStatus } from '../db/database.js'
import { recordRunEnd, recordRunStart } from '../db/sync-runs.js'
import { recordCrm } from '../config/schema.js'
import { configError } from '../errors.js'
import { configuredConnector } from './deps.js'
import { atActivityBoundary } from './failure.js'
import { guardSourceAccount } from './source-accounts.js'
import { csmFieldProblems, writeBackFieldProblems } from './write-back-fields.js'
import type { ActivityDeps } from './deps.js'

/** A stream re-read from the beginning because settings that decide how it maps changed. */
export interface ReappliedStream {
  connectorId: string
  stream: string
  /** The config keys (under the connector's block) that changed since its last full read. */
  changed: string[]
}

export interface SyncPlan {
  /** In dependency order per connector; `fromStart`: ignore the saved cursor this run. */
  extract: { connectorId: string; stream: string; fromStart?: boolean }[]
  /** Connectors whose live ids are compared with the source on the configured cadence. */
  reconcile: string[]
  /** Connectors read whole (`--full`) that list live ids: compared now, whatever the cadence. */
  readWhole: string[]
  reapplied: ReappliedStream[]
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
    startSyncRun: (input: {
      runId: string
      workflowId: string
      trigger: string
      /** Read every stream from the beginning: of every connector, or of `source` only. */
      full?: boolean
      source?: string
    }): Promise<SyncPlan> =>
      atActivityBoundary(async () => {
        await recordRunStart(deps.db, {
          id: input.runId,
          workflowId: input.workflowId,
          trigger: input.trigger,
        })
        const configured = connectorManifests.filter(
          (c) => (deps.config.connectors as Record<string, unknown>)[c.id] !== undefined,
        )
        if (input.source !== undefined && !configured.some((c) => c.id === input.source))
          throw configError(
            `--source ${input.source}: not a configured connector; configured: ${configured.map((c) => c.id).join(', ')}`,
          )
        const readWhole = input.full
          ? configured
              .map((c) => c.id)
              .filter((id) => input.source === undefined || id === input.source)
          : []
        const extract: SyncPlan['extract'] = []
        const reconcile: string[] = []
        const reapplied: ReappliedStream[] = []
        for (const manifest of configured) {
          const { connector, ctx } = await configuredConnector(deps, manifest.id)
          await guardSourceAccount(deps, manifest.id, connector, ctx)
          // The CSMs' own health view is read with the accounts: its field must be readable.
          const csmField = await csmFieldProblems(manifest.id, connector, ctx)
          if (csmField.length > 0)
            throw configError(
              `the sync does not start, the CSM health field cannot be read (run \`cs360 check\`):\n${csmField.map((p) => `  ${p}`).join('\n')}`,
              manifest.id,
            )
          const changes = await interpretationChanges(deps, manifest.id, connector)
          for (const stream of connector.streams) {
            const changed = changes.get(stream.name) ?? []
            if (changed.length > 0) {
              reapplied.push({ connectorId: manifest.id, stream: stream.name, changed })
              deps.log.info(
                reapplyMessage({ connectorId: manifest.id, stream: stream.name, changed }),
              )
            }
            const fromStart = readWhole.includes(manifest.id) || changed.length > 0
            extract.push({
              connectorId: manifest.id,
              stream: stream.name,
              ...(fromStart ? { fromStart } : {}),
            })
          }
          if (connector.liveIds) reconcile.push(manifest.id)
        }
        // Only the CRM of record is scored and written to; another CRM is read for identity.
        const crm = recordCrm(deps.config)
        const writers = []
        for (const manifest of configured.filter((c) => c.id === crm)) {
          const { connector, ctx } = await configuredConnector(deps, manifest.id)
          if (!connector.writeBack) continue
          // Before anything is read or written: every mapped field must be cs360's to write.
          const problems = await writeBackFieldProblems(manifest.id, connector, ctx)
          if (problems.length > 0)
            throw configError(
              `the sync does not start, write-back fields are not safe to write (run \`cs360 check\`):\n${problems.map((p) => `  ${p}`).join('\n')}`,
              manifest.id,
            )
          writers.push(manifest.id)
        }
        deps.log.info('run started', {
          run: input.runId,
          trigger: input.trigger,
          workflow: input.workflowId,
          streams: extract.length,
          crm,
        })
        return {
          extract,
          reconcile,
          readWhole: readWhole.filter((id) => reconcile.includes(id)),
          reapplied,
          crms: [crm],
          writeBack: writers,
        }
      }),

    async finishSyncRun(input: {
      runId: string
      status: Exclude<SyncRunStatus, 'running'>
      error?: string
    }): Promise<RunStepCounts[]> {
      const steps = await recordRunEnd(deps.db, input.runId, input.status, input.error ?? null)
      const total = (count: (s: (typeof steps)[number]) => number) =>
        steps.reduce((sum, s) => sum + count(s), 0)
      const summary = {
        run: input.runId,
        steps: steps.length,
        read: total((s) => s.records_read),
        written: total((s) => s.records_written),
        apiCalls: total((s) => s.api_calls),
      }
      if (input.status === 'succeeded') deps.log.info('run succeeded', summary)
      else if (input.status === 'cancelled')
        deps.log.warn('run cancelled', { ...summary, reason: input.error })
      else deps.log.error('run failed', { ...summary, error: input.error })
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

/** What a run says about a stream it re-reads to re-apply changed settings. */
export function reapplyMessage(r: ReappliedStream): string {
  return `${r.connectorId} ${r.stream}: ${r.changed.join(', ')} changed since the last sync — re-read from the beginning to re-apply`
}

/** Per stream, the interpretation keys whose value differs from its last full read's. */
async function interpretationChanges(
  deps: ActivityDeps,
  connectorId: string,
  connector: AnyConnector,
): Promise<Map<string, string[]>> {
  const stored = await loadFingerprints(deps.db, connectorId)
  const config = (deps.config.connectors as Record<string, unknown>)[connectorId]
  const changes = new Map<string, string[]>()
  for (const stream of connector.streams) {
    if (!stream.interpretation) continue
    const current = interpretationFingerprint(stream.interpretation(config))
    changes.set(stream.name, changedInterpretation(stored.get(stream.name) ?? null, current))
  }
  return changes
}
