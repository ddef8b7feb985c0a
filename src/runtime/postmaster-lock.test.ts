import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectPostmasterLock } from './postmaster-lock.js'

function lockFile(dataDir: string, pid: number): string {
  const file = join(dataDir, 'postmaster.pid')
  writeFileSync(file, `${pid}\n${dataDir}\n1700000000\n5433\n\n127.0.0.1\n  1234  5678\nready\n`)
  return file
}

describe('inspectPostmasterLock', () => {
  const log = () => undefined

  it('sees no lock in a directory without postmaster.pid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs360-lock-'))
    expect(await inspectPostmasterLock(dataDir, log)).toEqual({ state: 'none' })
  })

  it('leaves a lock naming a dead pid to PostgreSQL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs360-lock-'))
    const gone = spawn('true')
    await new Promise((r) => gone.on('exit', r))
    const file = lockFile(dataDir, gone.pid!)
    expect(await inspectPostmasterLock(dataDir, log)).toEqual({ state: 'stale', pid: gone.pid })
    expect(existsSync(file)).toBe(true)
  })

  it('removes a lock whose pid now belongs to another process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs360-lock-'))
    const file = lockFile(dataDir, process.pid)
    const messages: string[] = []
    const lock = await inspectPostmasterLock(dataDir, (m) => messages.push(m))
    expect(lock).toEqual({ state: 'stale', pid: process.pid })
    expect(existsSync(file)).toBe(false)
    expect(messages.join()).toContain(`pid ${process.pid}`)
  })
})
