import { describe, expect, it } from 'vitest'
import { advance, past, readPosition, seen, start, writePosition } from './position.js'

describe('read positions on a millisecond stamp', () => {
  it('knows what was read: before the stamp, its ids at the stamp, ids up to tieAfter', () => {
    const p = advance(advance(start(), 1_000, '7'), 1_000, '3')
    expect(seen(p, 999, '99')).toBe(true)
    expect(seen(p, 1_000, '3')).toBe(true)
    expect(seen(p, 1_000, '5')).toBe(false)
    expect(seen(p, 1_001, '3')).toBe(false)
    expect(seen({ ...p, tieAfter: '5' }, 1_000, '5')).toBe(true)
    expect(seen({ ...p, tieAfter: '5' }, 1_000, '6')).toBe(false)
    expect(seen(null, 0, '1')).toBe(false)
    expect(seen(past(1_000), 1_000, '123')).toBe(true)
  })

  it('only moves forward', () => {
    const p = advance(start(), 2_000, '1')
    expect(advance(p, 1_000, '2')).toEqual({ stamp: 2_000, ids: new Set(['1']), tieAfter: null })
    expect(advance(p, 3_000, '2')).toEqual({ stamp: 3_000, ids: new Set(['2']), tieAfter: null })
  })

  it('round-trips through checkpoint fields as ISO text and id lists', () => {
    const p = {
      stamp: Date.UTC(2026, 0, 1, 0, 0, 0, 123),
      ids: new Set(['11', '12']),
      tieAfter: '9',
    }
    const fields = writePosition('modified', p)
    expect(fields).toEqual({
      modifiedAfter: '2026-01-01T00:00:00.123Z',
      modifiedIds: '11,12',
      modifiedTieAfter: '9',
    })
    expect(readPosition('modified', fields)).toEqual(p)
    expect(readPosition('modified', writePosition('modified', null))).toBeNull()
    expect(readPosition('modified', {})).toBeNull()
  })
})
