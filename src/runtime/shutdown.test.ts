import { describe, expect, it } from 'vitest'
import { onShutdown, runShutdown } from './shutdown.js'

describe('onShutdown', () => {
  it('runs each cleanup once, newest first, waiting for each', async () => {
    const calls: string[] = []
    onShutdown(async () => {
      await new Promise((r) => setTimeout(r, 20))
      calls.push('server')
    })
    onShutdown(() => {
      calls.push('pool')
    })
    await Promise.all([runShutdown(), runShutdown()])
    await runShutdown()
    expect(calls).toEqual(['pool', 'server'])
  })

  it('skips an unregistered cleanup and keeps going after a failing one', async () => {
    const calls: string[] = []
    onShutdown(() => {
      calls.push('first')
    })
    const unregister = onShutdown(() => {
      calls.push('stopped by its owner')
    })
    onShutdown(() => {
      throw new Error('boom')
    })
    unregister()
    await runShutdown()
    expect(calls).toEqual(['first'])
  })

  it('runs cleanups registered after an earlier shutdown', async () => {
    await runShutdown()
    let ran = false
    onShutdown(() => {
      ran = true
    })
    await runShutdown()
    expect(ran).toBe(true)
  })
})
