import { sourceRecordTarget } from '../../db/load-target.js'
import type { Stream } from '../types.js'
import type { ZendeskConfig } from './config.js'
import { mapOrganization, mapSatisfactionRating, mapTicket } from './mapping.js'
import { readOrganizations } from './organizations-stream.js'
import { readSatisfactionRatings } from './ratings-stream.js'
import { TicketSideloads } from './sideloads.js'
import { readTickets } from './tickets-stream.js'

/** ⌈records / page maximum⌉, and one request to learn that nothing changed. */
const pagesOf =
  (maximum: number) =>
  ({ records }: { records: number }) =>
    Math.max(1, Math.ceil(records / maximum))

/** Organizations: the account-like records identity resolution links to CRM accounts. */
export const organizationsStream: Stream<ZendeskConfig> = {
  name: 'organizations',
  targets: [sourceRecordTarget('source_accounts')],
  read: readOrganizations,
  map: (raw, ctx) => mapOrganization(raw, ctx.config),
  interpretation: (config) => ({ 'identity.externalId': config.identity.externalId }),
  // The time-based organization export pages at 1,000.
  minimumRequests: pagesOf(1000),
}

export const ticketsStream: Stream<ZendeskConfig> = {
  name: 'tickets',
  targets: [sourceRecordTarget('support_tickets')],
  read: readTickets,
  map: (raw, _ctx, page) => mapTicket(raw, TicketSideloads.of(page.related)),
  // The cursor ticket export pages at 1,000.
  minimumRequests: pagesOf(1000),
}

export const satisfactionRatingsStream: Stream<ZendeskConfig> = {
  name: 'satisfaction_ratings',
  targets: [sourceRecordTarget('satisfaction_ratings')],
  read: readSatisfactionRatings,
  map: (raw) => mapSatisfactionRating(raw),
  // CSAT ratings list at most 100 a page.
  minimumRequests: pagesOf(100),
}
