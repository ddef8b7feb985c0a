import type { LoadTarget } from '../../db/load-target.js'
import type { ConnectorContext, MappedRecord, Stream, StreamPage } from '../types.js'
import type { StripeConfig } from './config.js'
import { oldestFirst, type ListCall, type Listed } from './forward-list.js'
import { pageContext, type PageContext } from './page-context.js'
import { nowSeconds, passDue, readPassState, writePassState } from './pass-state.js'

type Ctx = ConnectorContext<StripeConfig>

export interface ListStreamSpec<T extends Listed> {
  name: string
  targets: readonly LoadTarget<any>[]
  list(ctx: Ctx): ListCall<T>
  /** Fetches what mapping a page needs beyond its records (coupons, invoice lines). */
  enrich?(ctx: Ctx, records: T[]): Promise<Partial<PageContext>>
  map(raw: unknown, config: StripeConfig, context: PageContext): MappedRecord
  interpretation?: Stream<StripeConfig>['interpretation']
}

/**
 * A Stripe object type read by full list passes: on the first run, every `reconcileEvery`, and
 * after a gap longer than the events feed reaches back. A pass pages the list oldest first, each
 * page's checkpoint resuming right after it; rows are versioned by Stripe's clock when the page
 * was answered. Between passes the events stream carries every change, and a run of this stream
 * only records that it ran (no API call).
 */
export function listStream<T extends Listed>(spec: ListStreamSpec<T>): Stream<StripeConfig> {
  return {
    name: spec.name,
    targets: spec.targets,
    read: (ctx, from) => readPasses(spec, ctx, from),
    map: (raw, ctx, page) => spec.map(raw, ctx.config, pageContext(page)),
    interpretation: spec.interpretation,
    // Lists page at 100; a run the events feed covers needs no list request at all.
    minimumRequests: ({ records }) => Math.ceil(records / 100),
  }
}

async function* readPasses<T extends Listed>(
  spec: ListStreamSpec<T>,
  ctx: Ctx,
  from: StreamPage['checkpoint'] | null,
): AsyncGenerator<StreamPage> {
  const state = readPassState(from)
  const now = nowSeconds()
  const resuming = state.phase === 'pass'
  const reason = resuming ? 'resuming the pass under way' : passDue(state, ctx.config, now)
  if (!reason) {
    yield { records: [], checkpoint: writePassState({ ...state, seenAt: now }) }
    return
  }
  ctx.log.info('stripe list pass', { stream: spec.name, reason })
  const startedAt = resuming ? (state.passStartedAt ?? now) : now
  const position = resuming
    ? { after: state.after, since: state.afterCreated ?? 0 }
    : { after: null, since: 0 }
  for await (const page of oldestFirst(spec.list(ctx), ctx.config.pageSize, position)) {
    const related = { observedAt: page.observedAt, ...(await spec.enrich?.(ctx, page.records)) }
    yield {
      records: page.records,
      related,
      checkpoint: writePassState({
        phase: 'pass',
        after: page.last.id,
        afterCreated: page.last.created,
        passStartedAt: startedAt,
        reconciledAt: state.reconciledAt,
        seenAt: now,
      }),
    }
  }
  yield {
    records: [],
    checkpoint: writePassState({
      phase: 'idle',
      after: null,
      afterCreated: null,
      passStartedAt: startedAt,
      reconciledAt: startedAt,
      seenAt: now,
    }),
  }
}
