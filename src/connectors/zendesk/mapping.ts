import { extraFields, parseRecord } from '../parse-record.js'
import { rowFor } from '../../db/load-target.js'
import { domainFromWebsite } from '../domain.js'
import type { MappedRecord } from '../types.js'
import type { ZendeskConfig } from './config.js'
import { organizationSchema, satisfactionRatingSchema, ticketSchema } from './schemas.js'
import { TicketSideloads } from './sideloads.js'

export const SOURCE = 'zendesk'

const id = (value: number | null | undefined) => (value == null ? null : String(value))

const ORGANIZATION_FIELDS = [
  'id',
  'name',
  'domain_names',
  'external_id',
  'created_at',
  'updated_at',
  'deleted_at',
]

/** An organization is the account-like record the identity resolver links to a CRM account. */
export function mapOrganization(raw: unknown, config: ZendeskConfig): MappedRecord {
  const parsed = parseRecord(organizationSchema, raw)
  if (!parsed.ok) return parsed
  const o = parsed.value
  const domains = [
    ...new Set((o.domain_names ?? []).map(domainFromWebsite).filter((d) => d !== null)),
  ]
  const crmId = config.identity.externalId === 'crmAccountId' ? o.external_id?.trim() : undefined
  return {
    ok: true,
    rows: [
      rowFor('source_accounts', {
        source: SOURCE,
        source_id: String(o.id),
        name: o.name,
        domains,
        crm_account_ids: crmId ? [crmId] : [],
        email: null,
        source_created_at: o.created_at ?? null,
        source_updated_at: o.updated_at,
        deleted_at: o.deleted_at ?? null,
        extra: extraFields(o, ORGANIZATION_FIELDS),
      }),
    ],
  }
}

const TICKET_FIELDS = [
  'id',
  'organization_id',
  'requester_id',
  'subject',
  'status',
  'priority',
  'type',
  'tags',
  'created_at',
  'updated_at',
]
const SOLVED = new Set(['solved', 'closed'])

/**
 * A ticket belongs to its organization, else to its requester's (from the `users` sideload).
 * `solved_at` is the metric set's `solved_at` (sideloaded with the page); without one, a solved
 * or closed ticket's `updated_at`, which for a closed ticket is later than the solve.
 */
export function mapTicket(raw: unknown, sideloads: TicketSideloads): MappedRecord {
  const parsed = parseRecord(ticketSchema, raw)
  if (!parsed.ok) return parsed
  const t = parsed.value
  const solved = SOLVED.has(t.status)
  const deletedAt =
    t.status === 'deleted'
      ? t.generated_timestamp != null
        ? new Date(t.generated_timestamp * 1000).toISOString()
        : t.updated_at
      : null
  return {
    ok: true,
    rows: [
      rowFor('support_tickets', {
        source: SOURCE,
        source_id: String(t.id),
        source_account_id: id(t.organization_id ?? sideloads.organizationOf(t.requester_id)),
        requester_id: id(t.requester_id),
        subject: t.subject ?? null,
        status: t.status,
        priority: t.priority ?? null,
        ticket_type: t.type ?? null,
        tags: t.tags ?? [],
        source_created_at: t.created_at,
        solved_at: solved ? (sideloads.solvedAt(t.id) ?? t.updated_at) : null,
        source_updated_at: t.updated_at,
        deleted_at: deletedAt,
        extra: extraFields(t, TICKET_FIELDS),
      }),
    ],
  }
}

const RATING_FIELDS = [
  'id',
  'ticket_id',
  'organization_id',
  'score',
  'comment',
  'created_at',
  'updated_at',
]

/** The rating object carries no organization in the API; one that does is used. */
export function mapSatisfactionRating(raw: unknown): MappedRecord {
  const parsed = parseRecord(satisfactionRatingSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  return {
    ok: true,
    rows: [
      rowFor('satisfaction_ratings', {
        source: SOURCE,
        source_id: String(r.id),
        ticket_source_id: id(r.ticket_id),
        source_account_id: id(r.organization_id),
        score: r.score,
        comment: r.comment?.trim() ? r.comment : null,
        source_created_at: r.created_at,
        source_updated_at: r.updated_at ?? r.created_at,
        deleted_at: null,
        extra: extraFields(r, RATING_FIELDS),
      }),
    ],
  }
}
