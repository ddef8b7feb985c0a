import { describe, expect, it } from 'vitest'
import { retryAfterSeconds, WindowLimiter } from './window-limiter.js'

describe('WindowLimiter', () => {
  it('allows `limit` requests a window and says when the window resets', () => {
    let now = 1_000
    const limiter = new WindowLimiter(2, 60_000, () => now)
    expect(limiter.take()).toEqual({ allowed: true, remaining: 1, resetMs: 60_000 })
    now += 10_000
    expect(limiter.take()).toEqual({ allowed: true, remaining: 0, resetMs: 50_000 })
    expect(limiter.take()).toEqual({ allowed: false, remaining: 0, resetMs: 50_000 })
    now += 50_000
    expect(limiter.take()).toEqual({ allowed: true, remaining: 1, resetMs: 60_000 })
    now += 130_000
    expect(limiter.state()).toEqual({ used: 0, remaining: 2, resetMs: 50_000 })
  })

  it('writes Retry-After in whole seconds, or fractions for shrunken test windows', () => {
    expect(retryAfterSeconds(41_200)).toBe('42')
    expect(retryAfterSeconds(600)).toBe('0.600')
  })
})
