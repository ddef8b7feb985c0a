import { snapshotMs, DAY_MS, dateMs } from '../../src/sandbox/dataset/dates.js'
import { randomFor, scaleAccounts, type CompanyShape, type ScaleAccount } from './company.js'
import { textArray } from './copy-rows.js'
import { sourceIds } from './source-rows.js'
import type { TableRows } from './table-rows.js'

/** Tickets a year per segment for an account of middling health; unhealthy ones file more. */
const TICKETS_A_YEAR: Record<string, number> = { enterprise: 24, 'mid-market': 10, smb: 4 }
/** Mean hours to solve, by priority. */
const HOURS_TO_SOLVE: Record<string, number> = { urgent: 8, high: 30, normal: 60, low: 90 }
const TYPES = ['question', 'incident', 'problem', 'task'] as const
const SUBJECTS = [
  'How do I add a new user?',
  'SSO login broken for our team',
  'Data missing from yesterday',
  'Export times out',
  'Remove a departed user',
  'Invoice question',
]
/** Tickets of the last 400 days: the 90-day windows and open tickets all fall inside. */
const HISTORY_DAYS = 400

interface Ticket {
  id: string
  priority: string
  type: string
  subject: string
  createdMs: number
  solvedMs: number | null
  status: string
  rating: { score: 'good' | 'bad'; atMs: number } | null
}

/** The account's tickets and their CSAT answers, drawn the same way by both tables' passes. */
function ticketsOf(shape: CompanyShape, a: ScaleAccount): Ticket[] {
  const random = randomFor(shape, 'support', a.index)
  const endMs = snapshotMs(shape.asOf)
  const health = a.engagementOn(364)
  const expected = (TICKETS_A_YEAR[a.plan.segment]! * (1.6 - health) * HISTORY_DAYS) / 365
  const count = Math.min(99, random.poisson(expected))
  const startMs = a.plan.churned ? dateMs(a.contracts.termStart) : endMs
  const tickets: Ticket[] = []
  for (let k = 0; k < count; k++) {
    const createdMs = startMs - random.int(0, HISTORY_DAYS * DAY_MS)
    const priority = random.weighted([
      ['urgent', 0.03 + 0.1 * (1 - health)],
      ['high', 0.2],
      ['normal', 0.5],
      ['low', 0.25],
    ] as const)
    const hours = -Math.log(1 - random.next()) * HOURS_TO_SOLVE[priority]!
    const solved = createdMs + Math.round(hours * 3_600_000)
    const solvedMs = solved <= endMs ? solved : null
    const status =
      solvedMs === null
        ? random.pick(['new', 'open', 'open', 'pending', 'hold'])
        : endMs - solvedMs < 4 * DAY_MS
          ? 'solved'
          : 'closed'
    const ratedMs = solvedMs === null ? null : solvedMs + DAY_MS
    const rating =
      ratedMs !== null && ratedMs <= endMs && random.chance(0.35)
        ? {
            score: random.chance(0.55 + 0.4 * health) ? ('good' as const) : ('bad' as const),
            atMs: ratedMs,
          }
        : null
    tickets.push({
      id: String(a.index * 100 + k),
      priority,
      type: random.pick(TYPES),
      subject: random.pick(SUBJECTS),
      createdMs,
      solvedMs,
      status,
      rating,
    })
  }
  return tickets
}

const iso = (ms: number) => new Date(ms).toISOString()

export function supportTickets(shape: CompanyShape): TableRows {
  return {
    table: 'support_tickets',
    columns: [
      'source',
      'source_id',
      'source_account_id',
      'requester_id',
      'subject',
      'status',
      'priority',
      'ticket_type',
      'tags',
      'source_created_at',
      'solved_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape))
        for (const t of ticketsOf(shape, a))
          yield [
            'zendesk',
            t.id,
            sourceIds.zendesk(a),
            String(900_000_000 + a.index),
            t.subject,
            t.status,
            t.priority,
            t.type,
            textArray([t.type, a.plan.segment.replace('-', '_')]),
            iso(t.createdMs),
            t.solvedMs === null ? null : iso(t.solvedMs),
            iso(t.solvedMs ?? t.createdMs),
          ]
    },
  }
}

/** CSAT answers reach their organization through the ticket, as Zendesk's export gives them. */
export function satisfactionRatings(shape: CompanyShape): TableRows {
  return {
    table: 'satisfaction_ratings',
    columns: [
      'source',
      'source_id',
      'ticket_source_id',
      'source_account_id',
      'score',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape))
        for (const t of ticketsOf(shape, a))
          if (t.rating)
            yield [
              'zendesk',
              t.id,
              t.id,
              null,
              t.rating.score,
              iso(t.rating.atMs),
              iso(t.rating.atMs),
            ]
    },
  }
}
