import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'

describe('cs360 init / check', () => {
  it('init writes the example; check with a missing secret prints the key path and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-check-'))
    const init = await runCli(['init'], { cwd: dir })
    expect(init.code).toBe(0)
    const text = await readFile(join(dir, 'cs360.config.yaml'), 'utf8')
    expect(text).toContain('${SALESFORCE_CLIENT_SECRET}')

    const again = await runCli(['init'], { cwd: dir })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists')

    const check = await runCli(['check'], { cwd: dir, env: { SALESFORCE_CLIENT_ID: 'abc' } })
    expect(check.code).toBe(2)
    expect(check.stderr).toContain(
      'connectors.salesforce.auth.clientSecret: environment variable SALESFORCE_CLIENT_SECRET is not set',
    )
  })

  it('check reports an unknown key and a bad value on separate lines with exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-check-'))
    await runCli(['init'], { cwd: dir })
    const path = join(dir, 'cs360.config.yaml')
    const text = (await readFile(path, 'utf8')).replace('every: 6h', 'every: sometimes')
    await writeFile(path, text.replace('apiVersion:', 'apiVersoin:'))
    const check = await runCli(['--config', path, 'check'], {
      env: { SALESFORCE_CLIENT_ID: 'abc', SALESFORCE_CLIENT_SECRET: 'secret-value' },
    })
    expect(check.code).toBe(2)
    const lines = check.stderr.split('\n')
    expect(lines.some((l) => l.includes('connectors.salesforce.apiVersoin: unknown key'))).toBe(
      true,
    )
    expect(lines.some((l) => l.includes('schedule.every: must be a duration'))).toBe(true)
    expect(check.stderr + check.stdout).not.toContain('secret-value')
  })

  it('check says a key of the wrong type has the wrong type, not that it is required', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-check-'))
    await runCli(['init'], { cwd: dir })
    const path = join(dir, 'cs360.config.yaml')
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace("apiVersion: '62.0'", 'apiVersion: 62'),
    )
    const check = await runCli(['--config', path, 'check'], {
      env: { SALESFORCE_CLIENT_ID: 'abc', SALESFORCE_CLIENT_SECRET: 'secret-value' },
    })
    expect(check.code).toBe(2)
    expect(check.stderr).toContain(
      "connectors.salesforce.apiVersion: expected a string, got number: quote it in the YAML, '62'",
    )
    expect(check.stderr).not.toContain('is required')
  })

  it('check with a missing config file says how to create one, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-check-'))
    const check = await runCli(['check'], { cwd: dir })
    expect(check.code).toBe(2)
    expect(check.stderr).toContain('cs360 init')
  })
})

describe('cs360 check against the sandbox Salesforce', () => {
  it('exits 0 when the connection and mapped fields are fine, 2 for a wrong secret or a missing field', async () => {
    const { generateDataset } = await import('../src/sandbox/dataset/generate.js')
    const { startSandbox } = await import('../src/sandbox/start-sandbox.js')
    const sandbox = await startSandbox(
      generateDataset({ accounts: 5, seed: 1, asOf: '2026-11-22' }),
    )
    try {
      const dir = await mkdtemp(join(tmpdir(), 'cs360-check-'))
      const path = join(dir, 'cs360.config.yaml')
      await writeFile(path, sandbox.configYaml())
      const ok = await runCli(['--config', path, 'check'], { env: sandbox.env })
      expect(ok.stdout).toContain('ok    salesforce: connected to')
      expect(ok.code).toBe(0)

      const wrong = await runCli(['--config', path, 'check'], {
        env: { ...sandbox.env, SALESFORCE_CLIENT_SECRET: 'wrong' },
      })
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toContain(
        'connectors.salesforce: Salesforce, checking the connection: authentication failed',
      )

      await writeFile(path, sandbox.configYaml().replace('CS360_ARR__c', 'Missing_Field__c'))
      const missing = await runCli(['--config', path, 'check'], { env: sandbox.env })
      expect(missing.code).toBe(2)
      expect(missing.stderr).toContain(
        'connectors.salesforce.writeBack.fields.arr: Account.Missing_Field__c does not exist; create it in Setup',
      )
      // Salesforce's custom fields are an admin's to create: provision says which and where.
      const provision = await runCli(['--config', path, 'crm', 'provision'], { env: sandbox.env })
      expect(provision.code).toBe(2)
      expect(provision.stderr).toContain(
        'create by hand  Account.Missing_Field__c (number): create it in Setup → Object Manager → Account',
      )
      await writeFile(path, sandbox.configYaml())
      const ready = await runCli(['--config', path, 'crm', 'provision'], { env: sandbox.env })
      expect(ready.code, ready.stderr).toBe(0)
      expect(ready.stdout).toContain('salesforce: every mapped field is ready for write-back')
    } finally {
      await sandbox.close()
    }
  })
})
