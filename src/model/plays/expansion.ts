import { percent } from '../health/bins.js'
import { dueFor, healthText, notRaised, plural, type RuleContext, type RuleResult } from './rule.js'

/**
 * Why an account may not be asked for more, empty when it may. 003: "Earn the right to ask for
 * more by delivering value first" — never while struggling (health under 004's Healthy band),
 * with complaints unresolved (open urgent tickets), in financial difficulty (invoices past due),
 * just onboarded, or about to cancel.
 */
export function expansionBlockers(ctx: RuleContext): string[] {
  const guard = ctx.settings.plays.expansionGuard
  const { healthScore, support, billing } = ctx.inputs
  const blockers: string[] = []
  if (healthScore === null) blockers.push('not scored')
  else if (healthScore < guard.minHealth)
    blockers.push(`health ${healthText(healthScore)} is under ${guard.minHealth}`)
  if (guard.blockOnOpenUrgentTickets && support && support.openUrgentTickets > 0)
    blockers.push(`${plural(support.openUrgentTickets, 'urgent ticket')} unresolved`)
  if (guard.blockOnPastDueInvoices && billing && billing.pastDueInvoices > 0)
    blockers.push(`${plural(billing.pastDueInvoices, 'invoice')} past due`)
  if (billing?.cancelScheduled) blockers.push('a subscription is set to cancel')
  const age = ctx.daysSinceFirstContract
  if (guard.blockDuringOnboarding && age !== null && age <= ctx.settings.stages.onboardingDays)
    blockers.push(`just onboarded (day ${age} of the first contract)`)
  return blockers
}

const heldBack = (blockers: string[]) => `Held back: ${blockers.join('; ')}`

/** 004: "Usage at 80%+ of limit: upsell tier — 'You're outgrowing your plan'". */
export function upsellPlay(ctx: RuleContext): RuleResult {
  const limit = ctx.inputs.planLimit
  const { minPlanUsage, priority } = ctx.settings.plays.upsell
  if (!limit || limit.limit <= 0) return notRaised('upsell', 'No plan limit known')
  const share = limit.used / limit.limit
  const usage = `${limit.used} of ${limit.limit} ${limit.unit} used (${percent(share)})`
  if (limit.used < limit.limit * minPlanUsage)
    return notRaised('upsell', `${usage}: under ${percent(minPlanUsage)} of the plan`)
  const blockers = expansionBlockers(ctx)
  if (blockers.length > 0) return notRaised('upsell', heldBack(blockers))
  return {
    type: 'upsell',
    reasonKey: limit.unit,
    reason: usage,
    action: `Upsell conversation: "You're outgrowing your plan"`,
    priority,
    dueDate: dueFor(ctx, priority),
    evidence: { used: limit.used, limit: limit.limit, unit: limit.unit },
  }
}

/** 003: "Positive feedback / high NPS: request referral/testimonial"; 004: "High NPS + health". */
export function advocacyPlay(ctx: RuleContext): RuleResult {
  const nps = ctx.inputs.nps
  const { minNps, priority } = ctx.settings.plays.advocacy
  if (!nps || nps.responses === 0) return notRaised('advocacy', 'No NPS answers for this account')
  if (nps.score < minNps) return notRaised('advocacy', `NPS ${nps.score} is under ${minNps}`)
  const blockers = expansionBlockers(ctx)
  if (blockers.length > 0) return notRaised('advocacy', heldBack(blockers))
  return {
    type: 'advocacy',
    reasonKey: 'promoter',
    reason: `NPS ${nps.score} from ${plural(nps.responses, 'answer')} and health ${healthText(ctx.inputs.healthScore!)}`,
    action: 'Request a referral or testimonial',
    priority,
    dueDate: dueFor(ctx, priority),
    evidence: { nps: nps.score, npsResponses: nps.responses, healthScore: ctx.inputs.healthScore },
  }
}
