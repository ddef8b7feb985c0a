import http from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toApplicationFailure } from '../activities/failure.js'
import { formatProblem, parseConfig } from '../config/load.js'
import { Secret } from '../config/secret.js'
import { Cs360Error } from '../errors.js'
import { findManifest } from './registry.js'
import { fetchWithin, NoAnswerError, timeLimitedAgent, type Destination } from './time-limit.js'

const secret = (value = 'x') => new Secret('SECRET', value)

/** The least each connector block needs besides `timeoutSeconds`. */
const minimal: Record<string, Record<string, unknown>> = {
  salesforce: { auth: { flow: 'client_credentials', clientId: 'id', clientSecret: secret() } },
  hubspot: { auth: { type: 'private_app', accessToken: secret() } },
  zendesk: {
    url: 'https://acme.zendesk.com',
    auth: { type: 'api_token', email: 'admin@acme.com', apiToken: secret() },
  },
  stripe: { apiKey: secret('rk_test_abc') },
  amplitude: { apiKey: secret(), secretKey: secret() },
}

describe('timeoutSeconds on every connector block', () => {
  it.each(Object.entries(minimal))(
    '%s: defaults, accepts fractions, refuses the rest',
    (id, block) => {
      const schema = findManifest(id).configSchema
      const parse = (timeoutSeconds?: unknown) =>
        schema.safeParse(timeoutSeconds === undefined ? block : { ...block, timeoutSeconds })
      const parsed = parse()
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
      // An Amplitude export is zipped for minutes before its first byte.
      expect(parsed.data).toMatchObject({ timeoutSeconds: id === 'amplitude' ? 600 : 60 })
      expect(parse(0.5).data).toMatchObject({ timeoutSeconds: 0.5 })
      for (const wrong of [0, -5, '60', 3601]) {
        const result = parse(wrong)
        expect(result.success, `${id} timeoutSeconds: ${String(wrong)}`).toBe(false)
        expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['timeoutSeconds'])
      }
    },
  )

  it('a config file with a time limit of 0 names the key and what it must be', () => {
    const result = parseConfig(
      [
        'version: 1',
        'connectors:',
        '  hubspot:',
        '    timeoutSeconds: 0',
        '    auth:',
        '      type: private_app',
        '      accessToken: ${HUBSPOT_ACCESS_TOKEN}',
      ].join('\n'),
      { HUBSPOT_ACCESS_TOKEN: 'pat-123' },
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringContaining(
        'connectors.hubspot.timeoutSeconds: must be a number of seconds above 0',
      ),
    ])
  })
})

describe('NoAnswerError', () => {
  const to: Destination = {
    system: 'salesforce',
    url: 'https://login.example.test/services/oauth2/token?grant_type=x',
    setting: 'loginUrl',
    seconds: 5,
  }

  it('names the URL, the setting pointing at it and the time limit’s own setting', () => {
    expect(new NoAnswerError(to).message).toBe(
      'salesforce: https://login.example.test did not answer within 5 s (connectors.salesforce.loginUrl; raise connectors.salesforce.timeoutSeconds if it is just slow)',
    )
    expect(
      new NoAnswerError({ ...to, setting: 'the instance URL its token named' }).message,
    ).toContain('(the instance URL its token named; raise connectors.salesforce.timeoutSeconds')
  })

  it('is transient: a sync retries it later', () => {
    const error = new NoAnswerError(to)
    expect(error).toBeInstanceOf(Cs360Error)
    expect(error.kind).toBe('transient')
    expect(toApplicationFailure(error)).toMatchObject({
      type: 'TransientError',
      nonRetryable: false,
    })
  })
})

describe('requests to a server that never answers', () => {
  let server: Server
  const sockets = new Set<Socket>()
  let url: string
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((done) => server.close(done))
  })

  const to = (): Destination => ({ system: 'zendesk', url, setting: 'url', seconds: 0.2 })

  it('fetchWithin gives up with a NoAnswerError', async () => {
    await expect(fetchWithin(to(), `${url}/api/v2/users/me.json`)).rejects.toThrow(
      new NoAnswerError(to()).message,
    )
  })

  it('timeLimitedAgent fails the request in flight with a NoAnswerError', async () => {
    const agent = timeLimitedAgent(to())
    const failure = await new Promise<unknown>((done) => {
      const request = http.get(`${url}/x`, { agent }, () => done('answered'))
      request.on('error', done)
    })
    agent.destroy()
    expect(failure).toBeInstanceOf(NoAnswerError)
  })
})

describe('timeLimitedAgent with a server that answers', () => {
  it('drops a pooled socket that sat idle past the limit and serves the next request anew', async () => {
    const server = http.createServer((_request, response) => response.end('ok'))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    const agent = timeLimitedAgent({ system: 'hubspot', url, setting: 'baseUrl', seconds: 0.2 })
    const get = () =>
      new Promise<string>((done, fail) => {
        http
          .get(url, { agent }, (response) => {
            let body = ''
            response.on('data', (chunk: Buffer) => (body += chunk.toString()))
            response.on('end', () => done(body))
          })
          .on('error', fail)
      })
    try {
      expect(await get()).toBe('ok')
      await new Promise((idle) => setTimeout(idle, 600))
      expect(await get()).toBe('ok')
    } finally {
      agent.destroy()
      await new Promise((done) => server.close(done))
    }
  })
})
