import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

interface Service {
  image?: string
  build?: string
  command?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }> | string[]
  ports?: string[]
  volumes?: string[]
}

/** No Docker engine runs in CI: the compose file is checked for its services and wiring. */
describe('docker-compose.yml', () => {
  it('wires Postgres, Temporal, its UI and the cs360 worker together', async () => {
    const compose = parse(await readFile('docker-compose.yml', 'utf8')) as {
      services: Record<string, Service>
    }
    const { postgres, temporal, worker } = compose.services
    const ui = compose.services['temporal-ui']
    expect(postgres?.image).toMatch(/^postgres:/)
    expect(temporal?.image).toMatch(/^temporalio\/auto-setup:/)
    expect(temporal?.environment?.POSTGRES_SEEDS).toBe('postgres')
    expect(ui?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233')
    expect(worker?.build).toBe('.')
    expect(worker?.command).toEqual(['worker'])
    expect(worker?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233')
    expect(worker?.environment?.DATABASE_URL).toMatch(/@postgres:5432\/cs360$/)
    expect(Object.keys(worker?.depends_on ?? {})).toEqual(
      expect.arrayContaining(['postgres', 'temporal']),
    )
    expect(worker?.volumes).toContain('./cs360.config.yaml:/app/cs360.config.yaml:ro')
    // The worker's Dockerfile runs the same CLI entry point.
    const dockerfile = await readFile('Dockerfile', 'utf8')
    expect(dockerfile).toMatch(/FROM node:24/)
    expect(dockerfile).toContain('src/cli/main.ts')
  })
})
