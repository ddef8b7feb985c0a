import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client'
import type { TemporalTarget } from './connect.js'

export const SYNC_SCHEDULE_ID = 'cs360-sync-all'

/**
 * Creates or updates the Temporal Schedule that runs syncAll every `every` (config
 * `schedule.every`). Overlapping runs are skipped: a slow sync is never stacked on itself.
 */
export async function applySyncSchedule(
  client: Client,
  target: TemporalTarget,
  every: string,
): Promise<'created' | 'updated'> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'syncAllWorkflow',
    taskQueue: target.taskQueue,
    workflowId: 'sync-all:scheduled',
    args: [{ trigger: 'schedule' }],
  }
  const spec = { intervals: [{ every: toTemporalDuration(every) }] }
  const handle = client.schedule.getHandle(SYNC_SCHEDULE_ID)
  try {
    await handle.update((previous) => ({ ...previous, spec, action }))
    return 'updated'
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error
  }
  await client.schedule.create({
    scheduleId: SYNC_SCHEDULE_ID,
    spec,
    action,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  })
  return 'created'
}

/** `6h` → `6 hours` (the ms-style strings Temporal's client accepts). */
export function toTemporalDuration(every: string): string {
  const match = /^(\d+)(s|m|h|d)$/.exec(every)
  if (!match) throw new Error(`invalid interval ${every}`)
  const unit = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days' }[
    match[2] as 's' | 'm' | 'h' | 'd'
  ]
  return `${match[1]} ${unit}`
}
