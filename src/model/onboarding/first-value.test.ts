import { describe, expect, it } from 'vitest'
import {
  firstValueDay,
  onboardingCompletionRate,
  onboardingOutcome,
  timeToFirstValue,
  type UsageDay,
} from './first-value.js'
import { onboardingSettingsSchema } from './settings.js'

const defaults = onboardingSettingsSchema.parse({})

/** A customer whose contract starts on 1 October; a trial user came by in September. */
const usage: UsageDay[] = [
  { day: '2026-09-20', userIds: ['ada', 'bo', 'cy'], features: ['login', 'report', 'alert'] },
  { day: '2026-10-02', userIds: ['ada'], features: ['login', 'report'] },
  { day: '2026-10-05', userIds: ['ada', 'bo'], features: ['login'] },
  { day: '2026-10-09', userIds: ['bo'], features: ['login', 'dashboard'] },
  { day: '2026-10-12', userIds: ['cy'], features: ['login'] },
  { day: '2026-10-20', userIds: ['dan'], features: ['export'] },
]

describe('first value and time to first value (worked example)', () => {
  it('is the day the 3rd user and the 3rd feature have both been seen since the start', () => {
    // Users: ada 2 Oct, bo 5 Oct, cy 12 Oct. Features: login, report 2 Oct, dashboard 9 Oct.
    expect(defaults.activation).toEqual({ activeUsers: 3, features: 3, coreFeatures: [] })
    const day = firstValueDay(usage, '2026-10-01', defaults.activation)
    expect(day).toBe('2026-10-12')
    expect(timeToFirstValue('2026-10-01', day!)).toBe(11)
  })

  it('ignores trial usage before the contract and counts only core features when listed', () => {
    const core = { ...defaults.activation, coreFeatures: ['report', 'dashboard', 'export'] }
    // report 2 Oct, dashboard 9 Oct, export 20 Oct.
    expect(firstValueDay(usage, '2026-10-01', core)).toBe('2026-10-20')
    expect(firstValueDay(usage, '2026-10-01', { ...defaults.activation, activeUsers: 5 })).toBe(
      null,
    )
    expect(firstValueDay(usage, '2026-09-01', defaults.activation)).toBe('2026-09-20')
  })
})

describe('onboarding completion (003: the 30-day Onboarding stage)', () => {
  it('completed within the window, in progress while it is open, else not completed', () => {
    const asOf = '2026-11-22'
    expect(onboardingOutcome('2026-10-01', '2026-10-12', asOf, 30)).toBe('completed')
    expect(onboardingOutcome('2026-10-01', '2026-10-31', asOf, 30)).toBe('completed')
    expect(onboardingOutcome('2026-10-01', '2026-11-01', asOf, 30)).toBe('not-completed')
    expect(onboardingOutcome('2026-10-01', null, asOf, 30)).toBe('not-completed')
    expect(onboardingOutcome('2026-11-10', null, asOf, 30)).toBe('in-progress')
    expect(onboardingOutcome('2026-11-10', '2026-11-15', asOf, 30)).toBe('completed')
  })

  it('is completed over decided accounts: 3 of 4, the one in progress left out', () => {
    expect(
      onboardingCompletionRate([
        'completed',
        'completed',
        'not-completed',
        'completed',
        'in-progress',
      ]),
    ).toBe(75)
    expect(onboardingCompletionRate(['in-progress'])).toBeNull()
    expect(onboardingCompletionRate([])).toBeNull()
  })
})
