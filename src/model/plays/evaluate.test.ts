import { describe, expect, it } from 'vitest'
import { lifecycleSettingsSchema } from '../lifecycle/settings.js'
import { addDays } from './dates.js'
import { evaluateAccount } from './evaluate.js'
import { AS_OF, DEFAULTS, quietAccount } from './test-support.js'
import { PLAY_TYPES } from './types.js'

describe('evaluating one account', () => {
  it('a quiet account raises nothing and says why for every rule', () => {
    const result = evaluateAccount(quietAccount(), AS_OF, DEFAULTS)
    expect(result.plays).toEqual([])
    expect(result.notRaised.map((n) => n.type).sort()).toEqual([...PLAY_TYPES].sort())
    expect(result.stage).toBe('Retention')
  })

  it('a struggling account near its renewal gets every risk play, for its CSM, and no ask', () => {
    const renewalDate = addDays(AS_OF, 50)
    const result = evaluateAccount(
      quietAccount({
        healthScore: 32,
        renewalDate,
        usage: {
          activeUsers30d: 4,
          activeUsersPrior30d: 20,
          events30d: 100,
          eventsPrior30d: 1_000,
          daysSinceLastLogin: 9,
          lookbackDays: 60,
        },
        support: { tickets30d: 6, ticketsPrior30d: 1, openUrgentTickets: 2 },
        planLimit: { used: 4, limit: 4, unit: 'paid seats' },
        nps: { score: 70, responses: 3 },
      }),
      AS_OF,
      DEFAULTS,
    )
    expect(result.plays.map((p) => [p.type, p.reasonKey, p.priority])).toEqual([
      ['usage-drop', 'usage', 'high'],
      ['no-login', 'login', 'medium'],
      ['ticket-spike', 'tickets', 'high'],
      ['renewal', `${renewalDate}:T-60`, 'high'],
      ['renewal-risk', `${renewalDate}:Critical`, 'urgent'],
    ])
    expect(new Set(result.plays.map((p) => p.ownerId))).toEqual(new Set(['csm-1']))
    expect(new Set(result.plays.map((p) => p.accountId))).toEqual(new Set(['acct-1']))
    expect(result.renewalRisk).toBe('Critical')
    expect(result.stage).toBe('At-Risk')
  })

  it('a healthy account at its plan limit is in Expansion', () => {
    const result = evaluateAccount(
      quietAccount({ planLimit: { used: 38, limit: 40, unit: 'paid seats' } }),
      AS_OF,
      DEFAULTS,
    )
    expect(result.plays.map((p) => p.type)).toEqual(['upsell'])
    expect(result.stage).toBe('Expansion')
  })

  it('a changed threshold in the config changes the result', () => {
    const inputs = quietAccount({
      usage: { ...quietAccount().usage!, daysSinceLastLogin: 10 },
    })
    expect(evaluateAccount(inputs, AS_OF, DEFAULTS).plays.map((p) => p.type)).toEqual(['no-login'])
    const settings = lifecycleSettingsSchema.parse({ plays: { noLogin: { days: 14 } } })
    expect(evaluateAccount(inputs, AS_OF, settings).plays).toEqual([])
  })
})

describe('the lifecycle and plays settings', () => {
  it("default to the documents' values", () => {
    expect(DEFAULTS.stages).toEqual({ onboardingDays: 30, adoptionDays: 90, atRiskBelowHealth: 60 })
    expect(DEFAULTS.plays.usageDrop.minDrop).toBe(0.5)
    expect(DEFAULTS.plays.noLogin.days).toBe(7)
    expect(DEFAULTS.plays.renewal.phases.map((p) => p.daysBefore)).toEqual([120, 90, 60])
    expect(DEFAULTS.plays.renewalRisk).toMatchObject({
      elevatedBelow: 60,
      highBelow: 40,
      escalateWithinDays: 90,
      criticalWithinDays: 60,
    })
    expect(DEFAULTS.plays.upsell.minPlanUsage).toBe(0.8)
    expect(DEFAULTS.plays.expansionGuard.minHealth).toBe(80)
  })

  it('refuse inconsistent values, naming the key', () => {
    const bad = lifecycleSettingsSchema.safeParse({
      plays: {
        renewal: { phases: [{ daysBefore: 60, dueDaysBefore: 90, action: 'x', priority: 'low' }] },
      },
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['plays', 'renewal', 'phases', 0])
    expect(
      lifecycleSettingsSchema.safeParse({ plays: { usageDrop: { minDrop: 1.5 } } }).success,
    ).toBe(false)
    expect(lifecycleSettingsSchema.safeParse({ plays: { nope: {} } }).success).toBe(false)
  })
})
