import { describe, expect, it } from 'vitest'
import { addDays } from './dates.js'
import { AS_OF, DEFAULTS, playOf, quietAccount, whyNot } from './test-support.js'

const seats = (used: number, limit = 10) => ({ planLimit: { used, limit, unit: 'paid seats' } })
const promoter = { nps: { score: 60, responses: 5 } }

describe("004's expansion signal: usage at 80%+ of a plan limit → upsell conversation", () => {
  it('80% raises it, under 80% does not', () => {
    expect(playOf('upsell', quietAccount(seats(8)))).toMatchObject({
      reasonKey: 'paid seats',
      reason: '8 of 10 paid seats used (80%)',
      action: `Upsell conversation: "You're outgrowing your plan"`,
      priority: 'medium',
      dueDate: addDays(AS_OF, 7),
    })
    expect(playOf('upsell', quietAccount(seats(79, 100)))).toBeUndefined()
    expect(whyNot('upsell', quietAccount({ planLimit: undefined }))).toBe('No plan limit known')
  })
})

describe('003/004: high NPS and health → reference or advocacy ask', () => {
  it("NPS 50 (004's 'strong advocacy potential') raises it, 49 does not", () => {
    expect(playOf('advocacy', quietAccount({ nps: { score: 50, responses: 4 } }))).toMatchObject({
      reasonKey: 'promoter',
      reason: 'NPS 50 from 4 answers and health 85',
      action: 'Request a referral or testimonial',
      priority: 'low',
    })
    expect(playOf('advocacy', quietAccount({ nps: { score: 49, responses: 4 } }))).toBeUndefined()
    expect(whyNot('advocacy', quietAccount())).toBe('No NPS answers for this account')
  })
})

describe('the expansion guard: never ask an account that has not earned it', () => {
  const asks = ['upsell', 'advocacy'] as const
  const eligible = { ...seats(9), ...promoter }

  it('a healthy account at its limit with high NPS gets both asks', () => {
    for (const type of asks) expect(playOf(type, quietAccount(eligible))).toBeDefined()
  })

  it.each([
    ['health under 80', { healthScore: 79.9 }, 'health 79.9 is under 80'],
    ['not scored', { healthScore: null }, 'not scored'],
    [
      'an unresolved urgent ticket',
      { support: { tickets30d: 1, ticketsPrior30d: 1, openUrgentTickets: 1 } },
      '1 urgent ticket unresolved',
    ],
    [
      'an invoice past due',
      { billing: { pastDueInvoices: 2, cancelScheduled: false } },
      '2 invoices past due',
    ],
    [
      'a scheduled cancellation',
      { billing: { pastDueInvoices: 0, cancelScheduled: true } },
      'a subscription is set to cancel',
    ],
    [
      'just onboarded (day 30)',
      { firstContractStart: addDays(AS_OF, -30) },
      'just onboarded (day 30 of the first contract)',
    ],
  ])('%s blocks every ask', (_, override, why) => {
    for (const type of asks) {
      const inputs = quietAccount({ ...eligible, ...override })
      expect(playOf(type, inputs)).toBeUndefined()
      expect(whyNot(type, inputs)).toBe(`Held back: ${why}`)
    }
  })

  it('health 80 and day 31 of the first contract pass the guard', () => {
    const inputs = quietAccount({
      ...eligible,
      healthScore: 80,
      firstContractStart: addDays(AS_OF, -31),
    })
    for (const type of asks) expect(playOf(type, inputs)).toBeDefined()
  })

  it('a blocked account lists every reason at once', () => {
    const inputs = quietAccount({
      ...eligible,
      healthScore: 45,
      support: { tickets30d: 3, ticketsPrior30d: 1, openUrgentTickets: 3 },
    })
    expect(whyNot('upsell', inputs)).toBe(
      'Held back: health 45 is under 80; 3 urgent tickets unresolved',
    )
  })

  it('the guard is configurable', () => {
    const settings = structuredClone(DEFAULTS)
    settings.plays.expansionGuard.minHealth = 60
    settings.plays.expansionGuard.blockOnOpenUrgentTickets = false
    const inputs = quietAccount({
      ...eligible,
      healthScore: 65,
      support: { tickets30d: 1, ticketsPrior30d: 1, openUrgentTickets: 1 },
    })
    expect(playOf('upsell', inputs)).toBeUndefined()
    expect(playOf('upsell', inputs, settings)).toBeDefined()
  })
})
