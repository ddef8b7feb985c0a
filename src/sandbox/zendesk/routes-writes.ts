import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { recordNotFound, zendeskError } from './errors.js'
import type { OrganizationChanges, TicketChanges, ZendeskStore } from './store.js'

type Details = Record<string, { description: string; error: string }[]>

/** 422 RecordInvalid with per-field details, as Zendesk answers a change it refuses. */
const recordInvalid = (details: Details): SandboxResponse =>
  zendeskError(422, 'RecordInvalid', 'Record validation errors', details)

const TICKET_STATUSES = new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed'])

/**
 * The few writes a test or a person at the source makes through the API (create and rename an
 * organization, update a ticket), with Zendesk's validation: unique non-blank organization
 * names, known statuses, closed tickets frozen.
 * https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/#update-organization
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
 */
export function writeRoutes(router: Router, store: ZendeskStore): void {
  router.on('POST', '/api/v2/organizations', (req) => {
    const fields = bodyOf(req, 'organization')
    const invalid = organizationProblems(store, fields, null)
    if (invalid) return invalid
    return {
      status: 201,
      body: { organization: store.addOrganization(fields as OrganizationChanges) },
    }
  })
  router.on('PUT', '/api/v2/organizations/:id', (req) => {
    const id = Number(req.params.id)
    const organization = store.organizations.get(id)
    if (!organization || organization.deleted_at) return recordNotFound()
    const fields = bodyOf(req, 'organization')
    const invalid = organizationProblems(store, fields, id)
    if (invalid) return invalid
    return {
      status: 200,
      body: { organization: store.updateOrganization(id, fields as OrganizationChanges) },
    }
  })
  router.on('PUT', '/api/v2/tickets/:id', (req) => {
    const id = Number(req.params.id)
    const ticket = store.tickets.get(id)
    if (!ticket || ticket.status === 'deleted') return recordNotFound()
    const fields = bodyOf(req, 'ticket')
    if (ticket.status === 'closed') {
      return recordInvalid({
        status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPrevents' }],
      })
    }
    if (fields.status !== undefined && !TICKET_STATUSES.has(String(fields.status))) {
      return recordInvalid({
        status: [
          { description: `Status: ${String(fields.status)} is not valid`, error: 'InvalidValue' },
        ],
      })
    }
    return { status: 200, body: { ticket: store.updateTicket(id, fields as TicketChanges) } }
  })
}

function bodyOf(req: SandboxRequest, key: string): Record<string, unknown> {
  const value = (req.body as Record<string, unknown> | undefined)?.[key]
  return value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {}
}

function organizationProblems(
  store: ZendeskStore,
  fields: Record<string, unknown>,
  id: number | null,
): SandboxResponse | undefined {
  if (id !== null && !('name' in fields)) return undefined
  const name = typeof fields.name === 'string' ? fields.name.trim() : ''
  if (!name)
    return recordInvalid({ name: [{ description: 'Name: cannot be blank', error: 'BlankValue' }] })
  const taken = [...store.organizations.values()].some(
    (o) => o.id !== id && !o.deleted_at && o.name.toLowerCase() === name.toLowerCase(),
  )
  if (taken) {
    return recordInvalid({
      name: [{ description: 'Name: has already been taken', error: 'DuplicateValue' }],
    })
  }
  return undefined
}
