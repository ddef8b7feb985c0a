import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { startDatabase } from '../src/runtime/postgres.js'
import { startTemporal } from '../src/runtime/temporal-server.js'

/**
 * One real PostgreSQL and one real Temporal dev server for the whole integration run.
 * TEST_DATABASE_URL (a server the tests may create databases on) replaces the embedded
 * PostgreSQL; TEMPORAL_ADDRESS replaces the dev server.
 */
export default async function setup(project: TestProject) {
  const home = resolve('.cs360', 'test')
  const database = await startDatabase({
    url: process.env.TEST_DATABASE_URL,
    dataDir: join(home, 'postgres'),
    port: 0,
  })
  const temporal = await startTemporal({
    address: process.env.TEMPORAL_ADDRESS,
    inMemory: true,
    port: 0,
    uiPort: 0,
    cwd: process.cwd(),
  })
  project.provide('databaseServerUrl', database.url)
  project.provide('temporalAddress', temporal.address)
  return async () => {
    await temporal.stop()
    await database.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string
    temporalAddress: string
  }
}

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name}" with (force)`)
    await client.query(`create database "${name}"`)
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}
