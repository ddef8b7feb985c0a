import { afterEach, describe, expect, it } from 'vitest'
import { Cs360Error } from '../../errors.js'
import { generateDataset } from '../../sandbox/dataset/generate.js'
import { sampleZendesk } from '../../sandbox/zendesk/sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from '../../sandbox/zendesk/server.js'
import { testCredentials } from '../../sandbox/zendesk/test-client.js'
import type { StreamCheckpoint, StreamPage } from '../types.js'
import { organizationsStream, satisfactionRatingsStream, ticketsStream } from './streams.js'
import { contextFor, idsOf, readPages } from './test-context.js'

const STREAMS = [organizationsStream, ticketsStream, satisfactionRatingsStream]
// 25 organizations, 75 tickets, 15 ratings; pages of 10 (exports) and 4 (ratings). Rate windows
// shrink to 0.6 s so the export pacing (10 a window) costs little time.
const PAGES = { exportPageSize: 10, listPageSize: 4, rateLimitWindowMs: 600 }
const twoMinutesAgo = () => ({ at: Date.now() - 120_000 })

describe('Zendesk streams against the sandbox', () => {
  let sandbox: ZendeskSandbox
  afterEach(() => sandbox.close())
  async function start(dataset = sampleZendesk({ organizations: 25, ticketsPerOrganization: 3 })) {
    sandbox = await startZendeskSandbox({
      dataset,
      credentials: testCredentials,
      tuning: { rateLimitTimeScale: 0.01 },
    })
  }
  const expected = (stream: string) => {
    const { store } = sandbox
    const records =
      stream === 'organizations'
        ? store.organizations
        : stream === 'tickets'
          ? store.tickets
          : store.ratings
    return [...records.keys()].sort((a, b) => a - b)
  }
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)
  const lastCheckpoint = (pages: StreamPage[]) => pages.at(-1)!.checkpoint

  it('reads every record of each stream once, across pages at the configured size', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    for (const stream of STREAMS) {
      const pages = await readPages(stream, ctx)
      expect(pages.length, stream.name).toBeGreaterThanOrEqual(3)
      expect(sorted(idsOf(pages)), stream.name).toEqual(expected(stream.name))
      expect(new Set(idsOf(pages)).size).toBe(idsOf(pages).length)
      for (const page of pages)
        for (const raw of page.records) expect(stream.map(raw, ctx, page).ok).toBe(true)
    }
  })

  it('resumes from a mid-stream checkpoint with no record lost or repeated', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    for (const stream of STREAMS) {
      const before = await readPages(stream, ctx, null, 2)
      const after = await readPages(stream, ctx, lastCheckpoint(before))
      const ids = [...idsOf(before), ...idsOf(after)]
      expect(ids.length, stream.name).toBe(new Set(ids).size)
      expect(sorted(ids), stream.name).toEqual(expected(stream.name))
    }
  })

  it('re-reads only what changed: one changed ticket, organization and rating', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    const checkpoints = new Map<string, StreamCheckpoint>()
    for (const stream of STREAMS)
      checkpoints.set(stream.name, lastCheckpoint(await readPages(stream, ctx)))
    for (const stream of STREAMS) {
      expect(
        idsOf(await readPages(stream, ctx, checkpoints.get(stream.name)!)),
        stream.name,
      ).toEqual([])
    }
    sandbox.updateTicket(8, { priority: 'urgent' }, twoMinutesAgo())
    sandbox.updateOrganization(5007, { name: 'Renamed' }, twoMinutesAgo())
    const rating = sandbox.store.list(sandbox.store.ratings)[2]!
    sandbox.updateRating(rating.id, { score: 'bad' }, twoMinutesAgo())
    expect(idsOf(await readPages(ticketsStream, ctx, checkpoints.get('tickets')!))).toEqual([8])
    expect(
      idsOf(await readPages(organizationsStream, ctx, checkpoints.get('organizations')!)),
    ).toEqual([5007])
    const ratings = await readPages(
      satisfactionRatingsStream,
      ctx,
      checkpoints.get('satisfaction_ratings')!,
    )
    expect(idsOf(ratings)).toEqual([rating.id])
    // And the read after that finds nothing new again.
    expect(idsOf(await readPages(satisfactionRatingsStream, ctx, lastCheckpoint(ratings)))).toEqual(
      [],
    )
  })

  it('delivers a deleted ticket and a deleted organization as deletions', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    const tickets = lastCheckpoint(await readPages(ticketsStream, ctx))
    const organizations = lastCheckpoint(await readPages(organizationsStream, ctx))
    sandbox.deleteTicket(11, twoMinutesAgo())
    sandbox.deleteOrganization(5002, twoMinutesAgo())
    const [ticketPage] = await readPages(ticketsStream, ctx, tickets)
    expect(ticketsStream.map(ticketPage!.records[0], ctx, ticketPage!)).toMatchObject({
      ok: true,
      rows: [{ row: { source_id: '11', status: 'deleted', deleted_at: expect.any(String) } }],
    })
    const [orgPage] = await readPages(organizationsStream, ctx, organizations)
    expect(organizationsStream.map(orgPage!.records[0], ctx, orgPage!)).toMatchObject({
      ok: true,
      rows: [{ row: { source_id: '5002', deleted_at: expect.any(String) } }],
    })
  })

  it('waits out a 429 mid-export as long as Retry-After says and reads everything', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    const pages: StreamPage[] = []
    for await (const page of ticketsStream.read(ctx, null)) {
      pages.push(page)
      if (pages.length === 2) {
        sandbox.faults.failNext({
          status: 429,
          count: 2,
          body: 'Number of allowed API requests per minute exceeded',
          headers: { 'Content-Type': 'text/plain', 'Retry-After': '0.2' },
        })
      }
    }
    expect(sorted(idsOf(pages))).toEqual(expected('tickets'))
    const rateWaits = ctx.waits.filter((w) => /429/.test(w.reason))
    expect(rateWaits.map((w) => w.ms)).toEqual([200, 200])
    expect(sandbox.calls.statuses().filter((s) => s === 429)).toHaveLength(2)
  })

  it('turns a 5xx (thrown or, for 502, resolved by node-zendesk) into a transient error', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    for (const status of [503, 502]) {
      sandbox.faults.failNext(status, 1)
      const read = readPages(organizationsStream, ctx)
      await expect(read).rejects.toBeInstanceOf(Cs360Error)
      await expect(read).rejects.toMatchObject({ kind: 'transient' })
    }
  })

  it('keeps unknown fields in extra and quarantines a record with a broken field', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    const cursor = lastCheckpoint(await readPages(ticketsStream, ctx))
    const kept = sandbox.addTicket(
      { subject: 'New field', status: 'open', escalation_tier: 3 },
      twoMinutesAgo(),
    )
    const broken = sandbox.addTicket(
      { subject: 'Bad', status: 'open', created_at: 'soon' },
      twoMinutesAgo(),
    )
    const [page] = await readPages(ticketsStream, ctx, cursor)
    const mapped = page!.records.map((raw) => ticketsStream.map(raw, ctx, page!))
    expect(mapped[0]).toMatchObject({ ok: true })
    const first = mapped[0]!
    if (!first.ok) throw new Error(first.reason)
    const row = first.rows[0]!.row as { extra: string; source_id: string }
    expect(row.source_id).toBe(String(kept.id))
    expect(JSON.parse(row.extra)).toMatchObject({ escalation_tier: 3 })
    expect(mapped[1]).toEqual({
      ok: false,
      sourceId: String(broken.id),
      reason: 'created_at: not a datetime',
    })
  })

  it('reads organizations whole when more of them share a second than fit a page', async () => {
    // The first 14 of 25 organizations share one second; pages hold 5.
    await start(sampleZendesk({ organizations: 25, sameSecond: 14 }))
    const ctx = contextFor(sandbox, { ...PAGES, exportPageSize: 5 })
    const pages = await readPages(organizationsStream, ctx)
    expect(sorted(idsOf(pages))).toEqual(expected('organizations'))
    expect(new Set(idsOf(pages)).size).toBe(25)
  })

  it('ends a read quietly when the export refuses a start_time inside the newest minute', async () => {
    await start()
    const ctx = contextFor(sandbox, PAGES)
    const now = Math.floor(Date.now() / 1000)
    expect(await readPages(organizationsStream, ctx, { startTime: now, seenIds: '' })).toEqual([])
  })

  it('reads a generated company without quarantining a record', async () => {
    const company = generateDataset({ accounts: 30, seed: 3, asOf: '2026-11-22' })
    await start(company.zendesk!)
    const ctx = contextFor(sandbox, { ...PAGES, exportPageSize: 200, listPageSize: 100 })
    const rows: Record<string, Record<string, unknown>[]> = {}
    for (const stream of STREAMS) {
      for (const page of await readPages(stream, ctx)) {
        for (const raw of page.records) {
          const mapped = stream.map(raw, ctx, page)
          if (!mapped.ok) throw new Error(`${stream.name}: ${mapped.reason}`)
          ;(rows[stream.name] ??= []).push(mapped.rows[0]!.row as Record<string, unknown>)
        }
      }
    }
    expect(rows.organizations).toHaveLength(company.zendesk!.organizations.length)
    expect(rows.tickets).toHaveLength(company.zendesk!.tickets.length)
    expect(rows.satisfaction_ratings).toHaveLength(company.zendesk!.satisfaction_ratings.length)
    expect(rows.tickets!.every((t) => t.source_account_id !== null)).toBe(true)
    const closed = rows.tickets!.filter((t) => t.status === 'closed')
    expect(closed.length).toBeGreaterThan(0)
    // Closed four days after the solve: the metric set's solved_at, not updated_at.
    expect(closed.every((t) => t.solved_at !== null && t.solved_at !== t.source_updated_at)).toBe(
      true,
    )
  })
})
