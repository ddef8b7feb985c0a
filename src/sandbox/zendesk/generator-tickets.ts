import type { ModelAccount } from '../dataset/company-model.js'
import { DAY_MS, dateMs } from '../dataset/dates.js'
import type { Segment } from '../dataset/ground-truth-schema.js'
import type { Random } from '../dataset/random.js'
import { BAD_COMMENTS, GOOD_COMMENTS, TICKET_TEXT } from './generator-text.js'

type TicketType = keyof typeof TICKET_TEXT
type Priority = 'urgent' | 'high' | 'normal' | 'low'
type Status = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed'

export interface DraftRating {
  score: 'good' | 'bad'
  comment: string
  reason: string | null
  createdMs: number
}

/** A ticket before ids are assigned: ids follow creation order across all accounts. */
export interface DraftTicket {
  account: ModelAccount
  requester: number
  createdMs: number
  updatedMs: number
  /** When an agent solved it (its metric set's `solved_at`); null while unsolved. */
  solvedMs: number | null
  type: TicketType
  priority: Priority
  status: Status
  subject: string
  description: string
  channel: 'email' | 'web' | 'api'
  rating: DraftRating | 'offered' | 'unoffered'
}

/** Ticket history kept in the dataset: the last twelve months. */
export const TICKET_WINDOW_DAYS = 365

/** Tickets per 30 days for a healthy account of each segment. */
const MONTHLY_TICKETS: Record<Segment, number> = { enterprise: 2.4, 'mid-market': 0.9, smb: 0.28 }

/** Median hours to solve, by priority. */
const SOLVE_HOURS: Record<Priority, number> = { urgent: 6, high: 20, normal: 40, low: 72 }

/** Share of solved tickets whose requester answers the CSAT survey. */
const SURVEY_RESPONSE = 0.35

/** Zendesk closes a solved ticket after four days without a reply. */
const CLOSE_AFTER_MS = 4 * DAY_MS

/**
 * An account's tickets over the last year. Unhealthy accounts file more, more urgent and more
 * incident-like tickets, increasingly so lately; they wait longer and rate worse. A former
 * customer's tickets stop at its churn date.
 */
export function drawTickets(random: Random, account: ModelAccount, nowMs: number): DraftTicket[] {
  const sick = 1 - account.plan.health
  const endMs = account.churnDate ? Math.min(nowMs, dateMs(account.churnDate)) : nowMs
  const startMs = Math.max(
    nowMs - TICKET_WINDOW_DAYS * DAY_MS,
    dateMs(account.contracts.customerSince),
  )
  if (endMs <= startMs) return []
  const months = (endMs - startMs) / (30 * DAY_MS)
  const count = random.poisson(MONTHLY_TICKETS[account.plan.segment] * (0.55 + 1.5 * sick) * months)
  // Exponent > 1 crowds an unhealthy account's tickets towards the present: a recent spike.
  const skew = 1 + Math.max(0, 0.55 - account.plan.health) * 2
  const tickets: DraftTicket[] = []
  for (let i = 0; i < count; i++) {
    const createdMs = Math.round(endMs - (endMs - startMs) * random.next() ** skew)
    const type = random.weighted<TicketType>([
      ['question', 0.45],
      ['incident', 0.2 + 0.35 * sick],
      ['problem', 0.05 + 0.15 * sick],
      ['task', 0.15],
    ])
    const priority = random.weighted<Priority>([
      ['low', 0.2],
      ['normal', 0.55],
      ['high', 0.15 * (1 + 1.5 * sick)],
      ['urgent', 0.03 * (1 + 3 * sick)],
    ])
    const hours = SOLVE_HOURS[priority] * (1 + sick) * Math.exp(random.normal(0, 0.8))
    const solvedMs = createdMs + Math.round(hours * 3_600_000)
    const [subject, description] = random.pick(TICKET_TEXT[type])
    const ticket: DraftTicket = {
      account,
      requester: Math.floor(account.contacts.length * random.next() ** 2),
      createdMs,
      updatedMs: solvedMs,
      solvedMs,
      type,
      priority,
      status: 'solved',
      subject,
      description,
      channel: random.weighted([
        ['email', 0.55],
        ['web', 0.4],
        ['api', 0.05],
      ] as const),
      rating: 'unoffered',
    }
    if (solvedMs > nowMs) {
      ticket.status =
        nowMs - createdMs < DAY_MS && random.chance(0.5)
          ? 'new'
          : random.weighted<Status>([
              ['open', 0.6],
              ['pending', 0.3],
              ['hold', 0.1],
            ])
      ticket.updatedMs = createdMs + Math.round((nowMs - createdMs) * random.between(0.2, 1))
      ticket.solvedMs = null
    } else {
      ticket.rating = survey(random, sick, priority, hours, solvedMs, nowMs)
      if (nowMs - solvedMs > CLOSE_AFTER_MS) {
        ticket.status = 'closed'
        ticket.updatedMs = solvedMs + CLOSE_AFTER_MS
      }
      if (typeof ticket.rating === 'object') {
        ticket.updatedMs = Math.max(ticket.updatedMs, ticket.rating.createdMs)
      }
    }
    tickets.push(ticket)
  }
  return tickets
}

function survey(
  random: Random,
  sick: number,
  priority: Priority,
  hours: number,
  solvedMs: number,
  nowMs: number,
): DraftRating | 'offered' {
  const createdMs = solvedMs + Math.round(random.between(0.5, 72) * 3_600_000)
  if (!random.chance(SURVEY_RESPONSE) || createdMs > nowMs) return 'offered'
  const pBad =
    0.04 +
    0.6 * sick * sick +
    (priority === 'urgent' || priority === 'high' ? 0.08 : 0) +
    (hours > 96 ? 0.06 : 0)
  if (random.chance(pBad)) {
    const [comment, reason] = random.pick(BAD_COMMENTS)
    return { score: 'bad', comment: random.chance(0.7) ? comment : '', reason, createdMs }
  }
  const comment = random.chance(0.4) ? random.pick(GOOD_COMMENTS) : ''
  return { score: 'good', comment, reason: null, createdMs }
}
