import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { Cs360Error } from '../errors.js'
import { findManifest } from '../connectors/registry.js'
import { toApplicationFailure } from './failure.js'
import { arrSegmentSql } from '../db/metrics/arr-segment.js'

/** Config mistakes met inside an activity are ConfigErrors, so the activity is not retried. */
describe('config mistakes met during a run', () => {
  it('segments without any ARR tier', () => {
    const error = (() => {
      try {
        arrSegmentSql(sql`arr`, [])
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(Cs360Error)
    expect(toApplicationFailure(error)).toMatchObject({ type: 'ConfigError', nonRetryable: true })
  })

  it('an unknown connector id', () => {
    expect(() => findManifest('salesfroce')).toThrow(/unknown connector "salesfroce"; known: /)
    try {
      findManifest('salesfroce')
    } catch (e) {
      expect(toApplicationFailure(e)).toMatchObject({ type: 'ConfigError', nonRetryable: true })
    }
  })
})
