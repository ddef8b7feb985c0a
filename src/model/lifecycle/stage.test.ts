import { describe, expect, it } from 'vitest'
import { lifecycleSettingsSchema } from './settings.js'
import { lifecycleStage, type LifecycleFacts } from './stage.js'

const settings = lifecycleSettingsSchema.parse({}).stages
const stage = (over: Partial<LifecycleFacts>) =>
  lifecycleStage(
    {
      daysSinceFirstContract: 400,
      healthScore: 75,
      renewalRisk: null,
      expansionSignal: false,
      ...over,
    },
    settings,
  )

describe("003's customer journey stages", () => {
  it.each([
    [0, 'Onboarding'],
    [30, 'Onboarding'],
    [31, 'Adoption'],
    [90, 'Adoption'],
    [91, 'Retention'],
  ])('day %i of the first contract → %s', (days, expected) => {
    expect(stage({ daysSinceFirstContract: days })).toBe(expected)
  })

  it('a healthy account with an expansion signal is in Expansion, without one in Retention', () => {
    expect(stage({ healthScore: 85, expansionSignal: true })).toBe('Expansion')
    expect(stage({ healthScore: 85 })).toBe('Retention')
  })

  it('expansion waits until onboarding and adoption are over', () => {
    expect(stage({ daysSinceFirstContract: 60, expansionSignal: true })).toBe('Adoption')
  })

  it("health under 004's Stable band (60) is At-Risk at any age; 60 is not", () => {
    expect(stage({ healthScore: 59.9 })).toBe('At-Risk')
    expect(stage({ healthScore: 59.9, daysSinceFirstContract: 10 })).toBe('At-Risk')
    expect(stage({ healthScore: 60 })).toBe('Retention')
  })

  it('a renewal escalation is At-Risk whatever the score', () => {
    expect(stage({ healthScore: 95, renewalRisk: 'Emergency' })).toBe('At-Risk')
  })

  it('no contract start or no score: the stage uses what is known', () => {
    expect(stage({ daysSinceFirstContract: null })).toBe('Retention')
    expect(stage({ healthScore: null, daysSinceFirstContract: 5 })).toBe('Onboarding')
  })

  it('windows and the At-Risk line come from the config', () => {
    const custom = lifecycleSettingsSchema.parse({
      stages: { onboardingDays: 45, atRiskBelowHealth: 50 },
    }).stages
    const facts = { renewalRisk: null, expansionSignal: false }
    expect(lifecycleStage({ ...facts, daysSinceFirstContract: 40, healthScore: 55 }, custom)).toBe(
      'Onboarding',
    )
  })
})
