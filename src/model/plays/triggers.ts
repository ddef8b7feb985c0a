import { percent } from '../health/bins.js'
import { notRaised, plural, dueFor, type RuleContext, type RuleResult } from './rule.js'

const ACTIONS = {
  'usage-drop': 'Check-in call, identify blockers',
  'no-login': 'Re-engagement email with value reminder',
  'ticket-spike': 'Schedule troubleshooting session',
} as const

const trend = (drop: number) =>
  drop === 0 ? 'flat' : `${drop > 0 ? 'down' : 'up'} ${percent(drop)}`

/** 003: "Usage drops 50%+" — active users or product events against the 30 days before. */
export function usageDrop(ctx: RuleContext): RuleResult {
  const usage = ctx.inputs.usage
  const { minDrop, priority } = ctx.settings.plays.usageDrop
  if (!usage) return notRaised('usage-drop', 'No product analytics linked to this account')
  const measures = [
    { noun: 'Active users', now: usage.activeUsers30d, before: usage.activeUsersPrior30d },
    { noun: 'Product activity', now: usage.events30d, before: usage.eventsPrior30d },
  ]
    .filter((m) => m.before > 0)
    .map((m) => ({ ...m, drop: (m.before - m.now) / m.before }))
    .sort((a, b) => b.drop - a.drop)
  const worst = measures[0]
  if (!worst) return notRaised('usage-drop', 'No usage in the prior 30 days to compare with')
  // Compared as "now ≤ before × (1 − drop)" so 5 of 10 is exactly a 50% drop, with no rounding.
  if (worst.now > worst.before * (1 - minDrop))
    return notRaised(
      'usage-drop',
      `Usage not down ${percent(minDrop)} or more vs the prior 30 days (worst: ${worst.noun.toLowerCase()} ${trend(worst.drop)})`,
    )
  return {
    type: 'usage-drop',
    reasonKey: 'usage',
    reason: `${worst.noun} down ${percent(worst.drop)} vs the prior 30 days (${worst.before} → ${worst.now})`,
    action: ACTIONS['usage-drop'],
    priority,
    dueDate: dueFor(ctx, priority),
    evidence: {
      activeUsers30d: usage.activeUsers30d,
      activeUsersPrior30d: usage.activeUsersPrior30d,
      events30d: usage.events30d,
      eventsPrior30d: usage.eventsPrior30d,
    },
  }
}

/** 003: "No login in 7 days" — no activity at all at the account for that long. */
export function noLogin(ctx: RuleContext): RuleResult {
  const usage = ctx.inputs.usage
  const { days, priority } = ctx.settings.plays.noLogin
  if (!usage) return notRaised('no-login', 'No product analytics linked to this account')
  const since = usage.daysSinceLastLogin
  if (since !== null && since < days)
    return notRaised('no-login', `Last login ${plural(since, 'day')} ago`)
  return {
    type: 'no-login',
    reasonKey: 'login',
    reason:
      since === null
        ? `No one has logged in for at least ${usage.lookbackDays} days`
        : `No one has logged in for ${since} days`,
    action: ACTIONS['no-login'],
    priority,
    dueDate: dueFor(ctx, priority),
    evidence: { daysSinceLastLogin: since, lookbackDays: usage.lookbackDays },
  }
}

/** 003: "Support tickets spike". */
export function ticketSpike(ctx: RuleContext): RuleResult {
  const support = ctx.inputs.support
  const { ratio, minTickets, priority } = ctx.settings.plays.ticketSpike
  if (!support) return notRaised('ticket-spike', 'No support desk linked to this account')
  const { tickets30d: now, ticketsPrior30d: before } = support
  if (now < minTickets || now < before * ratio)
    return notRaised(
      'ticket-spike',
      `${plural(now, 'ticket')} in the last 30 days against ${before} in the 30 days before: no spike`,
    )
  return {
    type: 'ticket-spike',
    reasonKey: 'tickets',
    reason:
      before === 0
        ? `${plural(now, 'ticket')} in the last 30 days, none in the 30 days before`
        : `${plural(now, 'ticket')} in the last 30 days, up from ${before} in the 30 days before`,
    action: ACTIONS['ticket-spike'],
    priority,
    dueDate: dueFor(ctx, priority),
    evidence: { tickets30d: now, ticketsPrior30d: before },
  }
}
