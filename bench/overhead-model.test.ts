import { describe, expect, it } from 'vitest'
import { apiTime, engineShare, pacedSeconds } from './overhead-model.js'
import { requestClass } from './service-limits.js'

describe('pacedSeconds', () => {
  it('is requests × latency when no allowance binds', () => {
    expect(pacedSeconds(0, 0.5, null)).toBe(0)
    expect(pacedSeconds(4, 0.5, null)).toBe(2)
    // 10 a minute, 3 requests: never more than the allowance in one window.
    expect(pacedSeconds(3, 0.5, { requests: 10, seconds: 60 })).toBe(1.5)
  })

  it('waits out every window the allowance fills', () => {
    // Zendesk's incremental exports: 21 requests at 10 a minute = two full minutes, then one.
    expect(pacedSeconds(21, 0.5, { requests: 10, seconds: 60 })).toBe(120.5)
    expect(pacedSeconds(20, 0.5, { requests: 10, seconds: 60 })).toBe(65)
    // A window slower to fill than its length costs its requests' latency instead.
    expect(pacedSeconds(30, 0.5, { requests: 25, seconds: 1 })).toBeCloseTo(15, 9)
  })
})

describe('apiTime', () => {
  const counts = {
    zendesk: {
      'incremental exports': { reads: 21, writes: 0, refused: 0 },
      'other API calls': { reads: 15, writes: 0, refused: 0 },
    },
    salesforce: { 'REST API': { reads: 6, writes: 3, refused: 0 } },
  }

  it('adds the slowest system’s reads to every system’s writes, at published limits', () => {
    const t = apiTime(counts, { limits: 'published' })
    const zendesk = t.systems.find((s) => s.system === 'zendesk')!
    expect(zendesk.readSeconds).toBeCloseTo(120.5 + 15 * 0.5, 9)
    expect(zendesk.binding).toBe('incremental exports')
    const salesforce = t.systems.find((s) => s.system === 'salesforce')!
    expect(salesforce).toMatchObject({ readSeconds: 3, writeSeconds: 1.5, binding: null })
    expect(t.seconds).toBeCloseTo(128 + 1.5, 9)
  })

  it('scales the sandbox’s windows and takes the latency given', () => {
    const t = apiTime(counts, { limits: 'sandbox', timeScale: 0.1, latencySeconds: 0.01 })
    // Two full 6-second windows, then one request; then 15 unpaced ones.
    expect(t.systems.find((s) => s.system === 'zendesk')!.readSeconds).toBeCloseTo(12.16, 9)
  })

  it('names a request class it does not know', () => {
    expect(() =>
      apiTime({ zendesk: { nope: { reads: 1, writes: 0, refused: 0 } } }, { limits: 'published' }),
    ).toThrow(/zendesk: no request class "nope"/)
  })
})

describe('requestClass', () => {
  it('puts each request under its most specific allowance', () => {
    expect(requestClass('zendesk', 'GET', '/api/v2/incremental/tickets/cursor')).toBe(
      'incremental exports',
    )
    expect(requestClass('zendesk', 'GET', '/api/v2/tickets.json')).toBe('List Tickets')
    expect(requestClass('zendesk', 'GET', '/api/v2/satisfaction_ratings')).toBe('other API calls')
    expect(requestClass('hubspot', 'POST', '/crm/v3/objects/companies/search')).toBe('CRM search')
    expect(requestClass('hubspot', 'PATCH', '/crm/v3/objects/companies/1')).toBe('other API calls')
    expect(() => requestClass('pipedrive', 'GET', '/')).toThrow(/pipedrive/)
  })
})

describe('engineShare', () => {
  it('is the engine’s time over the total', () => {
    expect(engineShare(10, 90)).toBe(0.1)
    expect(engineShare(0, 0)).toBe(0)
  })
})
