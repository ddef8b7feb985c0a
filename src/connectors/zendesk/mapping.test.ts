import { describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import type { MappedRecord } from '../types.js'
import { zendeskConfigSchema } from './config.js'
import { mapOrganization, mapSatisfactionRating, mapTicket } from './mapping.js'
import { TicketSideloads } from './sideloads.js'

const auth = { type: 'api_token', email: 'admin@acme.com', apiToken: new Secret('T', 'v') }
const config = zendeskConfigSchema.parse({ url: 'https://acme.zendesk.com/', auth })

const organization = {
  id: 360010786102,
  name: 'Lark Consulting GmbH',
  domain_names: ['https://www.LarkConsulting.de/', 'larkconsulting.de', 'lark.net', 'not a domain'],
  external_id: ' 0015g000000000NAAQ ',
  created_at: '2024-07-21T14:42:34Z',
  updated_at: '2026-11-03T09:41:51Z',
  tags: ['enterprise'],
  organization_fields: { plan: 'enterprise' },
}

const ticket = {
  id: 1001,
  organization_id: null,
  requester_id: 360001013941,
  subject: 'How do I add a new user?',
  status: 'closed',
  priority: 'normal',
  type: 'question',
  tags: ['question'],
  created_at: '2025-11-23T03:56:32Z',
  updated_at: '2025-11-30T03:48:06Z',
  generated_timestamp: 1764474486,
  via: { channel: 'email' },
}

function firstRow(mapped: MappedRecord): Record<string, unknown> {
  if (!mapped.ok) throw new Error(mapped.reason)
  return mapped.rows[0]!.row as Record<string, unknown>
}

const sideloads = new TicketSideloads({
  users: [{ id: 360001013941, organization_id: 360010013519 }],
  metric_sets: [{ ticket_id: 1001, solved_at: '2025-11-26T03:48:06Z' }],
})

describe('Zendesk mapping', () => {
  it('maps an organization with normalized, deduplicated domains and its CRM id', () => {
    expect(mapOrganization(organization, config)).toEqual({
      ok: true,
      rows: [
        {
          table: 'source_accounts',
          row: {
            source: 'zendesk',
            source_id: '360010786102',
            name: 'Lark Consulting GmbH',
            domains: ['larkconsulting.de', 'lark.net'],
            crm_account_ids: ['0015g000000000NAAQ'],
            email: null,
            source_created_at: '2024-07-21T14:42:34Z',
            source_updated_at: '2026-11-03T09:41:51Z',
            deleted_at: null,
            extra: JSON.stringify({
              tags: ['enterprise'],
              organization_fields: { plan: 'enterprise' },
            }),
          },
        },
      ],
    })
  })

  it('leaves external_id out of the CRM ids when identity says it holds something else', () => {
    const none = zendeskConfigSchema.parse({
      url: 'https://acme.zendesk.com',
      auth,
      identity: { externalId: 'none' },
    })
    const mapped = mapOrganization(organization, none)
    expect(mapped).toMatchObject({ ok: true, rows: [{ row: { crm_account_ids: [] } }] })
  })

  it('marks a deleted organization deleted', () => {
    const deleted = { ...organization, deleted_at: '2026-11-04T00:00:00Z' }
    expect(mapOrganization(deleted, config)).toMatchObject({
      rows: [{ row: { deleted_at: '2026-11-04T00:00:00Z' } }],
    })
  })

  it('maps a ticket to its requester’s organization and its metric set’s solve time', () => {
    const mapped = mapTicket(ticket, sideloads)
    expect(mapped).toMatchObject({
      ok: true,
      rows: [
        {
          table: 'support_tickets',
          row: {
            source_id: '1001',
            source_account_id: '360010013519',
            requester_id: '360001013941',
            status: 'closed',
            priority: 'normal',
            ticket_type: 'question',
            tags: ['question'],
            solved_at: '2025-11-26T03:48:06Z',
            deleted_at: null,
          },
        },
      ],
    })
    const extra = JSON.parse(String(firstRow(mapped).extra))
    expect(extra).toEqual({ generated_timestamp: 1764474486, via: { channel: 'email' } })
  })

  it('prefers the ticket’s own organization; falls back to updated_at without a metric set', () => {
    const own = { ...ticket, organization_id: 42, status: 'solved' }
    expect(mapTicket(own, new TicketSideloads())).toMatchObject({
      rows: [{ row: { source_account_id: '42', solved_at: ticket.updated_at } }],
    })
    const open = { ...ticket, status: 'open' }
    expect(mapTicket(open, sideloads)).toMatchObject({ rows: [{ row: { solved_at: null } }] })
  })

  it('marks a deleted ticket deleted at its generated timestamp', () => {
    expect(mapTicket({ ...ticket, status: 'deleted' }, sideloads)).toMatchObject({
      rows: [{ row: { status: 'deleted', deleted_at: '2025-11-30T03:48:06.000Z' } }],
    })
  })

  it('quarantines a ticket with a broken field and names the field', () => {
    expect(mapTicket({ ...ticket, status: 'escalated' }, sideloads)).toMatchObject({
      ok: false,
      sourceId: '1001',
      reason: expect.stringMatching(/^status: /),
    })
    // The malformed id is still what identifies the record at the source.
    expect(mapTicket({ ...ticket, id: 'x' }, sideloads)).toMatchObject({
      ok: false,
      sourceId: 'x',
    })
  })

  it('maps a CSAT rating; its organization only where the record has one', () => {
    const rating = {
      id: 360100003360,
      ticket_id: 1001,
      score: 'bad',
      comment: 'This keeps happening.',
      reason: 'Some other reason',
      created_at: '2025-11-28T05:00:12Z',
      updated_at: '2025-11-28T05:00:12Z',
    }
    expect(mapSatisfactionRating(rating)).toMatchObject({
      ok: true,
      rows: [
        {
          table: 'satisfaction_ratings',
          row: {
            source_id: '360100003360',
            ticket_source_id: '1001',
            source_account_id: null,
            score: 'bad',
            comment: 'This keeps happening.',
            extra: JSON.stringify({ reason: 'Some other reason' }),
          },
        },
      ],
    })
    expect(mapSatisfactionRating({ ...rating, organization_id: 7, comment: ' ' })).toMatchObject({
      rows: [{ row: { source_account_id: '7', comment: null } }],
    })
    expect(mapSatisfactionRating({ ...rating, score: 'great' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^score: /),
    })
  })
})

describe('Zendesk config', () => {
  it('fills documented defaults and strips a trailing slash', () => {
    expect(config).toMatchObject({
      url: 'https://acme.zendesk.com',
      identity: { externalId: 'crmAccountId' },
      incrementalRequestsPerMinute: 10,
      rateLimitWindowMs: 60_000,
      exportPageSize: 1000,
      listPageSize: 100,
    })
    expect(config.startDate).toBeUndefined()
  })

  it('refuses an API URL, a credential in the file and page sizes past the API maximum', () => {
    const bad = (input: object) =>
      zendeskConfigSchema.safeParse({ url: 'https://acme.zendesk.com', auth, ...input })
    expect(bad({ url: 'https://acme.zendesk.com/api/v2' }).success).toBe(false)
    expect(bad({ auth: { ...auth, apiToken: 'plain-text' } }).success).toBe(false)
    expect(bad({ exportPageSize: 1001 }).success).toBe(false)
    expect(bad({ listPageSize: 101 }).success).toBe(false)
    expect(bad({ startDate: '12/01/2025' }).success).toBe(false)
    expect(bad({ auth: { type: 'oauth', accessToken: new Secret('Z', 'v') } }).success).toBe(true)
  })
})
