import { describe, expect, it } from 'vitest'
import { addMonths, monthOf, quarterOf } from './months.js'

describe('calendar months', () => {
  it('steps across years both ways', () => {
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01')
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01')
    expect(addMonths('2026-11-01', -35)).toBe('2023-12-01')
  })

  it('finds the month and quarter of a day', () => {
    expect(monthOf('2026-11-22')).toBe('2026-11-01')
    expect(quarterOf('2026-11-01')).toBe('2026-10-01')
    expect(quarterOf('2026-03-01')).toBe('2026-01-01')
    expect(() => monthOf('22/11/2026')).toThrow(RangeError)
  })
})
