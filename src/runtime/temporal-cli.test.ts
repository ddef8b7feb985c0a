import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findTemporalCli } from './temporal-cli.js'

function executable(path: string, mode = 0o755): string {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, '#!/bin/sh\n')
  chmodSync(path, mode)
  return path
}

describe('findTemporalCli', () => {
  const root = mkdtempSync(join(tmpdir(), 'cs360-cli-'))
  const cwd = join(root, 'project')
  const local = executable(join(cwd, '.cs360', 'bin', 'temporal'))
  const onPath = executable(join(root, 'path-b', 'temporal'))
  const configured = executable(join(root, 'custom', 'temporal-1.5'))
  const PATH = [join(root, 'path-a'), join(root, 'path-b')].join(delimiter)

  it('prefers TEMPORAL_CLI_PATH, then PATH, then .cs360/bin', () => {
    expect(findTemporalCli(cwd, { TEMPORAL_CLI_PATH: configured, PATH })).toBe(configured)
    expect(findTemporalCli(cwd, { PATH })).toBe(onPath)
    expect(findTemporalCli(cwd, { PATH: join(root, 'path-a') })).toBe(local)
  })

  it('skips what cannot be run: missing, not executable, a directory', () => {
    executable(join(root, 'path-a', 'temporal'), 0o644)
    mkdirSync(join(root, 'path-c', 'temporal'), { recursive: true })
    const env = {
      TEMPORAL_CLI_PATH: join(root, 'nowhere', 'temporal'),
      PATH: [join(root, 'path-a'), join(root, 'path-c')].join(delimiter),
    }
    expect(findTemporalCli(cwd, env)).toBe(local)
    expect(findTemporalCli(root, env)).toBeUndefined()
  })
})
