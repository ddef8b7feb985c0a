import type { LifecycleSettings } from '../lifecycle/settings.js'
import { addDays } from './dates.js'
import type { PlayInputs } from './inputs.js'
import type { Play, PlayPriority, PlayType } from './types.js'

/** One account on one day, as every rule sees it. */
export interface RuleContext {
  inputs: PlayInputs
  asOf: string
  settings: LifecycleSettings
  /** Null without a renewal date; negative once it has passed. */
  daysToRenewal: number | null
  daysSinceFirstContract: number | null
}

/** A play before the account and its CSM are filled in. */
export type PlayDraft = Omit<Play, 'accountId' | 'ownerId'>
export type NotRaisedDraft = { type: PlayType; why: string }
export type RuleResult = PlayDraft | NotRaisedDraft

export const notRaised = (type: PlayType, why: string): NotRaisedDraft => ({ type, why })
export const isRaised = (result: RuleResult): result is PlayDraft => !('why' in result)

/** The day a play of this priority is due, counted from the day evaluated. */
export const dueFor = (ctx: RuleContext, priority: PlayPriority) =>
  addDays(ctx.asOf, ctx.settings.plays.dueInDays[priority])

/** A health score as stored (one decimal), without a trailing ".0". */
export const healthText = (score: number) => String(Math.round(score * 10) / 10)

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
