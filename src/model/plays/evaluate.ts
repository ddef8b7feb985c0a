import { lifecycleStage, type LifecycleStage } from '../lifecycle/stage.js'
import type { LifecycleSettings } from '../lifecycle/settings.js'
import { daysBetween } from './dates.js'
import { advocacyPlay, upsellPlay } from './expansion.js'
import type { PlayInputs } from './inputs.js'
import { renewalPlay, renewalRiskLevel, renewalRiskPlay } from './renewal.js'
import { isRaised, type RuleContext, type RuleResult } from './rule.js'
import { noLogin, ticketSpike, usageDrop } from './triggers.js'
import { EXPANSION_PLAY_TYPES, type NotRaised, type Play, type RenewalRiskLevel } from './types.js'

const RULES: readonly ((ctx: RuleContext) => RuleResult)[] = [
  usageDrop,
  noLogin,
  ticketSpike,
  renewalPlay,
  renewalRiskPlay,
  upsellPlay,
  advocacyPlay,
]

export interface AccountEvaluation {
  stage: LifecycleStage
  renewalRisk: RenewalRiskLevel | null
  plays: Play[]
  /** Every rule that did not fire, with why: the reason an open play of its type is closed. */
  notRaised: NotRaised[]
}

/** The lifecycle stage and the plays of one account on `asOf` (YYYY-MM-DD). */
export function evaluateAccount(
  inputs: PlayInputs,
  asOf: string,
  settings: LifecycleSettings,
): AccountEvaluation {
  const ctx: RuleContext = {
    inputs,
    asOf,
    settings,
    daysToRenewal: inputs.renewalDate === null ? null : daysBetween(asOf, inputs.renewalDate),
    daysSinceFirstContract:
      inputs.firstContractStart === null ? null : daysBetween(inputs.firstContractStart, asOf),
  }
  const plays: Play[] = []
  const notRaised: NotRaised[] = []
  for (const rule of RULES) {
    const result = rule(ctx)
    if (isRaised(result))
      plays.push({ ...result, accountId: inputs.accountId, ownerId: inputs.ownerId })
    else notRaised.push({ ...result, accountId: inputs.accountId })
  }
  const renewalRisk = renewalRiskLevel(
    {
      healthScore: inputs.healthScore,
      daysToRenewal: ctx.daysToRenewal,
      cancelScheduled: inputs.billing?.cancelScheduled ?? false,
    },
    settings.plays.renewalRisk,
  )
  const stage = lifecycleStage(
    {
      daysSinceFirstContract: ctx.daysSinceFirstContract,
      healthScore: inputs.healthScore,
      renewalRisk,
      expansionSignal: plays.some((p) => EXPANSION_PLAY_TYPES.includes(p.type)),
    },
    settings.stages,
  )
  return { stage, renewalRisk, plays, notRaised }
}
