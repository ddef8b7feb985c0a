import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from './free-port.js'
import { startDatabase, type DatabaseServer } from './postgres.js'
import { hasEnded, runtimeModule, startChild, waitFor } from './test-support.js'

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

async function failure(promise: Promise<unknown>): Promise<Error & { kind?: string }> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(outcome instanceof Error)) throw new Error('expected a rejection with an Error')
  return outcome
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])

/** A process of the user the server runs as: as root that is the `postgres` OS user. */
function sleeperAsServerUser() {
  if (process.getuid?.() !== 0) return spawn('sleep', ['60'])
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }))
  return spawn('sleep', ['60'], { uid: id('-u'), gid: id('-g') })
}

describe('startDatabase, embedded', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'cs360-pg-')), 'postgres')
  const started: DatabaseServer[] = []
  const start = async () => {
    const server = await startDatabase({ dataDir, port: 0 })
    started.push(server)
    return server
  }
  afterAll(async () => {
    for (const server of started) await server.stop()
  })

  it('creates a cluster holding database cs360 and reuses it on the next start', async () => {
    const first = await start()
    expect(first.embedded).toBe(true)
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/cs360$/)
    expect(await query(first.url, 'select current_database() as db, 1 as one')).toEqual([
      { db: 'cs360', one: 1 },
    ])
    await query(first.url, "create table kept (note text); insert into kept values ('first run')")
    await first.stop()
    await expect(query(first.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/)

    const second = await start()
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'first run' }])
    await second.stop()
  }, 30_000)

  it('shares the server when another process already runs this cluster', async () => {
    const owner = await start()
    const guest = await startDatabase({ dataDir, port: 0 })
    expect(guest.url).toBe(owner.url)
    await guest.stop()
    expect(await query(owner.url, 'select 1 as one')).toEqual([{ one: 1 }])
    await owner.stop()
  }, 30_000)

  it('starts despite a postmaster.pid whose pid now belongs to an unrelated process', async () => {
    const server = await start()
    await query(server.url, 'create table before_stale_lock ()')
    const lock = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8')
    await server.stop()
    const sleeper = sleeperAsServerUser()
    try {
      writeFileSync(join(dataDir, 'postmaster.pid'), lock.replace(/^\d+/, String(sleeper.pid)))
      const restarted = await start()
      expect(
        await query(restarted.url, 'select count(*)::int as n from before_stale_lock'),
      ).toEqual([{ n: 0 }])
      await restarted.stop()
    } finally {
      sleeper.kill('SIGKILL')
    }
  }, 30_000)

  it('starts again after the server was killed, with its data', async () => {
    const crashed = await start()
    await query(crashed.url, 'create table before_crash ()')
    const pid = postmasterPid(dataDir)
    process.kill(pid, 'SIGKILL')
    expect(await waitFor(() => hasEnded(pid), 5_000)).toBe(true)
    await crashed.stop()
    const restarted = await start()
    expect(await query(restarted.url, 'select count(*)::int as n from before_crash')).toEqual([
      { n: 0 },
    ])
    await restarted.stop()
  }, 30_000)

  it('takes the server down when the process that started it is killed', async () => {
    const { child, firstLine } = await startChild(`
      const { startDatabase } = await import(${JSON.stringify(runtimeModule('postgres.ts'))})
      const { readFileSync } = await import('node:fs')
      await startDatabase({ dataDir: ${JSON.stringify(dataDir)}, port: 0 })
      console.log(readFileSync(${JSON.stringify(join(dataDir, 'postmaster.pid'))}, 'utf8').split('\\n')[0])
      setInterval(() => {}, 1000)
    `)
    const pid = Number(firstLine)
    expect(hasEnded(pid)).toBe(false)
    child.kill('SIGKILL')
    expect(await waitFor(() => hasEnded(pid), 15_000)).toBe(true)
  }, 30_000)
})

describe('startDatabase, DATABASE_URL', () => {
  let server: DatabaseServer
  beforeAll(async () => {
    server = await startDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), 'cs360-pg-')), 'postgres'),
      port: 0,
    })
  }, 30_000)
  afterAll(() => server.stop())

  const withPassword = (url: string, password: string) => {
    const changed = new URL(url)
    changed.password = password
    return changed.toString()
  }

  it('uses the URL as given, and stopping it stops nothing', async () => {
    const external = await startDatabase({ url: server.url, dataDir: '/nonexistent' })
    expect(external).toMatchObject({ url: server.url, embedded: false })
    await external.stop()
    expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }])
  })

  it('names the server but never the password when the login fails', async () => {
    const port = new URL(server.url).port
    const error = await failure(
      startDatabase({ url: withPassword(server.url, 'wrong-Secret-42'), dataDir: '/nonexistent' }),
    )
    expect(error.message).toContain(`DATABASE_URL (127.0.0.1:${port}/cs360)`)
    expect(error.message).toMatch(/password/)
    expect(error.message).not.toContain('wrong-Secret-42')
    expect(error).toMatchObject({ kind: 'config' })
  })

  it('says how to fix an unreachable server, without the password', async () => {
    const port = await freePort()
    const url = `postgres://cs360:unreachable-Secret@127.0.0.1:${port}/cs360`
    const error = await failure(startDatabase({ url, dataDir: '/nonexistent' }))
    expect(error.message).toContain(`DATABASE_URL (127.0.0.1:${port}/cs360)`)
    expect(error.message).toContain('unset DATABASE_URL')
    expect(error.message).not.toContain('unreachable-Secret')
  })

  it('rejects a URL it cannot parse without echoing it', async () => {
    const error = await failure(
      startDatabase({
        url: 'postgres://cs360:parse-Secret@[not-a-host/cs360',
        dataDir: '/nonexistent',
      }),
    )
    expect(error.message).toContain('DATABASE_URL is not a valid URL')
    expect(error.message).not.toContain('parse-Secret')
  })
})
