import type { CompanyModel, Contact, ModelAccount } from '../dataset/company-model.js'
import { addDays, at, isoSeconds, snapshotMs, unixSeconds } from '../dataset/dates.js'
import { emailAllocator, personName } from '../dataset/names.js'
import { Random } from '../dataset/random.js'
import { VENDOR_DOMAIN } from '../dataset/team.js'
import type { ZendeskDataset } from './dataset-schema.js'
import { drawTickets, type DraftRating, type DraftTicket } from './generator-tickets.js'

const API = 'https://cs360-demo.zendesk.com/api/v2'
const SUPPORT_GROUP_ID = 360_000_000_101

/**
 * The company's Zendesk Support: one organization per account (external_id = CRM account id,
 * domain_names = its domain), support agents, the customer contacts who wrote in, a year of
 * tickets, and the CSAT ratings on them. Ids increase with creation time, as Zendesk's do.
 */
export function renderZendesk(
  model: CompanyModel,
  seed: number,
  crmIds: string[],
): { dataset: ZendeskDataset; organizationIds: number[] } {
  const random = Random.forPart(seed, 'zendesk')
  const nowMs = snapshotMs(model.asOf)
  const primaryDomains = new Set(model.accounts.map((a) => a.identity.domain))

  const byCreation = [...model.accounts].sort((a, b) => a.createdMs - b.createdMs)
  const organizationIds: number[] = []
  let orgId = 360_010_000_000
  for (const a of byCreation) organizationIds[a.index] = orgId += random.int(1, 9000)
  const organizations = model.accounts.map((a) => {
    const id = organizationIds[a.index]!
    // Whether the admin filled in the CRM id, and how the domain is written, is the company
    // model's decision (linking-keys.ts); about 10% also list a second domain.
    const alias = `${a.identity.domain.split('.')[0]}.net`
    const keys = a.linking.zendesk
    const domains =
      random.chance(0.1) && !primaryDomains.has(alias) && a.linking.trap === null
        ? [...keys.domains, alias]
        : keys.domains
    return {
      url: `${API}/organizations/${id}.json`,
      id,
      name: keys.name ?? a.identity.name,
      shared_tickets: false,
      shared_comments: false,
      external_id: keys.crmId ? crmIds[a.index]! : null,
      created_at: isoSeconds(a.createdMs + 86_400_000 * random.int(1, 30)),
      updated_at: isoSeconds(
        Math.min(nowMs, Math.max(a.modifiedMs, a.createdMs + 31 * 86_400_000)),
      ),
      domain_names: domains,
      details: '',
      notes: '',
      group_id: null,
      tags: [a.plan.segment.replace('-', '_'), ...(a.plan.churned ? ['former_customer'] : [])],
      organization_fields: { plan: a.plan.segment },
    }
  })

  const tickets: DraftTicket[] = model.accounts.flatMap((a) => drawTickets(random, a, nowMs))
  tickets.sort((x, y) => x.createdMs - y.createdMs)

  const agentEmail = emailAllocator(VENDOR_DOMAIN, 'first.last')
  const agentCount = Math.max(3, Math.ceil(model.accounts.length / 45))
  let userId = 360_001_000_000
  const agents = Array.from({ length: agentCount }, (_, i) => {
    const name = personName(random)
    const created = at(addDays(model.asOf, -random.int(300, 1500)), 36_000)
    return {
      url: `${API}/users/${(userId += random.int(1, 500))}.json`,
      id: userId,
      name: `${name.first} ${name.last}`,
      email: agentEmail(name),
      role: i === 0 ? ('admin' as const) : ('agent' as const),
      organization_id: null,
      active: true,
      verified: true,
      locale: 'en-US',
      time_zone: 'UTC',
      created_at: isoSeconds(created),
      updated_at: isoSeconds(created + 86_400_000 * random.int(1, 200)),
      last_login_at: isoSeconds(nowMs - random.int(3600, 86_400 * 3) * 1000),
    }
  })

  // End users exist once they wrote in (or were set up as the organization's admin).
  const firstSeen = new Map<Contact, { account: ModelAccount; ms: number }>()
  const seen = (contact: Contact, account: ModelAccount, ms: number) => {
    const known = firstSeen.get(contact)
    firstSeen.set(contact, { account, ms: Math.min(known?.ms ?? Infinity, ms) })
  }
  for (const a of model.accounts) if (a.contacts[0]) seen(a.contacts[0], a, a.contacts[0].sinceMs)
  for (const t of tickets) {
    const contact = t.account.contacts[t.requester]!
    seen(contact, t.account, Math.min(contact.sinceMs, t.createdMs - 60_000))
  }
  const endUserIds = new Map<Contact, number>()
  const endUsers = [...firstSeen.entries()]
    .sort(([, x], [, y]) => x.ms - y.ms)
    .map(([contact, { account, ms }]) => {
      const id = (userId += random.int(1, 900))
      endUserIds.set(contact, id)
      return {
        url: `${API}/users/${id}.json`,
        id,
        name: `${contact.name.first} ${contact.name.last}`,
        email: contact.email,
        role: 'end-user' as const,
        organization_id: organizationIds[account.index]!,
        active: true,
        verified: true,
        locale: 'en-US',
        time_zone: 'UTC',
        created_at: isoSeconds(ms),
        updated_at: isoSeconds(Math.min(nowMs, ms + 86_400_000 * random.int(1, 90))),
        last_login_at: null,
      }
    })

  // Rating ids follow the ratings' own creation order, not their tickets'.
  const ratingIds = new Map<DraftTicket, number>()
  let ratingId = 360_100_000_000
  tickets
    .filter((t) => typeof t.rating === 'object')
    .sort((x, y) => (x.rating as DraftRating).createdMs - (y.rating as DraftRating).createdMs)
    .forEach((t) => ratingIds.set(t, (ratingId += random.int(1, 3000))))

  let ticketId = 1000
  const satisfaction_ratings: ZendeskDataset['satisfaction_ratings'] = []
  const ticketRecords = tickets.map((t) => {
    const id = (ticketId += random.chance(0.03) ? 2 : 1)
    const requester = endUserIds.get(t.account.contacts[t.requester]!)!
    const assignee = t.status === 'new' ? null : random.pick(agents).id
    let rating: Record<string, unknown> = {
      score: t.rating === 'offered' ? 'offered' : 'unoffered',
    }
    if (typeof t.rating === 'object') {
      const rId = ratingIds.get(t)!
      rating = { id: rId, score: t.rating.score, comment: t.rating.comment }
      satisfaction_ratings.push({
        url: `${API}/satisfaction_ratings/${rId}.json`,
        id: rId,
        assignee_id: assignee ?? agents[0]!.id,
        group_id: SUPPORT_GROUP_ID,
        requester_id: requester,
        ticket_id: id,
        score: t.rating.score,
        comment: t.rating.comment,
        ...(t.rating.reason ? { reason: t.rating.reason } : {}),
        created_at: isoSeconds(t.rating.createdMs),
        updated_at: isoSeconds(t.rating.createdMs),
      })
    }
    return {
      url: `${API}/tickets/${id}.json`,
      id,
      external_id: null,
      via: { channel: t.channel },
      created_at: isoSeconds(t.createdMs),
      updated_at: isoSeconds(t.updatedMs),
      generated_timestamp: unixSeconds(t.updatedMs),
      type: t.type,
      subject: t.subject,
      raw_subject: t.subject,
      description: t.description,
      priority: t.priority,
      status: t.status,
      recipient: `support@${VENDOR_DOMAIN}`,
      requester_id: requester,
      submitter_id: requester,
      assignee_id: assignee,
      organization_id: organizationIds[t.account.index]!,
      group_id: SUPPORT_GROUP_ID,
      collaborator_ids: [],
      follower_ids: [],
      has_incidents: false,
      is_public: true,
      due_at: null,
      tags: [t.type, t.account.plan.segment.replace('-', '_')],
      custom_fields: [],
      satisfaction_rating: rating,
      brand_id: 360_000_000_001,
    }
  })
  satisfaction_ratings.sort((x, y) => x.id - y.id)

  // One metric set per ticket, created with it; ids follow the tickets' (no draws: adding them
  // left every other record of a seed unchanged).
  const ticket_metrics = tickets.map((t, i) => {
    const ticket = ticketRecords[i]!
    return {
      url: `${API}/ticket_metrics/${360_200_000_000 + ticket.id}.json`,
      id: 360_200_000_000 + ticket.id,
      ticket_id: ticket.id,
      reopens: 0,
      solved_at: t.solvedMs === null ? null : isoSeconds(t.solvedMs),
      created_at: ticket.created_at,
      updated_at: ticket.updated_at,
    }
  })

  return {
    dataset: {
      organizations: [...organizations].sort((x, y) => x.id - y.id),
      users: [...agents, ...endUsers],
      tickets: ticketRecords,
      satisfaction_ratings,
      ticket_metrics,
    },
    organizationIds,
  }
}
