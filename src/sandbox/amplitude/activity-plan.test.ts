import { describe, expect, it } from 'vitest'
import { activityProblem, decodeActivity, encodeActivity } from './activity-plan.js'

describe('activity plan encoding', () => {
  it('round-trips active days as base-36 tokens with day gaps', () => {
    const days = [
      { offset: 3, sessions: 1, events: 4, features: 0b1011 },
      { offset: 40, sessions: 2, events: 9, features: 0b101111 },
    ]
    const encoded = encodeActivity(days)
    expect(encoded).toBe('3.1.4.b 11.2.9.1b')
    expect(decodeActivity(encoded)).toEqual(days)
    expect(activityProblem(encoded, 6)).toBeUndefined()
  })

  it('names a plan that cannot be expanded', () => {
    expect(activityProblem('3.1.4', 4)).toMatch(/not <gap>/)
    expect(activityProblem('3.0.4.1', 4)).toMatch(/at least one session/)
    expect(activityProblem('3.1.4.2', 4)).toMatch(/opens with features\[0\]/)
    expect(activityProblem('3.1.4.11', 4)).toMatch(/past the features list/)
    expect(activityProblem('3.2.3.7', 4)).toMatch(
      /an event per session plus one per further feature/,
    )
    expect(activityProblem('3.1.1.1 0.1.1.1', 4)).toMatch(/ascend/)
  })
})
