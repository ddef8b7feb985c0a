import type { Router } from '../framework/router.js'
import { recordNotFound } from './errors.js'
import { listPage } from './paging.js'
import type { ZendeskStore } from './store.js'

/**
 * List Tickets (its own `zendesk-ratelimit-tickets-index` allowance) and Show Ticket; deleted
 * tickets are gone from both.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
 */
export function ticketRoutes(router: Router, store: ZendeskStore, base: () => string): void {
  router.on('GET', '/api/v2/tickets', (req) =>
    listPage(
      req,
      `${base()}/api/v2/tickets.json`,
      'tickets',
      store.list(store.tickets).filter((t) => t.status !== 'deleted'),
    ),
  )
  router.on('GET', '/api/v2/tickets/:id', (req) => {
    const ticket = store.tickets.get(Number(req.params.id))
    if (!ticket || ticket.status === 'deleted') return recordNotFound()
    return { status: 200, body: { ticket } }
  })
}
