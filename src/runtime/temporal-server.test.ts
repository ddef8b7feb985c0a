import { createServer } from 'node:net'
import { Connection } from '@temporalio/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, isListening } from './free-port.js'
import { startTemporal, type TemporalServer } from './temporal-server.js'
import { runtimeModule, startChild, waitFor } from './test-support.js'

async function describeNamespace(address: string, namespace: string) {
  const connection = await Connection.connect({ address })
  try {
    return await connection.workflowService.describeNamespace({ namespace })
  } finally {
    await connection.close()
  }
}

describe('startTemporal', () => {
  let server: TemporalServer
  beforeAll(async () => {
    server = await startTemporal({ inMemory: true, port: 0, uiPort: 0, cwd: process.cwd() })
  }, 60_000)
  afterAll(() => server?.stop())

  it('runs a dev server on free ports that serves namespace default and the UI', async () => {
    expect(server.embedded).toBe(true)
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(server.address).not.toBe('127.0.0.1:7233')
    const found = await describeNamespace(server.address, 'default')
    expect(found.namespaceInfo?.name).toBe('default')
    expect((await fetch(server.uiUrl!)).status).toBe(200)
  })

  it('uses a Temporal server already on the requested port and leaves it running', async () => {
    const port = Number(server.address.split(':')[1])
    const again = await startTemporal({ port, cwd: process.cwd() })
    expect(again.address).toBe(server.address)
    await again.stop()
    expect((await describeNamespace(server.address, 'default')).namespaceInfo?.name).toBe('default')
  })

  it('says how to create a namespace the running server lacks', async () => {
    const port = Number(server.address.split(':')[1])
    await expect(
      startTemporal({ port, namespace: 'cs360-missing', cwd: process.cwd() }),
    ).rejects.toThrow(/temporal operator namespace create .*--namespace cs360-missing/)
  })

  it('refuses a port held by something that is not Temporal', async () => {
    const other = createServer((socket) => socket.end())
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    const { port } = other.address() as { port: number }
    try {
      await expect(startTemporal({ port, cwd: process.cwd() })).rejects.toThrow(
        /not a Temporal server.*TEMPORAL_ADDRESS/s,
      )
    } finally {
      other.close()
    }
  }, 20_000)

  it('stops the dev server it started', async () => {
    const own = await startTemporal({ inMemory: true, port: 0, uiPort: 0, cwd: process.cwd() })
    const port = Number(own.address.split(':')[1])
    expect(await isListening(port)).toBe(true)
    await own.stop()
    expect(await isListening(port)).toBe(false)
  }, 60_000)

  it('takes the dev server down when the process that started it is killed', async () => {
    const { child, firstLine } = await startChild(`
      const { startTemporal } = await import(${JSON.stringify(runtimeModule('temporal-server.ts'))})
      const server = await startTemporal({ inMemory: true, port: 0, uiPort: 0, cwd: process.cwd() })
      console.log(server.address)
      setInterval(() => {}, 1000)
    `)
    const port = Number(firstLine.split(':')[1])
    expect(await isListening(port)).toBe(true)
    child.kill('SIGKILL')
    expect(await waitFor(async () => !(await isListening(port)), 15_000)).toBe(true)
  }, 60_000)

  it('uses TEMPORAL_ADDRESS as given', async () => {
    const address = `127.0.0.1:${await freePort()}`
    const external = await startTemporal({ address, namespace: 'prod', cwd: process.cwd() })
    expect(external).toMatchObject({ address, namespace: 'prod', embedded: false })
    await external.stop()
  })
})
