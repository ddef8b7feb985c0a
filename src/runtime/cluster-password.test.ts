import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clusterPassword } from './cluster-password.js'

describe('clusterPassword', () => {
  const root = mkdtempSync(join(tmpdir(), 'cs360-password-'))

  it('gives a new cluster a random password, kept owner-only and stable', async () => {
    const first = await clusterPassword(join(root, 'a'))
    const other = await clusterPassword(join(root, 'b'))
    expect(first).toMatch(/^[\w-]{32}$/)
    expect(other).not.toBe(first)
    expect(await clusterPassword(join(root, 'a'))).toBe(first)
    expect(statSync(join(root, 'a.password')).mode & 0o777).toBe(0o600)
  })

  it('keeps the password of a cluster created before password files', async () => {
    mkdirSync(join(root, 'old'))
    writeFileSync(join(root, 'old', 'PG_VERSION'), '18\n')
    expect(await clusterPassword(join(root, 'old'))).toBe('cs360-embedded')
  })
})
