import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeActivity } from '../../sandbox/amplitude/activity-plan.js'
import {
  amplitudeDatasetSchema,
  type AmplitudeDataset,
} from '../../sandbox/amplitude/dataset-schema.js'
import { renderAmplitude } from '../../sandbox/amplitude/generator.js'
import type { AmplitudeSandbox } from '../../sandbox/amplitude/server.js'
import { credentials, startTestProject } from '../../sandbox/amplitude/test-project.js'
import { buildCompanyModel } from '../../sandbox/dataset/company-model.js'
import { addDays } from '../../sandbox/dataset/dates.js'
import { MemoryLoad, readPages, testContext } from './test-support.js'

/** A generated company's planned year, ending the day before the project's pinned clock. */
const section: AmplitudeDataset = amplitudeDatasetSchema.parse(
  renderAmplitude(buildCompanyModel(11, '2026-11-19', 12), 11),
)
const config = { startDate: '2026-11-09', windowHours: 24 }

describe('usage stream over a planned year', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject(section)
  })
  afterAll(() => project.close())

  it('matches the plan: events, users and features per account and day', async () => {
    const { ctx } = testContext(project.url, credentials, config)
    const load = new MemoryLoad(ctx.config).commit(await readPages(ctx, null))
    const expected = new Map<string, { events: number; users: Set<string>; types: Set<string> }>()
    for (const user of section.users)
      for (const day of decodeActivity(user.days)) {
        const date = addDays(section.from!, day.offset)
        if (date < config.startDate) continue
        const key = `${user.groups.company![0]}/${date}`
        const sums = expected.get(key) ?? { events: 0, users: new Set(), types: new Set() }
        sums.events += day.events
        sums.users.add(user.user_id!)
        section.features.forEach((f, i) => (day.features >> i) & 1 && sums.types.add(f))
        expected.set(key, sums)
      }
    expect(expected.size).toBeGreaterThan(20)
    const actual = new Map(
      [...load.usage].map(([key, row]) => [
        key,
        {
          events: row.events,
          users: new Set(row.user_ids as string[]),
          types: new Set(row.event_types as string[]),
        },
      ]),
    )
    expect(actual).toEqual(expected)
    expect(load.quarantined).toEqual([])
  })

  it('resumes an interrupted window at the hour it reached, without counting a day twice', async () => {
    const { ctx } = testContext(project.url, credentials, config)
    const whole = new MemoryLoad(ctx.config).commit(await readPages(ctx, null))

    // Killed after 7 hour-pages, in the middle of its first 24-hour window.
    const done = await readPages(ctx, null, 7)
    const cut = done.at(-1)!.checkpoint
    expect(cut.next).toMatch(/^20261109T\d\d$/)
    const resumed = new MemoryLoad(ctx.config).commit(done).commit(await readPages(ctx, cut))
    expect(resumed.usage).toEqual(whole.usage)
    expect(resumed.accounts).toEqual(whole.accounts)

    // A retry from an older checkpoint replays committed hours: their bits are set, they add nothing.
    const again = await readPages(ctx, done[2]!.checkpoint)
    const hourKey = (r: unknown) => JSON.stringify(r)
    const committed = new Set(done.flatMap((p) => p.records.map(hourKey)))
    expect(
      again
        .slice(0, 4)
        .flatMap((p) => p.records)
        .filter((r) => committed.has(hourKey(r))),
    ).not.toEqual([])
    const replayed = new MemoryLoad(ctx.config).commit(done).commit(again)
    expect(replayed.usage).toEqual(whole.usage)
  })

  it('asks the Export API for the hour the checkpoint names', async () => {
    const { ctx } = testContext(project.url, credentials, config)
    const seen: string[] = []
    const original = globalThis.fetch
    globalThis.fetch = (input, init) => {
      seen.push(String(input))
      return original(input, init)
    }
    try {
      await readPages(ctx, { next: '20261112T07' }, 1)
    } finally {
      globalThis.fetch = original
    }
    expect(seen[0]).toMatch(/\/api\/2\/export\?start=20261112T07&end=20261113T06$/)
  })
})
