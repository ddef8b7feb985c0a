import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { RequestLine } from '../../src/sandbox/framework/faults.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import {
  duplicateWrites,
  evidence,
  lostAndDuplicated,
  syncWithWorker,
  type RunEvidence,
} from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

// Enough records for several pages in every paged stream (Salesforce at its smallest page).
const dataset = generateDataset({ accounts: 240, seed: 28, asOf: AS_OF })
const only = ['salesforce', 'zendesk', 'stripe']
const configExtra = { salesforce: '    pageSize: 200\n' }
/** Salesforce's next pages: `/query/<locator>-<offset>`, one locator per query. */
const queryMore = (req: RequestLine) =>
  req.method === 'GET' && /\/query(All)?\/[^/]+-\d+$/.test(req.path)
const sameLocator = (req: { path: string }) => req.path.replace(/-\d+$/, '')
const ticketExport = (req: RequestLine) => req.path.includes('/incremental/tickets/cursor')
/** Stripe's cursor pages of invoices (`ending_before`), not the `created` probes finding the first. */
const invoicePages = (req: RequestLine) =>
  req.method === 'GET' && req.path === '/v1/invoices' && !!req.query?.has('ending_before')

/**
 * Every stream's saved cursor, by connector and stream, without the times the run stamps from its
 * own clock (`seenAt`, `checkedAt`, …): what is left is where each stream resumes.
 */
const cursors = async (h: Harness) =>
  Object.fromEntries(
    (
      await h.db
        .selectFrom('sync_cursors')
        .select(['connector', 'stream', 'checkpoint'])
        .orderBy('connector')
        .orderBy('stream')
        .execute()
    ).map((c) => [
      `${c.connector}:${c.stream}`,
      Object.fromEntries(Object.entries(c.checkpoint).filter(([key]) => !key.endsWith('At'))),
    ]),
  )

describe('API faults during a whole run: pages and records changing underneath', () => {
  let reference: Harness
  let expected: RunEvidence
  beforeAll(async () => {
    reference = await createHarness('faults_api_pages_reference', { dataset, only, configExtra })
    await syncWithWorker(reference, 'reference')
    expected = await evidence(reference)
  })
  afterAll(() => reference?.close())

  it('pages served twice (a repeated cursor page) on Salesforce, Zendesk and Stripe', async () => {
    const h = await createHarness('faults_api_repeated_pages', { dataset, only, configExtra })
    try {
      const server = (id: string) => h.sandbox.server(id)!
      server('salesforce').faults.repeatNext(2, queryMore, sameLocator)
      server('zendesk').faults.repeatNext(1, ticketExport)
      server('stripe').faults.repeatNext(2, invoicePages)
      const result = await syncWithWorker(h, 'repeated-pages')
      // Each switch was spent: the pages really were served twice.
      for (const id of ['salesforce', 'zendesk', 'stripe'])
        expect(server(id).faults.repeatsLeft, id).toBe(0)
      const measured = lostAndDuplicated(await evidence(h), expected)
      expect(measured.lostByTable).toEqual({})
      expect(measured.duplicated).toBe(0)
      // Nothing counted twice either: the same rows as the reference, table by table.
      for (const [table, ids] of expected.sourceIds)
        expect((await evidence(h)).sourceIds.get(table)?.size, table).toBe(ids.size)
      expect(result.written).toBeGreaterThan(0)
      recordFaultOutcome({
        fault: 'cursor pages served twice (Salesforce, Zendesk, Stripe)',
        outcome: '5 pages repeated, records upserted once, run succeeded',
        lost: measured.lost,
        duplicated: measured.duplicated,
      })
    } finally {
      await h.close()
    }
  })

  it('an older page served after a newer one on Salesforce, Zendesk and Stripe', async () => {
    const h = await createHarness('faults_api_older_pages', { dataset, only, configExtra })
    try {
      const server = (id: string) => h.sandbox.server(id)!
      // Two answers back: the page before the one the client just read, with its stale next link.
      server('salesforce').faults.serveOlderNext(1, 2, queryMore, sameLocator)
      server('zendesk').faults.serveOlderNext(1, 2, ticketExport)
      server('stripe').faults.serveOlderNext(1, 2, invoicePages)
      const result = await syncWithWorker(h, 'older-pages')
      // Each switch was spent: an older page really was served after a newer one.
      for (const id of only) expect(server(id).faults.repeatsLeft, id).toBe(0)
      const faulted = await evidence(h)
      const measured = lostAndDuplicated(faulted, expected)
      expect(measured.lostByTable).toEqual({})
      expect(measured.duplicated).toBe(0)
      for (const [table, ids] of expected.sourceIds)
        expect(faulted.sourceIds.get(table)?.size, table).toBe(ids.size)
      // No cursor was left behind where the older page pointed: each equals the reference's.
      expect(await cursors(h)).toEqual(await cursors(reference))
      expect(result.written).toBeGreaterThan(0)
      recordFaultOutcome({
        fault: 'older cursor pages served after newer ones (Salesforce, Zendesk, Stripe)',
        outcome: '3 stale pages read, records upserted once, cursors as the reference run’s',
        lost: measured.lost,
        duplicated: measured.duplicated,
      })
    } finally {
      await h.close()
    }
  })

  it('records deleted upstream while the run reads them', async () => {
    const h = await createHarness('faults_api_deleted_midrun', { dataset, only, configExtra })
    try {
      const sf = h.salesforce
      const accounts = sf.records('Account')
      const account = accounts[0]
      const opportunities = sf
        .records('Opportunity')
        .filter((o) => o.AccountId === accounts[1]!.Id)
        .slice(0, 2)
      expect(opportunities.length).toBeGreaterThan(0)
      const deleted = [account!.Id, ...opportunities.map((o) => o.Id)]
      // After the first Account page went out, before the rest is read.
      sf.faults.afterRequests(6, () => {
        sf.softDelete('Account', account!.Id)
        for (const o of opportunities) sf.softDelete('Opportunity', o.Id)
      })
      const first = await syncWithWorker(h, 'deleted-first')
      expect(sf.records('Account').map((a) => a.Id)).not.toContain(account!.Id)
      // The next run sees the deletions and marks them; nothing else goes missing.
      await syncWithWorker(h, 'deleted-second')
      const marked = await h.db
        .selectFrom('accounts')
        .select(['source_id', 'deleted_at'])
        .where('source_id', '=', account!.Id)
        .unionAll(
          h.db
            .selectFrom('opportunities')
            .select(['source_id', 'deleted_at'])
            .where(
              'source_id',
              'in',
              opportunities.map((o) => o.Id),
            ),
        )
        .execute()
      expect(marked.map((m) => m.source_id).sort()).toEqual([...deleted].sort())
      expect(marked.filter((m) => m.deleted_at === null)).toEqual([])
      // The deleted account is no longer scored, nor the one whose contracts were deleted.
      const gone = new Set([`salesforce:${account!.Id}`, `salesforce:${accounts[1]!.Id}`])
      const measured = lostAndDuplicated(await evidence(h), expected, gone)
      expect(measured.lostByTable).toEqual({})
      const duplicated = Math.max(measured.duplicatedRecords, await duplicateWrites(h))
      expect(duplicated).toBe(0)
      recordFaultOutcome({
        fault: 'records deleted upstream mid-run (1 account, 2 opportunities)',
        outcome: `run succeeded (${first.written} written); deletions marked by the next run`,
        lost: measured.lost,
        duplicated,
      })
    } finally {
      await h.close()
    }
  })
})
