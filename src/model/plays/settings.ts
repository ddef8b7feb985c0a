import { z } from 'zod'
import { playPrioritySchema } from './types.js'

const days = z.number().int().min(0)
const share = z.number().gt(0).max(1)

/** One phase of 004's renewal timeline: opens `daysBefore` the renewal, done by `dueDaysBefore`. */
const renewalPhaseSchema = z
  .object({
    daysBefore: days,
    dueDaysBefore: days,
    action: z.string().min(1),
    priority: playPrioritySchema,
  })
  .strict()
  .refine((p) => p.dueDaysBefore < p.daysBefore, 'dueDaysBefore must be under daysBefore')

/**
 * 004's renewal playbook: T-120 health review and forecast, T-90 renewal intent call, T-60 QBR
 * with the value summary (003: "Approaching renewal (60 days): business review, ROI
 * discussion"). Each is done by the next milestone; the last by T-30, when 004 sends the contract.
 */
const DEFAULT_RENEWAL_PHASES = [
  {
    daysBefore: 120,
    dueDaysBefore: 90,
    action: 'Health review and renewal forecast',
    priority: 'low',
  },
  { daysBefore: 90, dueDaysBefore: 60, action: 'Renewal intent call', priority: 'medium' },
  {
    daysBefore: 60,
    dueDaysBefore: 30,
    action: 'QBR with value summary: business review, ROI discussion',
    priority: 'high',
  },
] as const

/**
 * Thresholds of every play rule, defaulting to the domain documents (003's proactive outreach
 * triggers, 004's renewal timeline, at-risk escalation and expansion signals). Where a document
 * names a trigger without a number (a ticket "spike"), the default says so.
 */
export const playSettingsSchema = z
  .object({
    /** 003: "Usage drops 50%+" — active users or events vs the 30 days before. */
    usageDrop: z
      .object({ minDrop: share.default(0.5), priority: playPrioritySchema.default('high') })
      .strict()
      .prefault({}),
    /** 003: "No login in 7 days". */
    noLogin: z
      .object({
        days: z.number().int().min(1).default(7),
        priority: playPrioritySchema.default('medium'),
      })
      .strict()
      .prefault({}),
    /**
     * 003: "Support tickets spike". 003 gives no number: by default a spike is the last 30 days'
     * tickets at least doubling the 30 days before, and at least 3 of them.
     */
    ticketSpike: z
      .object({
        ratio: z.number().gt(1).default(2),
        minTickets: z.number().int().min(1).default(3),
        priority: playPrioritySchema.default('high'),
      })
      .strict()
      .prefault({}),
    renewal: z
      .object({
        phases: z
          .array(renewalPhaseSchema)
          .min(1)
          .refine(
            (phases) => new Set(phases.map((p) => p.daysBefore)).size === phases.length,
            'each phase needs its own daysBefore',
          )
          .default(DEFAULT_RENEWAL_PHASES.map((p) => ({ ...p }))),
      })
      .strict()
      .prefault({}),
    /**
     * 004's "At-Risk Renewal Escalation": Elevated at health 40–59 from T-90, High under 40 from
     * T-90, Critical under 40 from T-60, Emergency on a cancel signal at any point.
     */
    renewalRisk: z
      .object({
        elevatedBelow: z.number().min(0).max(100).default(60),
        highBelow: z.number().min(0).max(100).default(40),
        escalateWithinDays: days.default(90),
        criticalWithinDays: days.default(60),
        priority: z
          .object({
            Elevated: playPrioritySchema.default('high'),
            High: playPrioritySchema.default('urgent'),
            Critical: playPrioritySchema.default('urgent'),
            Emergency: playPrioritySchema.default('urgent'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .refine((r) => r.highBelow <= r.elevatedBelow, 'highBelow must not exceed elevatedBelow')
      .refine(
        (r) => r.criticalWithinDays <= r.escalateWithinDays,
        'criticalWithinDays must not exceed escalateWithinDays',
      )
      .prefault({}),
    /** 004: "Usage at 80%+ of limit: upsell tier, 'You're outgrowing your plan'". */
    upsell: z
      .object({ minPlanUsage: share.default(0.8), priority: playPrioritySchema.default('medium') })
      .strict()
      .prefault({}),
    /**
     * 003: "Positive feedback / high NPS: request referral/testimonial"; 004: "High NPS + health".
     * The account's NPS (−100–100); 004 reads 50–70 as "strong advocacy potential".
     */
    advocacy: z
      .object({
        minNps: z.number().min(-100).max(100).default(50),
        priority: playPrioritySchema.default('low'),
      })
      .strict()
      .prefault({}),
    /**
     * Who may be asked for more (upsell, advocacy). 004: health 80–100 is "Healthy: expansion
     * focus"; 003's "When NOT to upsell": recent complaints unresolved, financial difficulties,
     * just onboarded.
     */
    expansionGuard: z
      .object({
        minHealth: z.number().min(0).max(100).default(80),
        blockOnOpenUrgentTickets: z.boolean().default(true),
        blockOnPastDueInvoices: z.boolean().default(true),
        blockDuringOnboarding: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /**
     * Days to act by priority. 004: escalations answered within 24 hours; the at-risk playbook
     * reaches the executive by day 3; 003/004 review at-risk accounts weekly; QBRs are prepared
     * two weeks ahead.
     */
    dueInDays: z
      .object({
        urgent: days.default(1),
        high: days.default(3),
        medium: days.default(7),
        low: days.default(14),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type PlaySettings = z.infer<typeof playSettingsSchema>
