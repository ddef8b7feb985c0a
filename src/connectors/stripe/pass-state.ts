import type { StreamCheckpoint } from '../types.js'
import type { StripeConfig } from './config.js'

/**
 * Where a list stream (customers, subscriptions, invoices) stands. A pass reads every object
 * oldest first; between passes the events stream keeps the tables current, and the stream only
 * notes that it ran. All times are unix seconds.
 */
export interface PassState {
  phase: 'pass' | 'idle'
  /** The newest object read by the pass under way: it resumes right after it. */
  after: string | null
  afterCreated: number | null
  /** When the pass under way (or the last one) started. */
  passStartedAt: number | null
  /** When the last complete pass started: everything changed before then was read. */
  reconciledAt: number | null
  /** This stream's last run; the events feed ran in the same sync (it runs first). */
  seenAt: number | null
}

/** Stripe keeps events for 30 days; a day less leaves room for a slow run. */
export const EVENT_WINDOW_SECONDS = 29 * 86_400

const num = (v: unknown) => (typeof v === 'number' ? v : null)
const str = (v: unknown) => (typeof v === 'string' && v ? v : null)

export function readPassState(checkpoint: StreamCheckpoint | null): PassState {
  return {
    phase: checkpoint?.phase === 'pass' ? 'pass' : 'idle',
    after: str(checkpoint?.after),
    afterCreated: num(checkpoint?.afterCreated),
    passStartedAt: num(checkpoint?.passStartedAt),
    reconciledAt: num(checkpoint?.reconciledAt),
    seenAt: num(checkpoint?.seenAt),
  }
}

export function writePassState(state: PassState): StreamCheckpoint {
  return { ...state }
}

/**
 * Why a new pass is due, or null: the first run; `reconcileEvery` since the last complete pass;
 * or a gap since the last run longer than the events feed reaches back, so changes in it can
 * only be found by reading everything again.
 */
export function passDue(state: PassState, config: StripeConfig, now: number): string | null {
  if (state.reconciledAt === null) return 'first run'
  if ((now - state.reconciledAt) * 1000 >= config.reconcileEvery)
    return 'connectors.stripe.reconcileEvery has passed since the last full read'
  if (state.seenAt === null || now - state.seenAt >= EVENT_WINDOW_SECONDS)
    return 'the last sync is older than the 30 days of events Stripe keeps'
  return null
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)
