import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { zendeskApi, zendeskGet } from './client.js'
import type { ZendeskConfig } from './config.js'
import { isTooRecentStartTime } from './errors.js'
import { organizationExportPageSchema, parseEnvelope } from './schemas.js'
import { idOf, idSet, secondsOf, withParams } from './urls.js'

/** Where the export stands: its next `start_time`, and the ids already read in that second. */
interface Position {
  startTime: number
  seen: Set<string>
}

/**
 * Organizations through the time-based incremental export, from the account's beginning
 * (an organization must be known to link its tickets however long ago it last changed). Each
 * page's `end_time` is the next `start_time`, so the records of that second come again; they
 * are dropped by id + updated_at (the ids read in the boundary second travel in the
 * checkpoint). A page lying wholly in one second holds every record of that second (the export
 * runs a page past `per_page` to keep a second whole), so the read goes on from the next
 * second instead of asking for the same page forever. Deleted organizations come with
 * `deleted_at`.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-organization-export
 */
export async function* readOrganizations(
  ctx: ConnectorContext<ZendeskConfig>,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const { base } = zendeskApi(ctx.config)
  let position: Position = {
    startTime: typeof from?.startTime === 'number' ? from.startTime : 0,
    seen: idSet(from?.seenIds),
  }
  for (;;) {
    const url = withParams(`${base}/incremental/organizations.json`, {
      start_time: position.startTime,
      per_page: ctx.config.exportPageSize,
    })
    let body: unknown
    try {
      body = await zendeskGet(ctx, url, { doing: 'exporting organizations', incremental: true })
    } catch (error) {
      if (isTooRecentStartTime(error)) return
      throw error
    }
    const page = parseEnvelope(organizationExportPageSchema, body, 'exporting organizations')
    const { startTime, seen } = position
    const fresh = page.organizations.filter(
      (o) => !(secondsOf(o, 'updated_at') === startTime && seen.has(idOf(o))),
    )
    position = advance(position, page.organizations, page.end_time ?? startTime)
    if (!page.end_of_stream && wholeSecond(page.organizations, position.startTime)) {
      position = { startTime: position.startTime + 1, seen: new Set() }
    }
    yield {
      records: fresh,
      checkpoint: { startTime: position.startTime, seenIds: [...position.seen].join(',') },
    }
    if (page.end_of_stream) return
  }
}

function advance(position: Position, records: unknown[], endTime: number): Position {
  const seen = endTime === position.startTime ? new Set(position.seen) : new Set<string>()
  for (const record of records)
    if (secondsOf(record, 'updated_at') === endTime) seen.add(idOf(record))
  return { startTime: endTime, seen }
}

function wholeSecond(records: unknown[], second: number): boolean {
  return records.length > 0 && records.every((r) => secondsOf(r, 'updated_at') === second)
}
