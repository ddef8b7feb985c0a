import type { RunStepCounts } from '../../activities/sync-run.js'
import type { AnyConnector } from '../../connectors/types.js'

export type MinimumConnector = Pick<AnyConnector, 'streams' | 'writeBack'>

/**
 * The fewest API requests a step could have made: ⌈records read / the stream's page maximum⌉
 * for an extract step, ⌈records written / the CRM's batch maximum⌉ for a write-back. Null for
 * steps that call no API, and for streams that do not declare their minimum.
 */
export function stepMinimumRequests(
  step: Pick<RunStepCounts, 'step' | 'recordsRead' | 'recordsWritten' | 'pages'>,
  connectors: Readonly<Record<string, MinimumConnector | undefined>>,
): { records: number; minimum: number | null } | null {
  const [kind, id = '', streamName] = step.step.split(':')
  const connector = connectors[id]
  if (kind === 'extract') {
    const stream = connector?.streams.find((s) => s.name === streamName)
    return {
      records: step.recordsRead,
      minimum: stream?.minimumRequests?.({ records: step.recordsRead, pages: step.pages }) ?? null,
    }
  }
  if (kind === 'writeback')
    return {
      records: step.recordsWritten,
      minimum: connector?.writeBack
        ? Math.ceil(step.recordsWritten / connector.writeBack.maxBatchSize)
        : null,
    }
  return null
}
