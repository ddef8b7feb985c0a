import { Context } from '@temporalio/activity'
import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import type { PendingWrite } from '../db/pending-writes.js'

type WriteBack = NonNullable<AnyConnector['writeBack']>

/**
 * Whether this is a retry of the activity: the attempt before it may have died (worker killed,
 * database gone) between the CRM saving a batch and cs360 recording it.
 */
export function isRetryAttempt(): boolean {
  try {
    return Context.current().info.attempt > 1
  } catch {
    return false
  }
}

/**
 * Of a retry's first page, the records the CRM already holds with exactly the values cs360 means
 * to write: the batch the attempt before sent and never recorded. Those are recorded as written
 * instead of being sent again, so a crash costs one read, not a second write of every value.
 * Batches go one at a time and each is recorded before the next is sent, so only the first page
 * can hold such records. A CRM that cannot read its values back gets the page again.
 */
export async function heldAlready(
  writeBack: WriteBack,
  ctx: ConnectorContext<any>,
  pending: readonly PendingWrite[],
): Promise<Set<string>> {
  if (!writeBack.readCurrent || pending.length === 0) return new Set()
  const fields = [...new Set(pending.flatMap((p) => Object.keys(p.fields)))]
  const current = await writeBack.readCurrent(
    ctx,
    pending.map((p) => p.recordId),
    fields,
  )
  const held = new Set<string>()
  for (const { recordId, fields: wanted } of pending) {
    const now = current.get(recordId)
    if (now && Object.entries(wanted).every(([field, value]) => now[field] === value))
      held.add(recordId)
  }
  return held
}
