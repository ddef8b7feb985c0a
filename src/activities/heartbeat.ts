import { Context } from '@temporalio/activity'

/**
 * Tells Temporal the activity is alive and how far it got, and stops the activity (throws) once
 * it is cancelled: its run was cancelled or its worker is shutting down, so the page just
 * committed is the last one. Outside an activity (direct calls from scripts) there is nothing to
 * heartbeat to.
 */
export function heartbeat(details: Record<string, unknown>): void {
  let context: Context
  try {
    context = Context.current()
  } catch {
    return
  }
  context.heartbeat(details)
  const signal = context.cancellationSignal
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled')
}

/**
 * What the previous attempt of this activity last heartbeated (Temporal hands it to a retry),
 * so counts kept only in heartbeats carry over; none outside an activity or on a first attempt.
 */
export function previousHeartbeat(): Record<string, unknown> | undefined {
  try {
    const details: unknown = Context.current().info.heartbeatDetails
    return typeof details === 'object' && details !== null
      ? (details as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
