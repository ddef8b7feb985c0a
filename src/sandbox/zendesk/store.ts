import { isoSeconds } from '../dataset/dates.js'
import type { ZendeskDataset } from './dataset-schema.js'
import {
  unixOf,
  type SatisfactionRating,
  type StoredOrganization,
  type StoredTicket,
  type TicketMetric,
  type ZendeskUser,
} from './records.js'

/** When a change happened (epoch ms); default the account's clock. */
export interface ChangeOptions {
  at?: number
}

/** Field changes; unknown fields are kept, as the API keeps custom fields (`id` is ignored). */
export type TicketChanges = Partial<StoredTicket>
export type OrganizationChanges = Partial<StoredOrganization>
export type RatingChanges = Partial<SatisfactionRating>

const SOLVED = new Set(['solved', 'closed'])

/**
 * The account's state: organizations (deleted ones kept with `deleted_at`), users, tickets with
 * their metric sets, and CSAT ratings, keyed by id. Changes stamp the account's clock to the
 * second, as Zendesk does, so several changes within one second share a timestamp.
 */
export class ZendeskStore {
  readonly organizations = new Map<number, StoredOrganization>()
  readonly users = new Map<number, ZendeskUser>()
  readonly tickets = new Map<number, StoredTicket>()
  readonly ratings = new Map<number, SatisfactionRating>()
  /** Metric sets by ticket id. */
  readonly metrics = new Map<number, TicketMetric>()

  constructor(
    dataset: ZendeskDataset,
    /** The account's clock; tests pin it. */
    readonly now: () => number = Date.now,
  ) {
    for (const o of dataset.organizations) this.organizations.set(o.id, { ...o })
    for (const u of dataset.users) this.users.set(u.id, { ...u })
    for (const t of dataset.tickets) {
      const stamp = typeof t.generated_timestamp === 'number' ? t.generated_timestamp : undefined
      this.tickets.set(t.id, { ...t, generated_timestamp: stamp ?? unixOf(t.updated_at) })
    }
    for (const r of dataset.satisfaction_ratings) this.ratings.set(r.id, { ...r })
    for (const m of dataset.ticket_metrics) this.metrics.set(m.ticket_id, { ...m })
  }

  /** Sorted copies, oldest id first. */
  list<T extends { id: number }>(records: Map<number, T>): T[] {
    return [...records.values()].sort((a, b) => a.id - b.id)
  }

  updateTicket(id: number, changes: TicketChanges, options: ChangeOptions = {}): StoredTicket {
    const ticket = this.live(this.tickets, id, 'ticket')
    if (ticket.status === 'deleted') throw new Error(`ticket ${id} is deleted`)
    const at = options.at ?? this.now()
    const wasSolved = SOLVED.has(ticket.status)
    Object.assign(ticket, changes, {
      id,
      updated_at: isoSeconds(at),
      generated_timestamp: Math.floor(at / 1000),
    })
    const metric = this.metrics.get(id)
    if (metric) {
      if (SOLVED.has(ticket.status) && !wasSolved) metric.solved_at = isoSeconds(at)
      metric.updated_at = isoSeconds(at)
    }
    return { ...ticket }
  }

  /**
   * A system update (an SLA recalculation, a trigger without an event): `generated_timestamp`
   * moves, `updated_at` does not, so the export returns tickets whose `updated_at` predates the
   * requested `start_time`.
   */
  touchTicket(id: number, options: ChangeOptions = {}): StoredTicket {
    const ticket = this.live(this.tickets, id, 'ticket')
    ticket.generated_timestamp = Math.floor((options.at ?? this.now()) / 1000)
    return { ...ticket }
  }

  /** Deleted tickets stay in the incremental export with `status: "deleted"`. */
  deleteTicket(id: number, options: ChangeOptions = {}): void {
    this.updateTicket(id, { status: 'deleted' }, options)
  }

  addTicket(fields: TicketChanges, options: ChangeOptions = {}): StoredTicket {
    const at = options.at ?? this.now()
    const ticket: StoredTicket = {
      organization_id: null,
      requester_id: this.list(this.users)[0]?.id ?? 1,
      subject: null,
      status: 'new',
      priority: null,
      type: null,
      tags: [],
      ...fields,
      id: this.nextId(this.tickets),
      created_at: fields.created_at ?? isoSeconds(at),
      updated_at: fields.updated_at ?? isoSeconds(at),
      generated_timestamp: Math.floor(at / 1000),
    }
    this.tickets.set(ticket.id, ticket)
    return { ...ticket }
  }

  addOrganization(fields: OrganizationChanges, options: ChangeOptions = {}): StoredOrganization {
    const at = isoSeconds(options.at ?? this.now())
    const organization: StoredOrganization = {
      name: `Organization ${this.organizations.size + 1}`,
      domain_names: [],
      external_id: null,
      ...fields,
      id: this.nextId(this.organizations),
      created_at: fields.created_at ?? at,
      updated_at: fields.updated_at ?? at,
    }
    this.organizations.set(organization.id, organization)
    return { ...organization }
  }

  updateOrganization(
    id: number,
    changes: OrganizationChanges,
    options: ChangeOptions = {},
  ): StoredOrganization {
    const organization = this.live(this.organizations, id, 'organization')
    if (organization.deleted_at) throw new Error(`organization ${id} is deleted`)
    Object.assign(organization, changes, { id, updated_at: isoSeconds(options.at ?? this.now()) })
    return { ...organization }
  }

  /** Gone from lists and show; the incremental export still returns it with `deleted_at`. */
  deleteOrganization(id: number, options: ChangeOptions = {}): void {
    const at = isoSeconds(options.at ?? this.now())
    this.updateOrganization(id, { deleted_at: at }, options)
  }

  addRating(fields: RatingChanges & { ticket_id: number }, options: ChangeOptions = {}) {
    const at = isoSeconds(options.at ?? this.now())
    const ticket = this.tickets.get(fields.ticket_id)
    const rating: SatisfactionRating = {
      score: 'good',
      requester_id: ticket?.requester_id,
      ...fields,
      id: this.nextId(this.ratings),
      created_at: fields.created_at ?? at,
      updated_at: fields.updated_at ?? at,
    }
    this.ratings.set(rating.id, rating)
    return { ...rating }
  }

  updateRating(id: number, changes: RatingChanges, options: ChangeOptions = {}) {
    const rating = this.live(this.ratings, id, 'satisfaction rating')
    Object.assign(rating, changes, { id, updated_at: isoSeconds(options.at ?? this.now()) })
    return { ...rating }
  }

  private live<T>(records: Map<number, T>, id: number, what: string): T {
    const record = records.get(id)
    if (!record) throw new Error(`no ${what} ${id} in the sandbox`)
    return record
  }

  /** Zendesk ids only grow. */
  private nextId(records: Map<number, { id: number }>): number {
    let max = 0
    for (const id of records.keys()) max = Math.max(max, id)
    return max + 1
  }
}
