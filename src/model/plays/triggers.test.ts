import { describe, expect, it } from 'vitest'
import { addDays } from './dates.js'
import type { PlayInputs } from './inputs.js'
import { AS_OF, DEFAULTS, playOf, quietAccount, whyNot } from './test-support.js'

const usage = (over: Partial<NonNullable<PlayInputs['usage']>>) =>
  quietAccount({ usage: { ...quietAccount().usage!, ...over } })
const tickets = (tickets30d: number, ticketsPrior30d: number) =>
  quietAccount({ support: { tickets30d, ticketsPrior30d, openUrgentTickets: 0 } })

describe("003's trigger: usage drops 50%+", () => {
  it('active users down exactly 50% raises it; 40% does not', () => {
    const play = playOf('usage-drop', usage({ activeUsers30d: 10, activeUsersPrior30d: 20 }))
    expect(play).toMatchObject({
      reasonKey: 'usage',
      reason: 'Active users down 50% vs the prior 30 days (20 → 10)',
      action: 'Check-in call, identify blockers',
      priority: 'high',
      ownerId: 'csm-1',
      dueDate: addDays(AS_OF, 3),
    })
    expect(playOf('usage-drop', usage({ activeUsers30d: 12, activeUsersPrior30d: 20 }))).toBe(
      undefined,
    )
  })

  it('product activity (events) counts too, and the worse drop is the reason', () => {
    const play = playOf('usage-drop', usage({ events30d: 390, activeUsers30d: 11 }))
    expect(play?.reason).toBe('Product activity down 61% vs the prior 30 days (1000 → 390)')
    expect(playOf('usage-drop', usage({ events30d: 501 }))).toBeUndefined()
  })

  it('nothing to compare with or no analytics: not raised, and says why', () => {
    expect(
      playOf('usage-drop', usage({ activeUsersPrior30d: 0, eventsPrior30d: 0, events30d: 0 })),
    ).toBeUndefined()
    expect(whyNot('usage-drop', quietAccount({ usage: undefined }))).toBe(
      'No product analytics linked to this account',
    )
  })

  it('the threshold is configurable', () => {
    const settings = structuredClone(DEFAULTS)
    settings.plays.usageDrop.minDrop = 0.3
    const inputs = usage({ activeUsers30d: 14, activeUsersPrior30d: 20 })
    expect(playOf('usage-drop', inputs)).toBeUndefined()
    expect(playOf('usage-drop', inputs, settings)).toBeDefined()
  })
})

describe("003's trigger: no login in 7 days", () => {
  it('7 days raises it, 6 does not', () => {
    expect(playOf('no-login', usage({ daysSinceLastLogin: 7 }))).toMatchObject({
      reasonKey: 'login',
      reason: 'No one has logged in for 7 days',
      action: 'Re-engagement email with value reminder',
      priority: 'medium',
      dueDate: addDays(AS_OF, 7),
    })
    expect(playOf('no-login', usage({ daysSinceLastLogin: 6 }))).toBeUndefined()
    expect(whyNot('no-login', usage({ daysSinceLastLogin: 6 }))).toBe('Last login 6 days ago')
  })

  it('no login in the whole lookback raises it', () => {
    expect(playOf('no-login', usage({ daysSinceLastLogin: null }))?.reason).toBe(
      'No one has logged in for at least 60 days',
    )
  })

  it('without analytics nothing is known about logins', () => {
    expect(playOf('no-login', quietAccount({ usage: undefined }))).toBeUndefined()
  })
})

describe("003's trigger: support tickets spike (twice the prior 30 days, at least 3)", () => {
  it('doubling raises it, just under does not', () => {
    expect(playOf('ticket-spike', tickets(4, 2))).toMatchObject({
      reasonKey: 'tickets',
      reason: '4 tickets in the last 30 days, up from 2 in the 30 days before',
      action: 'Schedule troubleshooting session',
      priority: 'high',
    })
    expect(playOf('ticket-spike', tickets(3, 2))).toBeUndefined()
  })

  it('a spike from nothing needs the minimum count', () => {
    expect(playOf('ticket-spike', tickets(3, 0))?.reason).toBe(
      '3 tickets in the last 30 days, none in the 30 days before',
    )
    expect(playOf('ticket-spike', tickets(2, 0))).toBeUndefined()
    expect(whyNot('ticket-spike', tickets(2, 0))).toBe(
      '2 tickets in the last 30 days against 0 in the 30 days before: no spike',
    )
  })

  it('no support desk linked: not raised', () => {
    expect(playOf('ticket-spike', quietAccount({ support: undefined }))).toBeUndefined()
  })
})
