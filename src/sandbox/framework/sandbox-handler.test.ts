import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CallLog } from './call-log.js'
import { FaultSwitches } from './faults.js'
import { startHttpServer, type HttpServer } from './http-server.js'
import { Router } from './router.js'
import { sandboxHandler, type SystemErrors } from './sandbox-handler.js'

const errors: SystemErrors = {
  failure: (status) => ({ failure: status }),
  notFound: () => ({ status: 404, body: { error: 'not found' } }),
  methodNotAllowed: (_req, allowed) => ({ status: 405, body: { allowed } }),
  internal: (error) => ({ status: 500, body: { error: String(error) } }),
}

describe('sandbox request pipeline over HTTP', () => {
  const faults = new FaultSwitches()
  const calls = new CallLog()
  let server: HttpServer
  beforeAll(async () => {
    const router = new Router()
      .on('POST', '/echo', (req) => ({
        status: 200,
        body: { body: req.body, bodyError: req.bodyError },
      }))
      .on('GET', '/boom', () => {
        throw new Error('kaput')
      })
      .on('DELETE', '/thing/:id', () => ({ status: 204 }))
    server = await startHttpServer({
      port: 0,
      handle: sandboxHandler({
        router,
        faults,
        calls,
        errors,
        guard: (req) => (req.headers['x-deny'] ? { status: 401, body: 'denied' } : undefined),
        decorate: (_req, res) => ({ ...res, headers: { ...res.headers, 'X-Seen': 'yes' } }),
      }),
    })
  })
  afterAll(() => server.close())

  const post = (body: string, type: string) =>
    fetch(`${server.url}/echo`, { method: 'POST', body, headers: { 'Content-Type': type } })

  it('listens on an ephemeral port at 127.0.0.1 and parses JSON and form bodies', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    expect(await (await post('{"a":[1]}', 'application/json')).json()).toEqual({ body: { a: [1] } })
    const form = await (
      await post('grant_type=x&scope=a+b', 'application/x-www-form-urlencoded')
    ).json()
    expect(form).toEqual({ body: { grant_type: 'x', scope: 'a b' } })
    const broken = (await (await post('{"a":', 'application/json')).json()) as {
      bodyError?: string
    }
    expect(broken.bodyError).toMatch(/JSON/)
  })

  it('answers unknown paths, wrong methods and handler errors in the system’s words', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
    const wrong = await fetch(`${server.url}/echo`)
    expect(wrong.status).toBe(405)
    expect(await wrong.json()).toEqual({ allowed: ['POST'] })
    const boom = await fetch(`${server.url}/boom`)
    expect(boom.status).toBe(500)
    expect(await boom.json()).toEqual({ error: 'Error: kaput' })
    const denied = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'X-Deny': '1' } })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('x-seen')).toBe('yes')
  })

  it('injects failures, adds latency and logs every call', async () => {
    calls.reset()
    faults.failNext(503, 1)
    const failed = await fetch(`${server.url}/thing/1`, { method: 'DELETE' })
    expect(failed.status).toBe(503)
    expect(await failed.json()).toEqual({ failure: 503 })
    faults.latencyMs = 60
    const started = Date.now()
    expect((await fetch(`${server.url}/thing/1`, { method: 'DELETE' })).status).toBe(204)
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    faults.reset()
    expect(calls.statuses()).toEqual([503, 204])
    expect(calls.writes()).toHaveLength(2)
    expect(calls.calls[1]).toMatchObject({ method: 'DELETE', path: '/thing/1', status: 204 })
    expect(calls.count((c) => c.status >= 500)).toBe(1)
  })
  it('resets the connection mid-body for the next matching requests, after handling them', async () => {
    calls.reset()
    faults.resetNext(1, (req) => req.method === 'POST')
    const echo = () =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        body: JSON.stringify({ padding: 'x'.repeat(5000) }),
        headers: { 'Content-Type': 'application/json' },
      })
    // A DELETE does not match: answered whole, and the switch stays armed.
    expect((await fetch(`${server.url}/thing/1`, { method: 'DELETE' })).status).toBe(204)
    const cut = await echo()
    expect(cut.status).toBe(200)
    await expect(cut.text()).rejects.toThrow()
    expect(await (await echo()).json()).toMatchObject({ body: { padding: 'x'.repeat(5000) } })
    expect(calls.statuses()).toEqual([204, 200, 200])
  })

  it('answers the next matching requests late, then on time again', async () => {
    faults.slowNext(2_000, 1, (req) => req.path === '/thing/2')
    await expect(
      fetch(`${server.url}/thing/2`, { method: 'DELETE', signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow()
    const again = await fetch(`${server.url}/thing/2`, {
      method: 'DELETE',
      signal: AbortSignal.timeout(1_500),
    })
    expect(again.status).toBe(204)
    faults.reset()
  })
  it('serves the previous matching answer again for the next matching requests', async () => {
    calls.reset()
    const echo = (n: number) =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        body: JSON.stringify({ page: n }),
        headers: { 'Content-Type': 'application/json' },
      }).then((r) => r.json())
    faults.repeatNext(2, (req) => req.method !== 'GET')
    expect(await echo(1)).toEqual({ body: { page: 1 } })
    // Another family (path) has no previous answer yet: answered anew, the switch stays armed.
    expect((await fetch(`${server.url}/thing/1`, { method: 'DELETE' })).status).toBe(204)
    expect(await echo(2)).toEqual({ body: { page: 1 } })
    // The page after a repeat is answered anew, then repeated by the second count.
    expect(await echo(3)).toEqual({ body: { page: 3 } })
    expect(await echo(4)).toEqual({ body: { page: 3 } })
    expect(await echo(5)).toEqual({ body: { page: 5 } })
    expect(calls.count((c) => c.path === '/echo')).toBe(5)
    expect(faults.repeatsLeft).toBe(0)
    faults.reset()
  })
  it('serves an older answer of the family after newer ones', async () => {
    const echo = (n: number) =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        body: JSON.stringify({ page: n }),
        headers: { 'Content-Type': 'application/json' },
      }).then((r) => r.json())
    faults.serveOlderNext(1, 2)
    // Until the family has two answers, requests are answered anew.
    expect(await echo(1)).toEqual({ body: { page: 1 } })
    expect(await echo(2)).toEqual({ body: { page: 2 } })
    // Page 3 is answered with page 1: older than the last one the client saw.
    expect(await echo(3)).toEqual({ body: { page: 1 } })
    expect(await echo(4)).toEqual({ body: { page: 4 } })
    expect(faults.repeatsLeft).toBe(0)
    faults.reset()
  })
})
