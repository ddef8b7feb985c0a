import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { generateDataset } from '../src/sandbox/dataset/generate.js'
import { startSandbox } from '../src/sandbox/start-sandbox.js'
import { createDatabase } from './global-setup.js'
import { runCli } from './support/cli.js'

/** Accepts every connection and never says a word: a login URL that hangs. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  return {
    url: `127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((done) => server.close(() => done()))
    },
  }
}

describe('a server that accepts the connection and never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    silent = await silentServer()
  })
  afterAll(() => silent.close())

  it('check gives up on each within its time limit, naming the URL setting and timeoutSeconds, exit 1', async () => {
    const url = `http://${silent.url}`
    const dir = await mkdtemp(join(tmpdir(), 'cs360-timeouts-'))
    const config = join(dir, 'cs360.config.yaml')
    await writeFile(
      config,
      [
        'version: 1',
        'crm: salesforce',
        'connectors:',
        '  salesforce:',
        `    loginUrl: ${url}`,
        '    timeoutSeconds: 2',
        '    auth:',
        '      flow: client_credentials',
        '      clientId: cs360',
        '      clientSecret: ${SECRET}',
        '  hubspot:',
        `    baseUrl: ${url}`,
        '    timeoutSeconds: 2',
        '    auth:',
        '      type: private_app',
        '      accessToken: ${SECRET}',
        '  zendesk:',
        `    url: ${url}`,
        '    timeoutSeconds: 2',
        '    auth:',
        '      type: api_token',
        '      email: admin@example.com',
        '      apiToken: ${SECRET}',
        '  stripe:',
        `    apiBase: ${url}`,
        // stripe-node tries three times, each with the limit.
        '    timeoutSeconds: 1',
        '    apiKey: ${STRIPE_KEY}',
        '  amplitude:',
        `    url: ${url}`,
        '    timeoutSeconds: 2',
        '    apiKey: ${SECRET}',
        '    secretKey: ${SECRET}',
        '',
      ].join('\n'),
    )
    const started = Date.now()
    const check = await runCli(['--config', config, 'check'], {
      env: {
        SECRET: 'not-a-real-secret',
        STRIPE_KEY: 'sk_test_notreal',
        DATABASE_URL: `postgres://cs360:hunter2@${silent.url}/cs360`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
      },
      timeoutMs: 120_000,
    })
    // Five connectors and the database, each a few seconds: nowhere near the 330 s of issue 8.
    expect(Date.now() - started).toBeLessThan(90_000)
    expect(check.code, check.stderr).toBe(1)
    const lines = check.stderr.split('\n')
    const expectLine = (text: string) =>
      expect(
        lines.some((line) => line.includes(text)),
        `${text}\n in\n${check.stderr}`,
      ).toBe(true)
    for (const [system, setting, seconds] of [
      ['salesforce', 'loginUrl', 2],
      ['hubspot', 'baseUrl', 2],
      ['zendesk', 'url', 2],
      ['stripe', 'apiBase', 1],
      ['amplitude', 'url', 2],
    ] as const)
      expectLine(
        `fail  connectors.${system}: ${system}: ${url} did not answer within ${seconds} s (connectors.${system}.${setting}; raise connectors.${system}.timeoutSeconds if it is just slow)`,
      )
    expectLine(
      `fail  database: DATABASE_URL (${silent.url}/cs360) did not answer within 2 s (raise DATABASE_CONNECT_TIMEOUT_SECONDS if it is just slow)`,
    )
    expect(check.stderr + check.stdout).not.toContain('hunter2')
    expect(check.stderr + check.stdout).not.toContain('not-a-real-secret')
  })

  it('a command that connects to DATABASE_URL fails with one line naming it and the setting, exit 1', async () => {
    const migrate = await runCli(['migrate'], {
      cwd: await mkdtemp(join(tmpdir(), 'cs360-timeouts-')),
      env: {
        DATABASE_URL: `postgres://cs360:hunter2@${silent.url}/cs360`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
      },
      timeoutMs: 60_000,
    })
    expect(migrate.code, migrate.stderr).toBe(1)
    expect(migrate.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^cs360: DATABASE_URL \(127\.0\.0\.1:\d+\/cs360\) did not answer within 1 s \(raise DATABASE_CONNECT_TIMEOUT_SECONDS if it is just slow\)/,
      ),
    ])
    expect(migrate.stderr).not.toContain('hunter2')
  })
})

describe('a failed sync prints one line; --verbose adds the cause chain and the SDK log', () => {
  it('sync --once with a refused Salesforce secret', async () => {
    const sandbox = await startSandbox(
      generateDataset({ accounts: 5, seed: 4, asOf: '2026-11-22' }),
    )
    try {
      const dir = await mkdtemp(join(tmpdir(), 'cs360-timeouts-'))
      const config = join(dir, 'cs360.config.yaml')
      await writeFile(config, sandbox.configYaml())
      const env = {
        ...sandbox.env,
        SALESFORCE_CLIENT_SECRET: 'refused-secret-value',
        DATABASE_URL: await createDatabase(inject('databaseServerUrl'), 'cs360_timeouts_sync'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        CS360_HOME: join(dir, '.cs360'),
      }
      const quiet = await runCli(['--config', config, 'sync', '--once'], { env })
      expect(quiet.code, quiet.stderr).toBe(2)
      expect(quiet.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^cs360: Salesforce, [^\n]*authentication failed[^\n]*Check connectors\.salesforce\.auth/,
        ),
      ])

      const verbose = await runCli(['--config', config, 'sync', '--once', '--verbose'], { env })
      expect(verbose.code, verbose.stderr).toBe(2)
      expect(verbose.stderr.split('\n')).toContain(quiet.stderr.trim())
      expect(verbose.stderr).toMatch(/^\s+caused by \(AuthError\): /m)
      expect(verbose.stderr).toMatch(/^\s+at /m)
      // The Temporal SDK's own log of the failed attempt, hidden without --verbose.
      expect(verbose.stderr).toContain('[WARN] Activity failed')
      expect(verbose.stderr).not.toContain('refused-secret-value')
    } finally {
      await sandbox.close()
    }
  })
})
