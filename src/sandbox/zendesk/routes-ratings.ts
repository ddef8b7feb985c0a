import type { SandboxRequest } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { invalidValue, recordNotFound } from './errors.js'
import { listPage } from './paging.js'
import { unixOf, type SatisfactionRating } from './records.js'
import type { ZendeskStore } from './store.js'

const SCORES = new Set([
  'offered',
  'unoffered',
  'received',
  'received_with_comment',
  'received_without_comment',
  'good',
  'good_with_comment',
  'good_without_comment',
  'bad',
  'bad_with_comment',
  'bad_without_comment',
])

/**
 * Legacy CSAT ratings, oldest id first, with the `score`, `start_time` and `end_time` filters.
 * The docs call start_time "the time of the oldest satisfaction rating" without naming the
 * field; the sandbox filters on `updated_at` so a changed rating is found again (unverified).
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/
 */
export function ratingRoutes(router: Router, store: ZendeskStore, base: () => string): void {
  router.on('GET', '/api/v2/satisfaction_ratings', (req) => {
    const ratings = filtered(req, store)
    if (!Array.isArray(ratings)) return ratings
    return listPage(
      req,
      `${base()}/api/v2/satisfaction_ratings.json`,
      'satisfaction_ratings',
      ratings,
    )
  })
  router.on('GET', '/api/v2/satisfaction_ratings/count', () => ({
    status: 200,
    body: {
      count: { value: store.ratings.size, refreshed_at: new Date(store.now()).toISOString() },
    },
  }))
  router.on('GET', '/api/v2/satisfaction_ratings/:id', (req) => {
    const rating = store.ratings.get(Number(req.params.id))
    return rating ? { status: 200, body: { satisfaction_rating: rating } } : recordNotFound()
  })
}

function filtered(req: SandboxRequest, store: ZendeskStore) {
  const score = req.query.get('score')
  if (score !== null && !SCORES.has(score)) return invalidValue(`score: invalid value ${score}`)
  const bounds = ['start_time', 'end_time'].map((key) => {
    const raw = req.query.get(key)
    return raw === null ? null : Number(raw)
  })
  if (bounds.some((b) => b !== null && !Number.isSafeInteger(b)))
    return invalidValue('start_time and end_time must be unix epoch times in seconds')
  const [start, end] = bounds
  return store.list(store.ratings).filter((r) => {
    const time = unixOf(r.updated_at ?? r.created_at)
    return (
      (start === null || time >= start!) &&
      (end === null || time <= end!) &&
      (score === null || matchesScore(r, score))
    )
  })
}

function matchesScore(rating: SatisfactionRating, filter: string): boolean {
  const [kind, comment] = filter.split(/_(?=with)/) as [string, string | undefined]
  const answered = rating.score === 'good' || rating.score === 'bad'
  const scoreMatches = kind === 'received' ? answered : rating.score === kind
  if (!scoreMatches || comment === undefined) return scoreMatches
  const hasComment = typeof rating.comment === 'string' && rating.comment.trim() !== ''
  return comment === 'with_comment' ? hasComment : !hasComment
}
