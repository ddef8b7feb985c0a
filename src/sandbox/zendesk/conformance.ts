import type { ConformanceKit } from '../framework/conformance-kit.js'
import { exportableTickets } from './export-window.js'
import { sampleZendesk } from './sample-account.js'
import type { ZendeskSandbox } from './server.js'

// Changes are dated two minutes back: the ticket export never returns the newest minute.
const changeAt = () => ({ at: Date.now() - 120_000 })
const UNKNOWN_FIELD = 'cs360_drift_probe'

/**
 * The connector conformance suite's view of the Zendesk sandbox: 25 organizations, 75 tickets
 * and 16 ratings, paged at 10 so every stream spans several pages. With a sandbox started at
 * `rateLimitTimeScale` below 1 its config paces to the shrunk window (see system.ts configYaml);
 * at full scale the ten-a-minute export limit makes the suite take minutes.
 */
export const zendeskConformance: ConformanceKit<ZendeskSandbox> = {
  section: () => sampleZendesk({ organizations: 25, ticketsPerOrganization: 3 }),
  configExtra: "    startDate: '2020-01-01'\n    exportPageSize: 10\n    listPageSize: 5\n",
  sourceIds: (server, stream) => {
    const { store } = server
    if (stream === 'organizations') return [...store.organizations.keys()].map(String)
    if (stream === 'tickets') {
      return exportableTickets(store).map((t) => String(t.id))
    }
    if (stream === 'satisfaction_ratings') return [...store.ratings.keys()].map(String)
    throw new Error(`zendesk has no stream ${stream}`)
  },
  idOf: (_stream, raw) => String((raw as { id: unknown }).id),
  // Only the ticket export reports it: organizations and ratings re-read nothing.
  change: (server) => {
    const { store } = server
    const ticket = store.list(store.tickets).find((t) => t.status === 'open')!
    server.updateTicket(ticket.id, { priority: 'urgent' }, changeAt())
    return { stream: 'tickets', id: String(ticket.id) }
  },
  // A deleted ticket stays in the export with status "deleted".
  remove: (server) => {
    const { store } = server
    const ticket = store.list(store.tickets).find((t) => t.status === 'pending')!
    server.deleteTicket(ticket.id, changeAt())
    return { stream: 'tickets', id: String(ticket.id) }
  },
  rateLimitNext: (server) =>
    server.faults.failNext({
      status: 429,
      count: 1,
      body: 'Number of allowed API requests per minute exceeded',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' },
    }),
  // API tokens live until an admin revokes them.
  expireTokens: () => false,
  badCredentials: (env) => ({ ...env, ZENDESK_API_TOKEN: 'not-the-sandbox-token' }),
  drift: (server) => {
    const at = changeAt()
    const kept = server.addTicket(
      { subject: 'Drifted', status: 'open', [UNKNOWN_FIELD]: { added: 'by a newer API' } },
      at,
    )
    const broken = server.addTicket({ subject: 'Broken', status: 'open', created_at: 'soon' }, at)
    return {
      stream: 'tickets',
      unknownField: UNKNOWN_FIELD,
      keptId: String(kept.id),
      brokenId: String(broken.id),
    }
  },
}
