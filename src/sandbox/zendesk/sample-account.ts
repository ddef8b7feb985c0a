import { isoSeconds } from '../dataset/dates.js'
import type { ZendeskDataset } from './dataset-schema.js'

export interface SampleOptions {
  organizations?: number
  ticketsPerOrganization?: number
  /** Epoch ms of the oldest record; later ones follow a minute apart. */
  startMs?: number
  /** How many of the first organizations share one `updated_at` second. */
  sameSecond?: number
}

export const SAMPLE_ADMIN_EMAIL = 'ada.admin@cs360-sandbox.example'
export const SAMPLE_AGENT_EMAIL = 'alan.agent@cs360-sandbox.example'
const MINUTE = 60_000
const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
const TYPES = ['question', 'incident', 'problem', 'task'] as const

/**
 * A small, deterministic Zendesk account for tests and the conformance suite: one end user per
 * organization, tickets cycling through every status, priority and type (every seventh without
 * an organization, so it belongs to its requester's), metric sets, and a CSAT rating on every
 * other solved ticket. Every fifth organization has no external id.
 */
export function sampleZendesk(options: SampleOptions = {}): ZendeskDataset {
  const orgCount = options.organizations ?? 12
  const perOrg = options.ticketsPerOrganization ?? 3
  const start = options.startMs ?? Date.UTC(2026, 0, 5, 9)
  const stamp = (n: number) => isoSeconds(start + n * MINUTE)
  const staff = [
    { id: 1000, name: 'Ada Admin', email: SAMPLE_ADMIN_EMAIL, role: 'admin' as const },
    { id: 1001, name: 'Alan Agent', email: SAMPLE_AGENT_EMAIL, role: 'agent' as const },
  ].map((u) => ({ ...u, organization_id: null, created_at: stamp(0), updated_at: stamp(0) }))
  const organizations = Array.from({ length: orgCount }, (_, i) => ({
    url: `https://cs360-sandbox.zendesk.com/api/v2/organizations/${5000 + i}.json`,
    id: 5000 + i,
    name: `Organization ${i + 1}`,
    domain_names:
      i % 4 === 0
        ? [`https://www.Org${i + 1}.example`, `org${i + 1}.net`]
        : [`org${i + 1}.example`],
    external_id: i % 5 === 4 ? null : `0015g0000000${String(i + 1).padStart(3, '0')}AAQ`,
    tags: ['sample'],
    created_at: stamp(0),
    updated_at: stamp(i < (options.sameSecond ?? 0) ? 1 : i + 1),
  }))
  const endUsers = organizations.map((o, i) => ({
    id: 2000 + i,
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@org${i + 1}.example`,
    role: 'end-user' as const,
    organization_id: o.id,
    created_at: stamp(0),
    updated_at: stamp(0),
  }))
  const tickets: ZendeskDataset['tickets'] = []
  const metrics: ZendeskDataset['ticket_metrics'] = []
  const ratings: ZendeskDataset['satisfaction_ratings'] = []
  for (let n = 0; n < orgCount * perOrg; n++) {
    const org = organizations[n % orgCount]!
    const status = STATUSES[n % STATUSES.length]!
    const updated = orgCount + 10 + n
    const id = n + 1
    tickets.push({
      url: `https://cs360-sandbox.zendesk.com/api/v2/tickets/${id}.json`,
      id,
      organization_id: n % 7 === 6 ? null : org.id,
      requester_id: endUsers[n % orgCount]!.id,
      submitter_id: endUsers[n % orgCount]!.id,
      assignee_id: status === 'new' ? null : 1001,
      subject: `Question ${id}`,
      status,
      priority: PRIORITIES[n % PRIORITIES.length]!,
      type: TYPES[n % TYPES.length]!,
      tags: ['sample', status],
      created_at: stamp(updated - 5),
      updated_at: stamp(updated),
      generated_timestamp: Math.floor((start + updated * MINUTE) / 1000),
    })
    const solved = status === 'solved' || status === 'closed'
    metrics.push({
      id: 9000 + id,
      ticket_id: id,
      solved_at: solved ? stamp(updated - 2) : null,
      created_at: stamp(updated - 5),
      updated_at: stamp(updated),
    })
    if (solved && n % 2 === 0) {
      ratings.push({
        id: 7000 + id,
        ticket_id: id,
        requester_id: endUsers[n % orgCount]!.id,
        score: n % 4 === 0 ? 'good' : 'bad',
        comment: n % 4 === 0 ? 'Thanks!' : 'Still broken.',
        created_at: stamp(updated),
        updated_at: stamp(updated),
      })
    }
  }
  return {
    organizations,
    users: [...staff, ...endUsers],
    tickets,
    satisfaction_ratings: ratings,
    ticket_metrics: metrics,
  }
}
