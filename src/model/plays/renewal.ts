import { addDays, earlierDay, laterDay } from './dates.js'
import { dueFor, healthText, notRaised, plural, type RuleContext, type RuleResult } from './rule.js'
import type { PlaySettings } from './settings.js'
import type { RenewalRiskLevel } from './types.js'

type RenewalPhase = PlaySettings['renewal']['phases'][number]

/**
 * The phase of 004's renewal timeline an account is in: the latest milestone reached (T-120
 * from 120 to 91 days before, T-90 from 90 to 61, T-60 from 60 to the renewal day).
 */
export function renewalPhase(
  daysToRenewal: number,
  phases: readonly RenewalPhase[],
): RenewalPhase | null {
  if (daysToRenewal < 0) return null
  const reached = phases.filter((p) => daysToRenewal <= p.daysBefore)
  return reached.sort((a, b) => a.daysBefore - b.daysBefore)[0] ?? null
}

/**
 * 004's "At-Risk Renewal Escalation". The table reads health "at T-90" and "at T-60"; a risk
 * found at T-90 does not go away by T-60, so Elevated (40–59) and High (under 40) hold from 90
 * days to the renewal and under 40 becomes Critical from 60 days. A cancel signal is an
 * Emergency whatever the date.
 */
export function renewalRiskLevel(
  facts: { healthScore: number | null; daysToRenewal: number | null; cancelScheduled: boolean },
  settings: PlaySettings['renewalRisk'],
): RenewalRiskLevel | null {
  if (facts.cancelScheduled) return 'Emergency'
  const { healthScore: health, daysToRenewal: days } = facts
  if (health === null || days === null || days < 0 || days > settings.escalateWithinDays)
    return null
  if (health < settings.highBelow) return days <= settings.criticalWithinDays ? 'Critical' : 'High'
  if (health < settings.elevatedBelow) return 'Elevated'
  return null
}

/** The action 004 names for each escalation level. */
const RISK_ACTIONS: Record<RenewalRiskLevel, string> = {
  Elevated: 'CSM proactive intervention',
  High: 'Manager involvement',
  Critical: 'Executive engagement',
  Emergency: 'Save team activated',
}

/** 004's renewal playbook: one play per phase of each renewal. */
export function renewalPlay(ctx: RuleContext): RuleResult {
  const { renewalDate } = ctx.inputs
  const days = ctx.daysToRenewal
  if (renewalDate === null || days === null) return notRaised('renewal', 'No renewal date known')
  if (days < 0) return notRaised('renewal', `Renewal date ${renewalDate} has passed`)
  const phase = renewalPhase(days, ctx.settings.plays.renewal.phases)
  if (!phase)
    return notRaised('renewal', `Renewal due ${renewalDate}, in ${days} days: no phase open yet`)
  return {
    type: 'renewal',
    reasonKey: `${renewalDate}:T-${phase.daysBefore}`,
    reason: `Renewal due ${renewalDate}, in ${plural(days, 'day')} (T-${phase.daysBefore})`,
    action: phase.action,
    priority: phase.priority,
    dueDate: laterDay(ctx.asOf, addDays(renewalDate, -phase.dueDaysBefore)),
    evidence: { renewalDate, daysToRenewal: days, phase: `T-${phase.daysBefore}` },
  }
}

/** An escalation play while the renewal is at risk; its level is part of its key. */
export function renewalRiskPlay(ctx: RuleContext): RuleResult {
  const { healthScore, renewalDate } = ctx.inputs
  const days = ctx.daysToRenewal
  const settings = ctx.settings.plays.renewalRisk
  const cancelScheduled = ctx.inputs.billing?.cancelScheduled ?? false
  const level = renewalRiskLevel({ healthScore, daysToRenewal: days, cancelScheduled }, settings)
  if (level === null)
    return notRaised(
      'renewal-risk',
      healthScore === null
        ? 'Not scored'
        : days === null || days < 0 || days > settings.escalateWithinDays
          ? `Health ${healthText(healthScore)}, no renewal within ${settings.escalateWithinDays} days`
          : `Health ${healthText(healthScore)} with the renewal in ${plural(days, 'day')}: no escalation`,
    )
  const priority = settings.priority[level]
  const reason =
    level === 'Emergency'
      ? 'A subscription is set to cancel'
      : `Health ${healthText(healthScore!)} with the renewal due ${renewalDate}, in ${plural(days!, 'day')}`
  const due = dueFor(ctx, priority)
  return {
    type: 'renewal-risk',
    reasonKey: `${renewalDate ?? 'no-renewal'}:${level}`,
    reason: `${reason}: ${level} risk`,
    action: RISK_ACTIONS[level],
    priority,
    dueDate: renewalDate && days! >= 0 ? laterDay(ctx.asOf, earlierDay(due, renewalDate)) : due,
    evidence: { level, healthScore, renewalDate, daysToRenewal: days, cancelScheduled },
  }
}
