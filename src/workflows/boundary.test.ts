import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The workflow lint boundary, checked the way CI runs ESLint on a workflow file. */
describe('workflow determinism boundary', () => {
  // The probe is not a file on disk, so it is linted without type information (the boundary
  // rules need none).
  const eslint = new ESLint({
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
  })
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'src/workflows/probe.ts' })
    return result!.messages.map((m) => m.ruleId)
  }

  it.each([
    ["import { createActivities } from '../activities/index.js'"],
    ["import { loadConfig } from '../config/load.js'"],
    ["import { createWorker } from '../temporal/worker.js'"],
    ["import { createLogger } from '../logger.js'"],
    ["import { readFile } from 'fs'"],
    ["import { randomUUID } from 'node:crypto'"],
    ["import { Client } from '@temporalio/client'"],
    ["import pg from 'pg'"],
  ])('refuses the value import %s', async (line) => {
    expect(await lint(`${line}\nexport const x = 1\n`)).toContain(
      '@typescript-eslint/no-restricted-imports',
    )
  })

  it('allows the workflow API, pure model code, error names and type-only imports', async () => {
    const ok = await lint(
      [
        "import { proxyActivities } from '@temporalio/workflow'",
        "import type { Activities } from '../activities/index.js'",
        "import { NON_RETRYABLE_ERROR_TYPES } from '../errors.js'",
        "import { healthBand } from '../model/health/bands.js'",
        'export const a = [proxyActivities, NON_RETRYABLE_ERROR_TYPES, healthBand]',
        'export type A = Activities',
      ].join('\n'),
    )
    expect(ok).toEqual([])
  })

  it('refuses the host clock, randomness and the environment', async () => {
    const found = await lint('export const t = [Date.now(), Math.random(), process.env.X]\n')
    expect(found).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-globals',
    ])
  })
})
