import type { ConnectorContext, Stream, StreamCheckpoint, StreamPage } from '../types.js'
import type { StripeConfig } from './config.js'
import { couponCache } from './coupon-cache.js'
import { fetchAllLines, fetchCoupons, fetchDiscountedSubscriptions } from './enrich.js'
import { oldestFirst } from './forward-list.js'
import { listEvents } from './lists.js'
import { mapEvent } from './mapping-event.js'
import { pageContext } from './page-context.js'
import { EVENT_WINDOW_SECONDS, nowSeconds } from './pass-state.js'
import {
  customersTarget,
  invoicesTarget,
  mrrMonthlyTarget,
  subscriptionsTarget,
} from './targets.js'

type Ctx = ConnectorContext<StripeConfig>

/** Reading from a time rather than an event re-reads a little before it, for clock skew. */
const OVERLAP_SECONDS = 300
/** Stripe keeps events 30 days; a day more absorbs clock skew. */
const RETAINED_SECONDS = 31 * 86_400

interface FeedState {
  /** The newest event read; the feed continues right after it. */
  after: string | null
  afterCreated: number | null
  /** When the read that reached `after` started (our clock): the feed was read up to then. */
  checkedAt: number | null
}

/**
 * The incremental path: every customer, subscription and invoice event since the last one read,
 * oldest first, each landing as the rows of the object it carries (several tables, one stream).
 * The first run, or one after a gap longer than Stripe keeps events, reads every event Stripe
 * still has (rows the list passes read later are newer and win; see targets.ts), and the list
 * streams then read everything too (their own pass rules see the same first run or gap). It runs
 * before them, so they run only in syncs whose events feed succeeded.
 * https://docs.stripe.com/api/events/list
 */
export const eventsStream: Stream<StripeConfig> = {
  name: 'events',
  targets: [customersTarget, subscriptionsTarget, invoicesTarget, mrrMonthlyTarget],
  read: (ctx, from) => readFeed(ctx, from),
  map: (raw, ctx, page) => mapEvent(raw, ctx.config, pageContext(page)),
  // Events page at 100, and one request answers that nothing happened.
  minimumRequests: ({ records }) => Math.max(1, Math.ceil(records / 100)),
}

async function* readFeed(ctx: Ctx, from: StreamCheckpoint | null): AsyncGenerator<StreamPage> {
  const state = readFeedState(from)
  const now = nowSeconds()
  const gap = state.checkedAt !== null && now - state.checkedAt >= EVENT_WINDOW_SECONDS
  if (gap)
    ctx.log.warn('stripe events feed has a gap; the list streams read everything this run', {
      lastRead: new Date(state.checkedAt! * 1000).toISOString(),
    })
  const position =
    state.checkedAt === null || gap
      ? { after: null, since: now - RETAINED_SECONDS }
      : // Without an event to continue from (none yet, or it is past 30 days) the feed reads
        // from the last event's time, or from the last read when it has never seen one.
        { after: state.after, since: state.afterCreated ?? state.checkedAt - OVERLAP_SECONDS }
  let last: FeedState = { ...state, checkedAt: now }
  for await (const page of oldestFirst(listEvents(ctx), ctx.config.pageSize, position)) {
    last = { after: page.last.id, afterCreated: page.last.created, checkedAt: now }
    yield {
      records: page.records,
      related: { observedAt: page.observedAt, ...(await enrich(ctx, page.records)) },
      checkpoint: { ...last },
    }
  }
  yield { records: [], checkpoint: { ...last } }
}

async function enrich(ctx: Ctx, events: unknown[]) {
  const subscriptions = await fetchDiscountedSubscriptions(ctx, events)
  const coupons = await fetchCoupons(
    ctx,
    [...subscriptions.values()].map((s) => s.record),
    couponCache(ctx.config),
  )
  const invoices = (events as { type?: string; data?: { object?: unknown } }[])
    .filter((e) => e.type?.startsWith('invoice.'))
    .map((e) => e.data?.object)
  return { subscriptions, coupons, lines: await fetchAllLines(ctx, invoices) }
}

function readFeedState(checkpoint: StreamCheckpoint | null): FeedState {
  const num = (v: unknown) => (typeof v === 'number' ? v : null)
  return {
    after: typeof checkpoint?.after === 'string' ? checkpoint.after : null,
    afterCreated: num(checkpoint?.afterCreated),
    checkedAt: num(checkpoint?.checkedAt),
  }
}
