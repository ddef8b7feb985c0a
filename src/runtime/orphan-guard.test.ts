import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { guardAgainstOrphan } from './orphan-guard.js'
import { hasEnded, runtimeModule, startChild, waitFor } from './test-support.js'

describe('guardAgainstOrphan', () => {
  it('stops the guarded process group when its parent is SIGKILLed', async () => {
    const { child, firstLine } = await startChild(`
      const { spawn } = await import('node:child_process')
      const { guardAgainstOrphan } = await import(${JSON.stringify(runtimeModule('orphan-guard.ts'))})
      const server = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' })
      guardAgainstOrphan(-server.pid, 'TERM')
      console.log(server.pid)
      setInterval(() => {}, 1000)
    `)
    const serverPid = Number(firstLine)
    try {
      expect(hasEnded(serverPid)).toBe(false)
      child.kill('SIGKILL')
      expect(await waitFor(() => hasEnded(serverPid), 5_000)).toBe(true)
    } finally {
      if (!hasEnded(serverPid)) process.kill(serverPid, 'SIGKILL')
    }
  }, 20_000)

  it('leaves the process alone once released', async () => {
    const server = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' })
    const guard = guardAgainstOrphan(-server.pid!, 'TERM')
    guard.release()
    await new Promise((r) => setTimeout(r, 300))
    expect(hasEnded(server.pid!)).toBe(false)
    server.kill('SIGKILL')
  })
})
