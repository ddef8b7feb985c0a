import type { TicketExportPage } from './schemas.js'

/**
 * What a ticket export page sideloaded (`include=users,metric_sets`), indexed for `map`: the
 * requester's organization and each ticket's solve time.
 */
export class TicketSideloads {
  private readonly organizations = new Map<number, number | null>()
  private readonly solved = new Map<number, string | null>()

  constructor(page?: Pick<TicketExportPage, 'users' | 'metric_sets'>) {
    for (const user of page?.users ?? [])
      this.organizations.set(user.id, user.organization_id ?? null)
    for (const metric of page?.metric_sets ?? [])
      this.solved.set(metric.ticket_id, metric.solved_at ?? null)
  }

  organizationOf(userId: number | null | undefined): number | null {
    return userId == null ? null : (this.organizations.get(userId) ?? null)
  }

  solvedAt(ticketId: number): string | null {
    return this.solved.get(ticketId) ?? null
  }

  /** The page's sideloads, or none when a page came without them. */
  static of(related: unknown): TicketSideloads {
    return related instanceof TicketSideloads ? related : new TicketSideloads()
  }
}
