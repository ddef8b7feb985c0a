import { Context } from '@temporalio/activity'

/**
 * Tells Temporal the activity is alive and how far it got. Outside an activity (direct calls
 * from scripts) there is nothing to heartbeat to.
 */
export function heartbeat(details: Record<string, unknown>): void {
  let context: Context
  try {
    context = Context.current()
  } catch {
    return
  }
  context.heartbeat(details)
}
