import { describe, expect, it } from 'vitest'
import { FaultSwitches } from './faults.js'

describe('FaultSwitches', () => {
  it('fails exactly the next N requests, with an optional body', () => {
    const faults = new FaultSwitches()
    faults.failNext(503, 2)
    expect(faults.takeFailure()).toEqual({ status: 503, body: undefined })
    expect(faults.pendingFailure).toMatchObject({ status: 503, count: 1 })
    expect(faults.takeFailure()?.status).toBe(503)
    expect(faults.takeFailure()).toBeUndefined()
    faults.failNext({ status: 429, count: 1, body: { message: 'slow down' } })
    expect(faults.takeFailure()).toEqual({ status: 429, body: { message: 'slow down' } })
  })

  it('refuses requests once the allowance is spent, without counting the refused ones', () => {
    const faults = new FaultSwitches({ rateLimit: { limit: 2 } })
    expect(faults.useAllowance()).toEqual({ allowed: true, used: 1, limit: 2 })
    expect(faults.useAllowance().allowed).toBe(true)
    expect(faults.useAllowance()).toEqual({ allowed: false, used: 2, limit: 2 })
    expect(faults.requestAllowance).toBe(0)
    faults.requestAllowance = 1
    expect(faults.rateLimit?.limit).toBe(3)
    expect(faults.useAllowance().allowed).toBe(true)
    faults.reset()
    expect(faults.rateLimit).toEqual({ limit: 2 })
    expect(faults.usage().used).toBe(3)
  })

  it('starts the allowance again after its window', () => {
    let now = 0
    const faults = new FaultSwitches({ rateLimit: { limit: 1, windowMs: 10_000 } }, () => now)
    expect(faults.useAllowance().allowed).toBe(true)
    expect(faults.useAllowance().allowed).toBe(false)
    now = 10_000
    expect(faults.useAllowance()).toEqual({ allowed: true, used: 1, limit: 1 })
  })

  it('moves the token epoch so issuers can tell old credentials apart', () => {
    const faults = new FaultSwitches()
    const before = faults.tokenEpoch
    faults.expireTokens()
    expect(faults.tokenEpoch).not.toBe(before)
  })
  it('arms slowness and mid-body resets for the next matching requests only', () => {
    const faults = new FaultSwitches()
    const get = { method: 'GET', path: '/a' }
    const post = { method: 'POST', path: '/a' }
    faults.slowNext(5_000, 2, (req) => req.method === 'GET')
    expect(faults.takeSlowness(post)).toBe(0)
    expect(faults.takeSlowness(get)).toBe(5_000)
    expect(faults.takeSlowness(get)).toBe(5_000)
    expect(faults.takeSlowness(get)).toBe(0)
    faults.resetNext(1)
    expect(faults.takeReset(post)).toBe(true)
    expect(faults.takeReset(get)).toBe(false)
    faults.resetNext(3)
    faults.slowNext(10, 3)
    faults.reset()
    expect(faults.takeReset(get)).toBe(false)
    expect(faults.takeSlowness(get)).toBe(0)
  })
  it('fails only matching requests when the failure names which', () => {
    const faults = new FaultSwitches()
    faults.failNext({ status: 400, count: 2, match: (req) => req.path === '/token' })
    expect(faults.takeFailure({ method: 'GET', path: '/query' })).toBeUndefined()
    expect(faults.takeFailure()).toBeUndefined()
    expect(faults.takeFailure({ method: 'POST', path: '/token' })?.status).toBe(400)
    expect(faults.pendingFailure?.count).toBe(1)
  })

  it('runs an action once the named number of requests arrived', () => {
    const faults = new FaultSwitches()
    const before = faults.tokenEpoch
    faults.afterRequests(3, () => faults.expireTokens())
    faults.countRequest()
    faults.countRequest()
    expect(faults.tokenEpoch).toBe(before)
    faults.countRequest()
    expect(faults.tokenEpoch).toBe(before + 1)
    faults.countRequest()
    expect(faults.tokenEpoch).toBe(before + 1)
  })

  it('arms an older answer for the next matching requests, replacing a repeat still armed', () => {
    const faults = new FaultSwitches()
    const page = { method: 'GET', path: '/v1/invoices' }
    faults.repeatNext(1)
    expect(faults.repeatBack).toBe(1)
    faults.serveOlderNext(2, 3, (req) => req.method === 'GET')
    expect(faults.repeatBack).toBe(3)
    expect(faults.repeatsMatch({ method: 'POST', path: '/v1/invoices' })).toBe(false)
    expect(faults.takeRepeat(page)).toBe(true)
    expect(faults.takeRepeat(page)).toBe(true)
    expect(faults.takeRepeat(page)).toBe(false)
    expect(faults.repeatsLeft).toBe(0)
    expect(() => faults.serveOlderNext(1, 0)).toThrow(/back must be .* ≥ 1, got 0/)
    faults.serveOlderNext(1, 2)
    faults.reset()
    expect(faults.repeatBack).toBe(1)
    expect(faults.takeRepeat(page)).toBe(false)
  })
})
