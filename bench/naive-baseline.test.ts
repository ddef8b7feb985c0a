import { describe, expect, it } from 'vitest'
import { extrapolated } from './naive-baseline.js'

describe('extrapolated', () => {
  const served = {
    reads: 60,
    writes: 10,
    all: 70,
    classes: { 'REST API': { reads: 60, writes: 10, refused: 0 } },
  }

  it('adds one read a record left out of the sample, and time in proportion', () => {
    const s = extrapolated('salesforce', { records: 100, readOneByOne: 50, writes: 10 }, served, 7)
    expect(s).toMatchObject({ requests: 70, fullRequests: 120, seconds: 7, fullSeconds: 12 })
    // 60 reads grown to 103, plus 10 writes, at Salesforce's assumed 0.5 s a request.
    expect(s.atPublishedLimitsSeconds).toBe(56.5)
  })

  it('leaves a fully read system as measured', () => {
    const s = extrapolated('salesforce', { records: 50, readOneByOne: 50, writes: 10 }, served, 7)
    expect(s).toMatchObject({ fullRequests: 70, fullSeconds: 7, atPublishedLimitsSeconds: 35 })
  })

  it('waits out a binding allowance: Zendesk reads at 700 a minute', () => {
    const s = extrapolated(
      'zendesk',
      { records: 1500, readOneByOne: 1500, writes: 0 },
      {
        reads: 1503,
        writes: 0,
        all: 1503,
        classes: { 'other API calls': { reads: 1503, writes: 0, refused: 0 } },
      },
      30,
    )
    // 700 requests take 350 s at 0.5 s each, longer than the minute: latency binds, not the allowance.
    expect(s.atPublishedLimitsSeconds).toBeCloseTo(1503 * 0.5, 6)
  })
})
