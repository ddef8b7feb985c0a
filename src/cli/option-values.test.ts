import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { isoDay, nonNegativeInteger, port, positiveInteger } from './option-values.js'

describe('cs360 option values', () => {
  it('positiveInteger takes whole numbers from 1 and refuses the rest with the expected form', () => {
    expect(positiveInteger('340')).toBe(340)
    expect(positiveInteger('1')).toBe(1)
    for (const bad of ['abc', '0', '-3', '2.5', '1e3', '', ' ', '12abc', '99999999999999999999'])
      expect(() => positiveInteger(bad), bad).toThrow('Expected a whole number of at least 1.')
  })

  it('nonNegativeInteger takes 0', () => {
    expect(nonNegativeInteger('0')).toBe(0)
    expect(nonNegativeInteger('42')).toBe(42)
    expect(() => nonNegativeInteger('-1')).toThrow(InvalidArgumentError)
    expect(() => nonNegativeInteger('NaN')).toThrow('Expected a whole number of at least 0.')
  })

  it('port takes 1 to 65535 only', () => {
    expect(port('8700')).toBe(8700)
    expect(port('65535')).toBe(65535)
    for (const bad of ['abc', '0', '65536', '80.5', '-80'])
      expect(() => port(bad), bad).toThrow('Expected a TCP port from 1 to 65535, e.g. 8700.')
  })

  it('isoDay takes a real YYYY-MM-DD day and refuses garbage and days that do not exist', () => {
    expect(isoDay('2026-11-22')).toBe('2026-11-22')
    expect(isoDay('2028-02-29')).toBe('2028-02-29')
    for (const bad of [
      'garbage',
      '2026-02-30',
      '2027-02-29',
      '2026-13-01',
      '2026-1-5',
      '22/11/2026',
      '2026-11-22T00:00:00Z',
    ])
      expect(() => isoDay(bad), bad).toThrow('Expected a real day as YYYY-MM-DD, e.g. 2026-11-22.')
  })
})
