import type { Router } from '../framework/router.js'
import { excludesDeleted, exportableTickets, ticketSideloads } from './export-window.js'
import { unixOf } from './records.js'
import type { ZendeskStore } from './store.js'
import { ticketCursorExport } from './ticket-cursor-export.js'
import { timeBasedExport } from './time-based-export.js'

/**
 * The incremental exports cs360 and node-zendesk use (10 requests a minute, admins only).
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 */
export function incrementalRoutes(router: Router, store: ZendeskStore, base: () => string): void {
  const url = (path: string) => `${base()}/api/v2/incremental/${path}.json`

  router.on('GET', '/api/v2/incremental/tickets/cursor', (req) =>
    ticketCursorExport(req, store, url('tickets/cursor')),
  )

  // Time-based: what node-zendesk's tickets.incremental() reads (its first page only).
  router.on('GET', '/api/v2/incremental/tickets', (req) =>
    timeBasedExport(req, store, url('tickets'), {
      name: 'tickets',
      records: () => exportableTickets(store, excludesDeleted(req)),
      time: (t) => t.generated_timestamp,
      sideloads: (page) => ticketSideloads(req, store, page),
    }),
  )

  // Deleted organizations stay in this export with `deleted_at` set. The OAS subset in
  // shared/specs has no deleted_at on OrganizationObject and says nothing of deletions here;
  // the field is what export consumers (Airbyte's organizations schema) read, so unverified.
  router.on('GET', '/api/v2/incremental/organizations', (req) =>
    timeBasedExport(req, store, url('organizations'), {
      name: 'organizations',
      records: () => [...store.organizations.values()],
      time: (o) => unixOf(o.updated_at),
    }),
  )
}
