import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDataset } from '../src/sandbox/dataset/schema.js'
import { runCli } from './support/cli.js'

describe('cs360 sandbox generate', () => {
  it('writes the same file for the same seed and a valid dataset of the asked size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-generate-'))
    const args = (out: string, seed: string) => [
      'sandbox',
      'generate',
      '--accounts',
      '60',
      '--seed',
      seed,
      '--as-of',
      '2026-11-22',
      '--out',
      join(dir, out),
    ]
    const [a, b, c] = await Promise.all([
      runCli(args('a.json', '4')),
      runCli(args('b.json', '4')),
      runCli(args('c.json', '5')),
    ])
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0])
    expect(a.stdout).toMatch(/60 accounts \(7 enterprise, 21 mid-market, 32 SMB\)/)
    const [fa, fb, fc] = await Promise.all(
      ['a', 'b', 'c'].map((n) => readFile(join(dir, `${n}.json`), 'utf8')),
    )
    expect(fa).toBe(fb)
    expect(fa).not.toBe(fc)
    const dataset = await loadDataset(join(dir, 'a.json'))
    expect(dataset.salesforce!.records.Account).toHaveLength(60)
  })
})
