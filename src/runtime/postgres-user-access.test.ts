import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { letPostgresUserReach } from './postgres-user-access.js'

const mode = (path: string) => statSync(path).mode & 0o7777

describe('letPostgresUserReach', () => {
  it('adds only o+x, only where missing, up the whole path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cs360-reach-'))
    const shared = join(root, 'shared')
    const project = join(shared, 'project')
    mkdirSync(project, { recursive: true })
    chmodSync(root, 0o700)
    chmodSync(shared, 0o1777)
    chmodSync(project, 0o750)
    const changed: string[] = []
    await letPostgresUserReach(project, (message) => changed.push(message))
    expect(mode(root)).toBe(0o701)
    expect(mode(shared)).toBe(0o1777)
    expect(mode(project)).toBe(0o751)
    const underRoot = changed.filter((message) => message.includes(root))
    expect(underRoot).toHaveLength(2)
    expect(underRoot.join('\n')).toContain(project)
  })
})
