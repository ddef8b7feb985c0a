import { describe, expect, it } from 'vitest'
import { Cs360Error } from '../../errors.js'
import { HubspotPacer } from './pacer.js'

/** A pacer on a clock the test moves, whose waits are recorded and move the clock. */
function pacedPortal() {
  let now = 1_000_000
  const waits: { ms: number; reason: string }[] = []
  const pacer = new HubspotPacer(() => now)
  const wait = async (ms: number, reason: string) => {
    waits.push({ ms, reason })
    now += ms
  }
  const headers = (values: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [`x-hubspot-ratelimit-${k}`, String(v)]),
    )
  return { pacer, wait, waits, headers, advance: (ms: number) => (now += ms) }
}

describe('HubSpot pacing, before a 429 happens', () => {
  it('waits out the ten-second window when its remaining calls are spent', async () => {
    const p = pacedPortal()
    p.pacer.afterCall(p.headers({ max: 100, remaining: 1, 'interval-milliseconds': 10_000 }), 'api')
    await p.pacer.beforeCall(p.wait, 'api')
    expect(p.waits).toEqual([{ ms: 10_000, reason: expect.stringContaining('ten-second') }])
    // The window moved on: the next call goes at once.
    await p.pacer.beforeCall(p.wait, 'api')
    expect(p.waits).toHaveLength(1)
  })

  it('waits a tenth of the interval when the per-second calls are spent', async () => {
    const p = pacedPortal()
    p.pacer.afterCall(
      p.headers({ remaining: 50, 'secondly-remaining': 0, 'interval-milliseconds': 10_000 }),
      'api',
    )
    await p.pacer.beforeCall(p.wait, 'api')
    expect(p.waits.map((w) => w.ms)).toEqual([1_000])
  })

  it('follows the interval the portal reports (a shrunk sandbox window too)', async () => {
    const p = pacedPortal()
    p.pacer.afterCall(p.headers({ remaining: 0, 'interval-milliseconds': 100 }), 'api')
    await p.pacer.beforeCall(p.wait, 'api')
    expect(p.waits.map((w) => w.ms)).toEqual([100])
  })

  it('goes on without waiting while calls remain', async () => {
    const p = pacedPortal()
    p.pacer.afterCall(p.headers({ remaining: 40, 'secondly-remaining': 3 }), 'api')
    await p.pacer.beforeCall(p.wait, 'api')
    expect(p.waits).toEqual([])
  })

  it('sends at most 4 searches in any second (search answers carry no headers)', async () => {
    const p = pacedPortal()
    for (let i = 0; i < 4; i += 1) {
      await p.pacer.beforeCall(p.wait, 'search')
      p.pacer.afterCall(undefined, 'search')
      p.advance(10)
    }
    expect(p.waits).toEqual([])
    await p.pacer.beforeCall(p.wait, 'search')
    // The first of the four went 40 ms ago: the fifth waits the rest of that second.
    expect(p.waits.map((w) => w.ms)).toEqual([960])
  })

  it('stops the run, not the portal, when the daily allowance is spent', async () => {
    const p = pacedPortal()
    p.pacer.afterCall(p.headers({ daily: 250_000, 'daily-remaining': 0 }), 'api')
    const refused = await p.pacer.beforeCall(p.wait, 'api').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Cs360Error)
    expect((refused as Cs360Error).kind).toBe('rate_limit')
    expect((refused as Error).message).toContain('daily API allowance is spent')
    expect(p.waits).toEqual([])
  })
})
