import { afterEach, describe, expect, it } from 'vitest'
import { startHubspotSandbox, type HubspotSandbox } from '../../sandbox/hubspot/server.js'
import { OWNER_IDS, smallPortal } from '../../sandbox/hubspot/test-portal.js'
import { hubspotConnector } from './connector.js'
import type { DealPageContext } from './mapping.js'
import { companiesStream, dealsStream, ownersStream } from './streams.js'
import { contextFor, idsOf, readPages } from './test-context.js'

const T0 = Date.UTC(2026, 5, 1, 12)

describe('HubSpot streams', () => {
  let sandbox: HubspotSandbox | undefined
  afterEach(() => sandbox?.close())

  const start = async (companies: number, options: Parameters<typeof smallPortal>[1] = {}) => {
    let clock = T0
    sandbox = await startHubspotSandbox({
      dataset: smallPortal(companies, options),
      searchDelayMs: 0,
      rateLimitTimeScale: 0.01,
      now: () => clock,
    })
    return { sandbox, tick: (ms = 1_000) => (clock += ms) }
  }
  /** A context whose pacer has learnt the sandbox's shrunk window from a first answer's headers. */
  const primed = async (...args: Parameters<typeof contextFor>) => {
    const ctx = contextFor(...args)
    await hubspotConnector.check(ctx)
    return ctx
  }

  it('reads owners, active and deactivated, then only those updated since the cursor', async () => {
    const { sandbox } = await start(2)
    const ctx = contextFor(sandbox, { pageSize: 2 })
    const pages = await readPages(ownersStream, ctx)
    expect(idsOf(pages).sort()).toEqual([...OWNER_IDS].sort())
    expect(ownersStream.map(pages.at(-1)!.records[0], ctx, pages.at(-1)!)).toMatchObject({
      ok: true,
      rows: [{ table: 'crm_users', row: { source_id: OWNER_IDS[2], is_active: false } }],
    })
    const again = await readPages(ownersStream, ctx, pages.at(-1)!.checkpoint)
    expect(idsOf(again)).toEqual([])
    sandbox.store.owners[1]!.updatedAt = new Date(T0).toISOString()
    expect(idsOf(await readPages(ownersStream, ctx, pages.at(-1)!.checkpoint))).toEqual([
      OWNER_IDS[1],
    ])
    // A checkpoint taken between pages resumes where it was taken.
    const first = pages.find((p) => p.records.length > 0)!
    const rest = await readPages(ownersStream, ctx, first.checkpoint)
    expect([...idsOf([first]), ...idsOf(rest)].sort()).toEqual([...OWNER_IDS].sort())
  })

  it('reads companies by keyset pages, each once, and resumes from any page', async () => {
    // Every third company shares its stamp with the one before.
    const { sandbox } = await start(47, { sameStampEvery: 3 })
    const ctx = await primed(sandbox, { pageSize: 5 })
    const pages = await readPages(companiesStream, ctx)
    const ids = idsOf(pages)
    expect(ids).toHaveLength(47)
    expect(new Set(ids).size).toBe(47)
    expect(
      sandbox.calls.count((c) => c.path.includes('/companies/search') && c.status === 200),
    ).toBe(10)
    for (const [i, page] of pages.entries()) {
      const resumed = [
        ...idsOf(pages.slice(0, i + 1)),
        ...idsOf(await readPages(companiesStream, ctx, page.checkpoint)),
      ]
      expect(resumed.sort()).toEqual([...ids].sort())
    }
    expect(pages.at(-1)!.checkpoint).toMatchObject({
      modifiedAfter: expect.any(String),
      archivedPage: null,
    })
  })

  it('reads more than 10,000 companies changed in one millisecond, each once', async () => {
    const { sandbox, tick } = await start(3)
    const ctx = await primed(sandbox)
    const before = await readPages(companiesStream, ctx)
    tick()
    const imported = sandbox.createMany('companies', 10_050, (i) => ({ name: `Import ${i}` }))
    tick()
    sandbox.calls.reset()
    const pages = await readPages(companiesStream, ctx, before.at(-1)!.checkpoint)
    const ids = idsOf(pages)
    expect(ids).toHaveLength(imported.length)
    expect(new Set(ids)).toEqual(new Set(imported.map((c) => c.id)))
    const searches = sandbox.calls.count((c) => c.path.endsWith('/search'))
    expect(searches).toBeLessThanOrEqual(Math.ceil(10_050 / 200) + 2)
    expect(sandbox.calls.count((c) => c.status === 400)).toBe(0)

    // Stopped in the middle of the millisecond, the read resumes without loss or repeat.
    const some = await readPages(companiesStream, ctx, before.at(-1)!.checkpoint, 7)
    const rest = await readPages(companiesStream, ctx, some.at(-1)!.checkpoint)
    const resumed = [...idsOf(some), ...idsOf(rest)]
    expect(resumed).toHaveLength(imported.length)
    expect(new Set(resumed).size).toBe(imported.length)
  })

  it('reads the lookback window again without moving the cursor back', async () => {
    const { sandbox, tick } = await start(4)
    const ctx = contextFor(sandbox, { lookbackSeconds: 60 })
    const first = await readPages(companiesStream, ctx)
    const checkpoint = first.at(-1)!.checkpoint
    tick(30_000)
    const [changed, , third] = sandbox.records('companies')
    sandbox.change('companies', changed!.id, { industry: 'RETAIL' })
    const again = await readPages(companiesStream, ctx, checkpoint)
    // Companies are a minute apart: the third one lies within the minute before the cursor
    // (the fourth, at the cursor, was read); then what changed since.
    expect(idsOf(again)).toEqual([third!.id, changed!.id])
    expect(Date.parse(String(again.at(-1)!.checkpoint.modifiedAfter))).toBeGreaterThan(
      Date.parse(String(checkpoint.modifiedAfter)),
    )
  })

  it('reads deals with their company and stage, and archived deals as deleted', async () => {
    const { sandbox, tick } = await start(6, { dealsPerCompany: 2 })
    const ctx = await primed(sandbox, { pageSize: 5 })
    sandbox.calls.reset()
    const pages = await readPages(dealsStream, ctx)
    expect(idsOf(pages)).toHaveLength(12)
    const page = pages[0]!
    const context = page.related as DealPageContext
    expect(context.stages.closedwon).toEqual({
      pipeline: 'default',
      closed: true,
      won: true,
      probability: 1,
    })
    expect(context.stages.closedlost).toEqual({
      pipeline: 'default',
      closed: true,
      won: false,
      probability: 0,
    })
    expect(context.stages.qualifiedtobuy).toEqual({
      pipeline: 'default',
      closed: false,
      won: false,
      probability: 0.4,
    })
    const won = page.records.find((r) => (r as { id: string }).id === '21000000000')!
    expect(dealsStream.map(won, ctx, page)).toMatchObject({
      ok: true,
      rows: [
        {
          table: 'opportunities',
          row: { account_source_id: '18000000000', is_won: true, deleted_at: null },
        },
      ],
    })
    // Associations v4 batch reads, one per page of deals (5 here), and the pipelines once.
    expect(sandbox.calls.count((c) => c.path.includes('/associations/'))).toBe(3)
    expect(sandbox.calls.count((c) => c.path.includes('/pipelines/'))).toBe(1)

    tick()
    sandbox.archive('deals', '21000000101')
    const after = await readPages(dealsStream, ctx, pages.at(-1)!.checkpoint)
    expect(idsOf(after)).toEqual(['21000000101'])
    const archivedPage = after.find((p) => p.records.length > 0)!
    expect(dealsStream.map(archivedPage.records[0], ctx, archivedPage)).toMatchObject({
      ok: true,
      rows: [{ row: { account_source_id: '18000000010', deleted_at: expect.any(String) } }],
    })
    // Once seen, the archived deal is not read again.
    expect(idsOf(await readPages(dealsStream, ctx, after.at(-1)!.checkpoint))).toEqual([])
  })

  it('counts live companies and lists their ids, 100 a page', async () => {
    const { sandbox } = await start(230)
    const ctx = contextFor(sandbox)
    sandbox.archive('companies', sandbox.records('companies')[0]!.id)
    const live = hubspotConnector.liveIds!.companies!
    expect(await live.count(ctx)).toBe(229)
    const ids: string[] = []
    for await (const page of live.ids(ctx)) ids.push(...page)
    expect(ids.sort()).toEqual(
      sandbox
        .records('companies')
        .map((c) => c.id)
        .sort(),
    )
    expect(sandbox.calls.count((c) => c.method === 'GET' && c.path.endsWith('/companies'))).toBe(3)
  })

  it('needs ⌈records / 200⌉ searches, and the lists and association reads search cannot replace', () => {
    // Searches, plus one archived list page.
    expect(companiesStream.minimumRequests!({ records: 0, pages: 1 })).toBe(2)
    expect(companiesStream.minimumRequests!({ records: 401, pages: 3 })).toBe(4)
    // One search, two association batch reads, the pipelines and one archived list page.
    expect(dealsStream.minimumRequests!({ records: 200, pages: 1 })).toBe(5)
    // Active owners' pages, then the deactivated ones.
    expect(ownersStream.minimumRequests!({ records: 101, pages: 2 })).toBe(3)
  })
})
