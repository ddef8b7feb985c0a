import { createServer, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { meterApiCalls } from './api-call-meter.js'

describe('meterApiCalls', () => {
  it('counts fetch and http.request calls of the metered work only', async () => {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const viaHttp = () =>
      new Promise<void>((resolve) => get(url, (res) => res.resume().on('end', resolve)))
    const mine = { calls: 0 }
    const other = { calls: 0 }
    await Promise.all([
      meterApiCalls(mine, async () => {
        await (await fetch(url)).text()
        await viaHttp()
        await viaHttp()
      }),
      meterApiCalls(other, async () => {
        await (await fetch(url)).text()
      }),
      viaHttp(),
    ])
    server.close()
    expect(mine.calls).toBe(3)
    expect(other.calls).toBe(1)
  })
})
