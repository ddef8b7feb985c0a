import { describe, expect, it } from 'vitest'
import { addDays } from './dates.js'
import { renewalRiskLevel } from './renewal.js'
import { AS_OF, DEFAULTS, playOf, quietAccount, whyNot } from './test-support.js'

const risk = (daysToRenewal: number | null, healthScore: number | null, cancelScheduled = false) =>
  renewalRiskLevel({ healthScore, daysToRenewal, cancelScheduled }, DEFAULTS.plays.renewalRisk)

describe("004's at-risk renewal escalation, cell by cell", () => {
  // Rows: days to the renewal; columns: health at the boundaries of 004's 40–59 and <40 cells.
  const healths = [80, 60, 59.9, 40, 39.9, 0] as const
  const matrix: [number, (string | null)[]][] = [
    [121, [null, null, null, null, null, null]],
    [120, [null, null, null, null, null, null]], // T-120: planning, no escalation yet
    [91, [null, null, null, null, null, null]],
    [90, [null, null, 'Elevated', 'Elevated', 'High', 'High']], // T-90
    [61, [null, null, 'Elevated', 'Elevated', 'High', 'High']],
    [60, [null, null, 'Elevated', 'Elevated', 'Critical', 'Critical']], // T-60
    [1, [null, null, 'Elevated', 'Elevated', 'Critical', 'Critical']],
    [0, [null, null, 'Elevated', 'Elevated', 'Critical', 'Critical']],
    [-1, [null, null, null, null, null, null]], // renewal date passed
  ]
  for (const [days, levels] of matrix)
    for (const [i, health] of healths.entries())
      it(`${days} days to renewal, health ${health} → ${levels[i] ?? 'none'}`, () => {
        expect(risk(days, health)).toBe(levels[i])
      })

  it('a cancel signal is an Emergency at any point, with or without a renewal date', () => {
    expect(risk(300, 95, true)).toBe('Emergency')
    expect(risk(null, null, true)).toBe('Emergency')
  })

  it('no escalation without a score or a renewal date', () => {
    expect(risk(45, null)).toBeNull()
    expect(risk(null, 10)).toBeNull()
  })

  it('each level is a play with its own key, priority and 004 action', () => {
    const renewalDate = addDays(AS_OF, 75)
    const elevated = playOf('renewal-risk', quietAccount({ renewalDate, healthScore: 45 }))
    expect(elevated).toMatchObject({
      reasonKey: `${renewalDate}:Elevated`,
      priority: 'high',
      action: 'CSM proactive intervention',
      reason: `Health 45 with the renewal due ${renewalDate}, in 75 days: Elevated risk`,
      dueDate: addDays(AS_OF, 3),
    })
    const high = playOf('renewal-risk', quietAccount({ renewalDate, healthScore: 35 }))
    expect(high).toMatchObject({ priority: 'urgent', action: 'Manager involvement' })
    expect(high?.reasonKey).toBe(`${renewalDate}:High`)
    const critical = playOf(
      'renewal-risk',
      quietAccount({ renewalDate: addDays(AS_OF, 45), healthScore: 35 }),
    )
    expect(critical).toMatchObject({ priority: 'urgent', action: 'Executive engagement' })
    const emergency = playOf(
      'renewal-risk',
      quietAccount({ billing: { pastDueInvoices: 0, cancelScheduled: true } }),
    )
    expect(emergency).toMatchObject({
      action: 'Save team activated',
      reason: 'A subscription is set to cancel: Emergency risk',
    })
    expect(whyNot('renewal-risk', quietAccount({ renewalDate, healthScore: 72 }))).toBe(
      'Health 72 with the renewal in 75 days: no escalation',
    )
  })

  it('thresholds come from the config', () => {
    const settings = structuredClone(DEFAULTS)
    settings.plays.renewalRisk.elevatedBelow = 70
    const inputs = quietAccount({ renewalDate: addDays(AS_OF, 75), healthScore: 65 })
    expect(playOf('renewal-risk', inputs)).toBeUndefined()
    expect(playOf('renewal-risk', inputs, settings)?.reasonKey).toMatch(/:Elevated$/)
  })
})

describe("004's renewal timeline: T-120, T-90, T-60", () => {
  const phaseAt = (days: number) =>
    playOf('renewal', quietAccount({ renewalDate: addDays(AS_OF, days) }))

  it.each([
    [121, null],
    [120, 'T-120'],
    [91, 'T-120'],
    [90, 'T-90'],
    [61, 'T-90'],
    [60, 'T-60'],
    [0, 'T-60'],
    [-1, null],
  ])('%i days before the renewal → %s', (days, phase) => {
    const play = phaseAt(days)
    if (phase === null) expect(play).toBeUndefined()
    else expect(play?.reasonKey).toBe(`${addDays(AS_OF, days)}:${phase}`)
  })

  it("each phase carries 004's action and is due at the next milestone, never in the past", () => {
    const renewalDate = addDays(AS_OF, 110)
    expect(phaseAt(110)).toMatchObject({
      action: 'Health review and renewal forecast',
      priority: 'low',
      dueDate: addDays(renewalDate, -90),
      reason: `Renewal due ${renewalDate}, in 110 days (T-120)`,
    })
    expect(phaseAt(80)).toMatchObject({ action: 'Renewal intent call', priority: 'medium' })
    expect(phaseAt(80)?.dueDate).toBe(addDays(AS_OF, 20))
    expect(phaseAt(50)).toMatchObject({ priority: 'high', dueDate: addDays(AS_OF, 20) })
    expect(phaseAt(10)?.dueDate).toBe(AS_OF)
  })

  it('no renewal date, no renewal play', () => {
    expect(whyNot('renewal', quietAccount({ renewalDate: null }))).toBe('No renewal date known')
  })
})
