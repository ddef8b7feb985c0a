import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'

/**
 * Bad input stops `cs360` before any work: exit 2 (the README's usage error) within seconds, one
 * line naming the option and the form it expects. No config, database or Temporal is needed to
 * get there, and none is given.
 */
describe('cs360 usage errors exit 2 at once', () => {
  const cases: { args: string[]; option: string; expected: string }[] = [
    {
      args: ['sync', '--once', '--as-of', 'garbage'],
      option: "'--as-of <date>' argument 'garbage'",
      expected: 'YYYY-MM-DD',
    },
    {
      args: ['preview', '--as-of', '2026-02-30'],
      option: "'--as-of <date>' argument '2026-02-30'",
      expected: 'YYYY-MM-DD',
    },
    {
      args: ['sandbox', 'generate', '--as-of', 'tomorrow'],
      option: "'--as-of <date>' argument 'tomorrow'",
      expected: 'YYYY-MM-DD',
    },
    {
      args: ['sandbox', 'generate', '--accounts', 'abc'],
      option: "'--accounts <n>' argument 'abc'",
      expected: 'whole number of at least 1',
    },
    {
      args: ['sandbox', '--port', 'abc'],
      option: "'--port <base>' argument 'abc'",
      expected: 'TCP port from 1 to 65535',
    },
    {
      args: ['demo', '--accounts', 'abc'],
      option: "'--accounts <n>' argument 'abc'",
      expected: 'whole number of at least 1',
    },
    {
      args: ['backtest', '--accounts', 'abc'],
      option: "'--accounts <n>' argument 'abc'",
      expected: 'whole number of at least 1',
    },
    {
      args: ['backtest', '--horizon', '90days'],
      option: "'--horizon <days>' argument '90days'",
      expected: 'whole number of at least 1',
    },
    {
      args: ['report', 'rejections', '--limit', 'all'],
      option: "'--limit <n>' argument 'all'",
      expected: 'whole number of at least 1',
    },
  ]

  it.each(cases)('cs360 $args', async ({ args, option, expected }) => {
    const started = Date.now()
    const result = await runCli(args, { cwd: await mkdtemp(join(tmpdir(), 'cs360-usage-')) })
    expect(result.code).toBe(2)
    expect(Date.now() - started).toBeLessThan(15_000)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(option)
    expect(lines[0]).toContain(expected)
    expect(result.stderr).not.toContain('NaN')
  })

  it('sandbox --dataset with an invalid or missing file exits 2 naming the option and the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-usage-'))
    const bad = join(dir, 'bad.json')
    await writeFile(bad, '{"accounts": []}')
    const invalid = await runCli(['sandbox', '--dataset', bad, '--port', '8799'])
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain(`cs360: --dataset: ${bad} is not a valid cs360 dataset`)
    expect(invalid.stdout).not.toContain('serving')

    const missing = await runCli(['sandbox', '--dataset', join(dir, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(
      `cs360: --dataset: cannot read dataset ${join(dir, 'nope.json')}`,
    )
  })
})

describe('cs360 with a bad environment variable', () => {
  it('DATABASE_URL=notaurl names the variable and the valid form, exit 2, before any work', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cs360-usage-'))
    for (const url of ['notaurl', 'localhost:5432/cs360']) {
      const result = await runCli(['migrate'], { cwd, env: { DATABASE_URL: url } })
      expect(result.code).toBe(2)
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^cs360: DATABASE_URL is not a (valid|PostgreSQL) URL.*; expected postgres:\/\/user:password@host:5432\/database$/,
        ),
      ])
      expect(result.stderr).not.toContain('Invalid URL')
    }
  })

  it('a malformed variable cs360 reads is a usage error (exit 2) naming it', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cs360-usage-'))
    const result = await runCli(['migrate'], { cwd, env: { TEMPORAL_TLS: 'yes' } })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('TEMPORAL_TLS')
  })
})
