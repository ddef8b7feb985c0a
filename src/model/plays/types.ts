import { z } from 'zod'

/** 003's output format: the priorities a CSM's queue is sorted by, most pressing first. */
export const PLAY_PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const
export const playPrioritySchema = z.enum(PLAY_PRIORITIES)
export type PlayPriority = z.infer<typeof playPrioritySchema>

/**
 * 003's proactive outreach triggers, 004's renewal timeline and at-risk escalation, and 004's
 * expansion signals, each a kind of next action.
 */
export const PLAY_TYPES = [
  'usage-drop',
  'no-login',
  'ticket-spike',
  'renewal',
  'renewal-risk',
  'upsell',
  'advocacy',
] as const
export type PlayType = (typeof PLAY_TYPES)[number]

/** Plays that ask the customer for more; 003 and 004 forbid them unless the account earned it. */
export const EXPANSION_PLAY_TYPES: readonly PlayType[] = ['upsell', 'advocacy']

/** 004's at-risk renewal escalation levels, least to most severe. */
export const RENEWAL_RISK_LEVELS = ['Elevated', 'High', 'Critical', 'Emergency'] as const
export type RenewalRiskLevel = (typeof RENEWAL_RISK_LEVELS)[number]

export type Evidence = Record<string, number | string | boolean | null>

/** A next action for one account's CSM. */
export interface Play {
  accountId: string
  type: PlayType
  /**
   * With the account and type, what makes two plays the same: a play stays one row while this
   * holds (the renewal plays carry the renewal date and phase, so next year's renewal is new).
   */
  reasonKey: string
  /** Why, in a sentence a CSM understands ("Active users down 52% vs the prior 30 days"). */
  reason: string
  /** What to do, in the documents' words ("Check-in call, identify blockers"). */
  action: string
  priority: PlayPriority
  /** The account's CSM (the CRM account owner); null when the account has none. */
  ownerId: string | null
  dueDate: string
  /** The numbers the rule looked at, for a report or an audit. */
  evidence: Evidence
}

/** A rule that did not fire for an account, and why: the text an open play is closed with. */
export interface NotRaised {
  accountId: string
  type: PlayType
  why: string
}
