import Stripe from 'stripe'
import { Cs360Error } from '../../errors.js'

export interface Listed {
  id: string
  created: number
}

export interface ListParams {
  limit: number
  ending_before?: string
  starting_after?: string
  created?: number | { gte?: number; lte?: number }
}

/** One answer of a list endpoint, with Stripe's clock when it answered. */
export interface ListAnswer<T> {
  data: T[]
  has_more: boolean
  observedAt: number
}

export type ListCall<T> = (params: ListParams) => Promise<ListAnswer<T>>

/** Records oldest first; `last` (the newest) is where the next read starts. */
export interface ForwardPage<T> {
  records: T[]
  last: T
  observedAt: number
}

/**
 * Pages a newest-first Stripe list oldest first, so each page's checkpoint resumes right after
 * it: `ending_before=<newest id read>` returns the page of objects just newer than it. The first
 * page (no such id yet, or it is gone: an event past 30 days) is found by bisecting `created`
 * from `since` until a window holds at least one and at most `limit` objects — one request when
 * everything fits a page, a few dozen at most for years of history. More than a page created in
 * one second is read whole, newest first, and handed out oldest first.
 * https://docs.stripe.com/api/pagination
 */
export async function* oldestFirst<T extends Listed>(
  list: ListCall<T>,
  limit: number,
  from: { after: string | null; since: number },
): AsyncGenerator<ForwardPage<T>> {
  let answer = from.after ? await pageAfter(list, limit, from.after) : undefined
  if (!answer) {
    const start = yield* firstPages(list, limit, from.since)
    if (!start.anchor || start.complete) return
    answer = await list({ limit, ending_before: start.anchor })
  }
  for (;;) {
    const page = forward(answer)
    if (!page) return
    yield page
    if (!answer.has_more) return
    answer = await list({ limit, ending_before: page.last.id })
  }
}

/** The page after `after`, or undefined when Stripe no longer knows that id. */
async function pageAfter<T>(list: ListCall<T>, limit: number, after: string) {
  try {
    return await list({ limit, ending_before: after })
  } catch (error) {
    if (isGoneCursor(error)) return undefined
    throw error
  }
}

/** Where paging by `ending_before` goes on after the first pages; `complete`: nothing newer. */
interface Start {
  anchor: string | null
  complete: boolean
}

async function* firstPages<T extends Listed>(
  list: ListCall<T>,
  limit: number,
  since: number,
): AsyncGenerator<ForwardPage<T>, Start> {
  const head = await list({ limit, created: { gte: since } })
  if (head.data.length === 0) return { anchor: null, complete: true }
  if (!head.has_more) {
    yield forward(head)!
    return { anchor: head.data[0]!.id, complete: true }
  }
  // Invariant: nothing from `since` is older than `lo`; something is at or before `hi`.
  let lo = since
  let hi = head.data.at(-1)!.created
  for (;;) {
    const mid = lo + Math.floor((hi - lo) / 2)
    const probe = await list({ limit, created: { gte: since, lte: mid } })
    if (probe.data.length === 0) lo = mid + 1
    else if (!probe.has_more) {
      yield forward(probe)!
      return { anchor: probe.data[0]!.id, complete: false }
    } else if (mid === lo) {
      return { anchor: yield* wholeSecond(list, limit, mid), complete: false }
    } else hi = Math.min(mid, probe.data.at(-1)!.created)
  }
}

/** Every object created in one second (more than a page of them), oldest first. */
async function* wholeSecond<T extends Listed>(
  list: ListCall<T>,
  limit: number,
  second: number,
): AsyncGenerator<ForwardPage<T>, string> {
  let answer = await list({ limit, created: second })
  const all = [...answer.data]
  // The earliest answer's time: a change after it may not be in what was read.
  const observedAt = answer.observedAt
  while (answer.has_more) {
    answer = await list({ limit, created: second, starting_after: answer.data.at(-1)!.id })
    all.push(...answer.data)
  }
  all.reverse()
  for (let i = 0; i < all.length; i += limit) {
    const records = all.slice(i, i + limit)
    yield { records, last: records.at(-1)!, observedAt }
  }
  return all.at(-1)!.id
}

function forward<T>(answer: ListAnswer<T>): ForwardPage<T> | undefined {
  if (answer.data.length === 0) return undefined
  const records = [...answer.data].reverse()
  return { records, last: records.at(-1)!, observedAt: answer.observedAt }
}

/** Stripe's answer to a cursor it no longer has: 400 resource_missing on `ending_before`. */
function isGoneCursor(error: unknown): boolean {
  const cause = error instanceof Cs360Error ? error.cause : error
  return (
    cause instanceof Stripe.errors.StripeInvalidRequestError &&
    cause.code === 'resource_missing' &&
    cause.param === 'ending_before'
  )
}
