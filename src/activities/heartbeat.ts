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
