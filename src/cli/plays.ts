import type { OpenPlay } from '../db/plays/open-plays.js'

/** One play as a CSM's to-do line: priority, account, what to do and why, by when, for whom. */
export function formatPlay(play: OpenPlay, accountName?: string | null): string {
  const due = play.due_date
  return `[${play.priority}] ${accountName ?? play.account_id}: ${play.action} — ${play.reason} (due ${due}${play.owner_id ? `, owner ${play.owner_id}` : ''})`
}
