import { describe, expect, it } from 'vitest'
import { customerEffortScore } from './ces.js'
import { csatFromCounts, customerSatisfaction, zendeskCsat } from './csat.js'
import { netPromoterScore, npsCounts, npsFromCounts } from './nps.js'
import { surveySettingsSchema } from './settings.js'

const settings = surveySettingsSchema.parse({})

describe("NPS (004's example)", () => {
  it('100 responses: 50 promoters, 30 passives, 20 detractors → NPS 30', () => {
    expect(npsFromCounts({ promoters: 50, passives: 30, detractors: 20 })).toBe(30)
  })

  it('sorts 0–10 answers as 004 does: 9–10 promoters, 0–6 detractors, 7–8 passives', () => {
    const answers = [
      ...Array<number>(25).fill(10),
      ...Array<number>(25).fill(9),
      ...Array<number>(15).fill(8),
      ...Array<number>(15).fill(7),
      ...Array<number>(10).fill(6),
      ...Array<number>(10).fill(0),
    ]
    expect(npsCounts(answers, settings.nps)).toEqual({
      promoters: 50,
      passives: 30,
      detractors: 20,
    })
    expect(netPromoterScore(answers, settings.nps)).toBe(30)
  })

  it('runs from −100 to 100, has no score without answers, refuses answers off the scale', () => {
    expect(netPromoterScore([0, 3, 6], settings.nps)).toBe(-100)
    expect(netPromoterScore([9, 10], settings.nps)).toBe(100)
    expect(netPromoterScore([], settings.nps)).toBeNull()
    expect(() => netPromoterScore([11], settings.nps)).toThrow(RangeError)
  })

  it('takes configured cut-offs', () => {
    const strict = surveySettingsSchema.parse({ nps: { promoterMin: 10, detractorMax: 7 } }).nps
    expect(npsCounts([10, 9, 8, 7], strict)).toEqual({ promoters: 1, passives: 2, detractors: 1 })
    expect(surveySettingsSchema.safeParse({ nps: { promoterMin: 6 } }).success).toBe(false)
  })
})

describe('CSAT (004: satisfied = 4–5 on a 5-point scale)', () => {
  it('is the share of satisfied responses', () => {
    expect(customerSatisfaction([5, 4, 4, 3, 1], settings.csat)).toBe(60)
    expect(csatFromCounts(85, 100)).toBe(85)
    expect(customerSatisfaction([], settings.csat)).toBeNull()
    expect(() => customerSatisfaction([6], settings.csat)).toThrow(RangeError)
  })

  it('on a 1–7 scale with 6–7 satisfied when configured so', () => {
    const seven = surveySettingsSchema.parse({ csat: { scaleMax: 7, satisfiedMin: 6 } }).csat
    expect(customerSatisfaction([7, 6, 5, 4], seven)).toBe(50)
  })

  it("from Zendesk's good and bad ratings: good is satisfied", () => {
    expect(zendeskCsat({ good: 9, bad: 1 })).toBe(90)
    expect(zendeskCsat({ good: 0, bad: 0 })).toBeNull()
  })
})

describe('CES (004: 1 very easy … 7 very difficult, lower is better)', () => {
  it('is the average answer', () => {
    expect(customerEffortScore([1, 2, 3, 6], settings.ces)).toBe(3)
    expect(customerEffortScore([], settings.ces)).toBeNull()
    expect(() => customerEffortScore([0], settings.ces)).toThrow(RangeError)
    expect(() => customerEffortScore([8], settings.ces)).toThrow(RangeError)
  })
})
