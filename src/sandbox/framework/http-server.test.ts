import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type HttpServer } from './http-server.js'

describe('sandbox HTTP server', () => {
  let server: HttpServer
  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      handle: async (req) => {
        if (req.path === '/slow') await new Promise((r) => setTimeout(r, 100))
        return { status: 200, body: { length: req.rawBody.length } }
      },
    })
  })
  afterAll(() => server.close())

  it('survives a client that aborts in the middle of a request body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '100000' },
      })
      req.on('error', () => resolve())
      req.write('{"partial": "')
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 50)
    })
    await new Promise((r) => setTimeout(r, 50))
    const after = await fetch(`${server.url}/still-there`, { method: 'POST', body: 'abc' })
    expect(await after.json()).toEqual({ length: 3 })
  })

  it('survives a client that hangs up while its answer is being prepared', async () => {
    const controller = new AbortController()
    const aborted = fetch(`${server.url}/slow`, {
      method: 'POST',
      body: 'x'.repeat(10),
      signal: controller.signal,
    }).catch((error: unknown) => error)
    setTimeout(() => controller.abort(), 20)
    expect(await aborted).toBeInstanceOf(Error)
    await new Promise((r) => setTimeout(r, 150))
    expect((await fetch(`${server.url}/ok`)).status).toBe(200)
  })

  it('sends a Buffer body as it is', async () => {
    const binary = await startHttpServer({
      port: 0,
      handle: () => ({ status: 200, body: Buffer.from([0x50, 0x4b, 0x03, 0x04]) }),
    })
    const res = await fetch(binary.url)
    expect(res.headers.get('content-type')).toBe('application/octet-stream')
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x50, 0x4b, 0x03, 0x04])
    await binary.close()
  })
})
