import { schemaDriftError } from '../../errors.js'
import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { zendeskApi, zendeskGet } from './client.js'
import type { ZendeskConfig } from './config.js'
import { isTooRecentStartTime } from './errors.js'
import { parseEnvelope, ticketExportPageSchema, type TicketExportPage } from './schemas.js'
import { TicketSideloads } from './sideloads.js'
import { firstExportStart, withParams } from './urls.js'

const SIDELOADS = 'users,metric_sets'

/**
 * Tickets through the cursor-based incremental export, oldest change first: the first run asks
 * from `startDate`, then each page's `after_url` is followed until `end_of_stream`, and every
 * page's `after_cursor` is its checkpoint, so a run resumes right after its last saved page and
 * the next run starts where this one ended. The export filters on `generated_timestamp`, never
 * returns the newest minute, and keeps deleted tickets (`status: "deleted"`). node-zendesk's own
 * helpers are no use here: `exportCursor()` sends `cursor=undefined` and the `incremental()`
 * ones stop after the first page.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
 */
export async function* readTickets(
  ctx: ConnectorContext<ZendeskConfig>,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const { base } = zendeskApi(ctx.config)
  const exportUrl = `${base}/incremental/tickets/cursor.json`
  const cursor = typeof from?.cursor === 'string' && from.cursor ? from.cursor : null
  let url = exportParams(
    cursor
      ? withParams(exportUrl, { cursor })
      : withParams(exportUrl, { start_time: firstExportStart(ctx.config) }),
    ctx.config,
  )
  let checkpoint: StreamCheckpoint = cursor ? { cursor } : {}
  for (;;) {
    let body: unknown
    try {
      body = await zendeskGet(ctx, url, { doing: 'exporting tickets', incremental: true })
    } catch (error) {
      if (isTooRecentStartTime(error)) return
      throw error
    }
    const page = parseEnvelope(ticketExportPageSchema, body, 'exporting tickets')
    if (page.after_cursor) checkpoint = { cursor: page.after_cursor }
    yield { records: page.tickets, checkpoint, related: new TicketSideloads(page) }
    if (page.end_of_stream) return
    url = exportParams(nextUrl(page, exportUrl, base), ctx.config)
  }
}

/** Our page size and sideloads on every request, whatever `after_url` carries over. */
function exportParams(url: string, config: ZendeskConfig): string {
  return withParams(url, { per_page: config.exportPageSize, include: SIDELOADS })
}

/** `after_url`, or the same request rebuilt from `after_cursor` if it names another host. */
function nextUrl(page: TicketExportPage, exportUrl: string, base: string): string {
  if (page.after_url?.startsWith(base)) return page.after_url
  if (page.after_cursor) return withParams(exportUrl, { cursor: page.after_cursor })
  throw schemaDriftError(
    'Zendesk, exporting tickets: a page before the end of the stream has neither after_url nor after_cursor',
    'zendesk',
  )
}
