import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import { startSandbox, type RunningSandbox } from '../src/sandbox/start-sandbox.js'
import { createDatabase } from './global-setup.js'
import { runCli } from './support/cli.js'

// Nothing listens on port 1: the connection attempt runs into its deadline.
const NOWHERE = '127.0.0.1:1'

describe('Temporal settings that point nowhere', () => {
  let sandbox: RunningSandbox
  let configPath: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    sandbox = await startSandbox(generateDataset({ accounts: 5, seed: 3, asOf: '2026-11-22' }))
    const dir = await mkdtemp(join(tmpdir(), 'cs360-temporal-settings-'))
    configPath = join(dir, 'cs360.config.yaml')
    await writeFile(configPath, sandbox.configYaml())
    const databaseUrl = await createDatabase(inject('databaseServerUrl'), 'cs360_temporal_settings')
    // Two seconds to connect: nothing answers on port 1 however long the command waits.
    env = {
      ...sandbox.env,
      DATABASE_URL: databaseUrl,
      CS360_HOME: join(dir, '.cs360'),
      TEMPORAL_CONNECT_TIMEOUT_SECONDS: '2',
    }
  })
  afterAll(() => sandbox.close())

  it('sync --once against an unreachable TEMPORAL_ADDRESS: one line naming it and the fix, exit 1', async () => {
    const result = await runCli(['--config', configPath, 'sync', '--once'], {
      env: { ...env, TEMPORAL_ADDRESS: NOWHERE },
      timeoutMs: 60_000,
    })
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toMatch(
      /^cs360: Temporal at TEMPORAL_ADDRESS=127\.0\.0\.1:1 did not answer within 2 s, TEMPORAL_CONNECT_TIMEOUT_SECONDS \([^\n]+\): start the Temporal server there, correct TEMPORAL_ADDRESS=127\.0\.0\.1:1, or unset TEMPORAL_ADDRESS/m,
    )
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('sync --once with a namespace the server lacks: one line naming TEMPORAL_NAMESPACE, exit 2', async () => {
    const result = await runCli(['--config', configPath, 'sync', '--once'], {
      env: {
        ...env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_NAMESPACE: 'no-such-namespace',
      },
      timeoutMs: 60_000,
    })
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toContain(
      'has no namespace no-such-namespace (TEMPORAL_NAMESPACE=no-such-namespace): set TEMPORAL_NAMESPACE to an existing namespace',
    )
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('check tests the database and Temporal: exit 1 naming TEMPORAL_ADDRESS when it does not answer', async () => {
    const down = await runCli(['--config', configPath, 'check'], {
      env: { ...env, TEMPORAL_ADDRESS: NOWHERE },
      timeoutMs: 60_000,
    })
    expect(down.code, down.stderr).toBe(1)
    expect(down.stdout).toContain('ok    database: DATABASE_URL answers')
    expect(down.stdout).toContain('ok    salesforce: connected to')
    expect(down.stderr).toMatch(
      /^ {2}fail {2}temporal: Temporal at TEMPORAL_ADDRESS=127\.0\.0\.1:1 did not answer .*unset TEMPORAL_ADDRESS/m,
    )

    const up = await runCli(['--config', configPath, 'check'], {
      env: { ...env, TEMPORAL_ADDRESS: inject('temporalAddress') },
      timeoutMs: 60_000,
    })
    expect(up.code, up.stderr).toBe(0)
    expect(up.stdout).toContain(
      `ok    temporal: TEMPORAL_ADDRESS=${inject('temporalAddress')}, namespace default`,
    )

    const badDatabase = await runCli(['--config', configPath, 'check'], {
      env: {
        ...env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        DATABASE_URL: 'postgres://cs360:hunter2@127.0.0.1:1/nope',
      },
      timeoutMs: 60_000,
    })
    expect(badDatabase.code).toBe(1)
    expect(badDatabase.stderr).toContain('fail  database: cannot connect to DATABASE_URL')
    expect(badDatabase.stderr + badDatabase.stdout).not.toContain('hunter2')
  })
})
