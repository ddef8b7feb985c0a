import { describe, expect, it } from 'vitest'
import { reportInput } from './test-fixture.js'
import { runReportView, scoredCrm } from './view-model.js'

describe('runReportView', () => {
  it('counts the run: duration, every band in order with its share of ARR, identity per system', () => {
    const view = runReportView(reportInput())
    expect(view.run).toMatchObject({ seconds: 75, asOf: '2026-11-22', crm: 'salesforce' })
    expect(view.health.bands.map((b) => [b.band, b.accounts, b.arr])).toEqual([
      ['Healthy', 1, 5_000],
      ['Stable', 3, 30_000],
      ['At-risk', 0, 0],
      ['Critical', 0, 0],
      ['Emergency', 0, 0],
    ])
    expect(view.health).toMatchObject({ accounts: 4, arr: 35_000 })
    expect(view.identity.bySource).toEqual([
      { source: 'amplitude', matched: 0, conflict: 0, unmatched: 3 },
      { source: 'zendesk', matched: 7, conflict: 1, unmatched: 0 },
    ])
    expect(view.steps.find((s) => s.step === 'compute:salesforce')!.seconds).toBeNull()
  })

  it('sets API calls against ⌈records / page maximum⌉ and ⌈written / batch maximum⌉', () => {
    expect(runReportView(reportInput()).apiCalls).toEqual([
      { step: 'extract:salesforce:Account', calls: 4, records: 4001, minimum: 3 },
      // A stream that declares no minimum is shown without one, never as zero.
      { step: 'extract:zendesk:tickets', calls: 1, records: 10, minimum: null },
      { step: 'writeback:salesforce', calls: 5, records: 401, minimum: 3 },
    ])
  })

  it('keeps no ARR when only the score history is left of the run', () => {
    const view = runReportView(
      reportInput({
        health: { basis: 'history', bands: [{ band: 'Critical', accounts: 2, arr: null }] },
      }),
    )
    expect(view.health.arr).toBeNull()
    expect(view.health.bands.every((b) => b.arr === null)).toBe(true)
    expect(view.health.accounts).toBe(2)
  })

  it('reads the scored CRM off the compute step', () => {
    expect(scoredCrm([{ step: 'extract:hubspot:companies' }, { step: 'compute:hubspot' }])).toBe(
      'hubspot',
    )
    expect(scoredCrm([{ step: 'extract:salesforce:Account' }])).toBeNull()
  })
})
