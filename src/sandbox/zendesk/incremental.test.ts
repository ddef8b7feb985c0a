import { afterEach, describe, expect, it } from 'vitest'
import { sampleZendesk } from './sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from './server.js'
import { testCredentials } from './test-client.js'

const START = Date.UTC(2026, 0, 5, 9)
const unix = (ms: number) => Math.floor(ms / 1000)
const auth = `Basic ${Buffer.from(`${testCredentials.email}/token:${testCredentials.apiToken}`).toString('base64')}`

interface TicketPage {
  tickets: { id: number; status: string; updated_at: string; generated_timestamp: number }[]
  after_url: string
  after_cursor: string
  before_cursor: string | null
  end_of_stream: boolean
  users?: { id: number }[]
  metric_sets?: { ticket_id: number; solved_at: string | null }[]
}
interface OrganizationPage {
  organizations: { id: number; updated_at: string; deleted_at?: string }[]
  count: number
  end_time: number
  next_page: string
  end_of_stream: boolean
}

describe('Zendesk sandbox incremental exports', () => {
  let sandbox: ZendeskSandbox
  let clock = START
  afterEach(() => sandbox.close())

  async function start(dataset = sampleZendesk(), scale = 1) {
    clock = START + 10 * 86_400_000
    sandbox = await startZendeskSandbox({
      dataset,
      credentials: testCredentials,
      now: () => clock,
      tuning: { rateLimitTimeScale: scale },
    })
  }
  const get = (pathOrUrl: string) =>
    fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${sandbox.url}${pathOrUrl}`, {
      headers: { Authorization: auth },
    })
  const json = async <T>(pathOrUrl: string) => (await (await get(pathOrUrl)).json()) as T

  it('pages the ticket export by cursor, with sideloads, until end_of_stream', async () => {
    await start()
    const first = await json<TicketPage>(
      '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10&include=users,metric_sets',
    )
    expect(first.tickets).toHaveLength(10)
    expect(first.before_cursor).toBeNull()
    expect(first.end_of_stream).toBe(false)
    expect(first.users!.map((u) => u.id)).toContain(2000)
    expect(first.metric_sets).toHaveLength(10)
    const seen = first.tickets.map((t) => t.id)
    let page = first
    while (!page.end_of_stream) {
      page = await json<TicketPage>(page.after_url)
      expect(page.after_url).toContain('include=users')
      seen.push(...page.tickets.map((t) => t.id))
    }
    expect(seen).toEqual([...sandbox.store.tickets.keys()].sort((a, b) => a - b))
    const after = await json<TicketPage>(page.after_url)
    expect(after).toMatchObject({ tickets: [], end_of_stream: true })
  })

  it('never returns the newest minute and refuses a start_time inside it', async () => {
    await start()
    const latest = await json<TicketPage>('/api/v2/incremental/tickets/cursor.json?start_time=0')
    sandbox.updateTicket(1, { priority: 'urgent' })
    let page = await json<TicketPage>(latest.after_url)
    expect(page.tickets).toEqual([])
    clock += 30_000
    expect((await json<TicketPage>(latest.after_url)).tickets).toEqual([])
    clock += 31_000
    page = await json<TicketPage>(latest.after_url)
    expect(page.tickets.map((t) => t.id)).toEqual([1])

    const tooRecent = await get(
      `/api/v2/incremental/tickets/cursor.json?start_time=${unix(clock) - 30}`,
    )
    expect(tooRecent.status).toBe(422)
    expect(await tooRecent.json()).toEqual({
      error: 'InvalidValue',
      description: 'Too recent start_time. Use a start_time older than 1 minute',
    })
    const organizations = await get(
      `/api/v2/incremental/organizations.json?start_time=${unix(clock)}`,
    )
    expect(organizations.status).toBe(422)
  })

  it('filters on generated_timestamp, so updated_at can predate start_time', async () => {
    await start()
    const ticket = sandbox.store.tickets.get(3)!
    sandbox.touchTicket(3, { at: clock - 5 * 60_000 })
    const since = unix(clock) - 10 * 60
    const page = await json<TicketPage>(
      `/api/v2/incremental/tickets/cursor.json?start_time=${since}`,
    )
    expect(page.tickets.map((t) => t.id)).toEqual([3])
    expect(unix(Date.parse(page.tickets[0]!.updated_at))).toBeLessThan(since)
    expect(page.tickets[0]!.updated_at).toBe(ticket.updated_at)
  })

  it('keeps deleted tickets in the export with status "deleted", unless exclude_deleted', async () => {
    await start()
    sandbox.deleteTicket(2, { at: clock - 120_000 })
    const since = unix(clock) - 600
    const page = await json<TicketPage>(
      `/api/v2/incremental/tickets/cursor.json?start_time=${since}`,
    )
    expect(page.tickets).toMatchObject([{ id: 2, status: 'deleted' }])
    const without = await json<TicketPage>(
      `/api/v2/incremental/tickets/cursor.json?start_time=${since}&exclude_deleted=true`,
    )
    expect(without.tickets).toEqual([])
    expect((await get('/api/v2/tickets/2.json')).status).toBe(404)
  })

  it('keeps cursors valid across a restart of the server (they encode their position)', async () => {
    const dataset = sampleZendesk()
    await start(dataset)
    const first = await json<TicketPage>(
      '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5',
    )
    const next = await json<TicketPage>(first.after_url)
    await sandbox.close()
    await start(dataset)
    const again = await json<TicketPage>(
      `/api/v2/incremental/tickets/cursor.json?per_page=5&cursor=${encodeURIComponent(first.after_cursor)}`,
    )
    expect(again.tickets.map((t) => t.id)).toEqual(next.tickets.map((t) => t.id))
    const back = await json<TicketPage>(
      `/api/v2/incremental/tickets/cursor.json?per_page=5&cursor=${encodeURIComponent(again.before_cursor!)}`,
    )
    expect(back.tickets.map((t) => t.id)).toEqual(first.tickets.map((t) => t.id))
    const broken = await get('/api/v2/incremental/tickets/cursor.json?cursor=undefined')
    expect(broken.status).toBe(422)
  })

  it('overflows an organizations page to keep a second whole, and repeats it on the next', async () => {
    // The first 5 of 12 organizations share one second.
    await start(sampleZendesk({ sameSecond: 5 }))
    const first = await json<OrganizationPage>(
      '/api/v2/incremental/organizations.json?start_time=0&per_page=3',
    )
    expect(first.count).toBe(5)
    expect(first.organizations).toHaveLength(5)
    expect(first.end_of_stream).toBe(false)
    expect(first.next_page).toContain(`start_time=${first.end_time}`)
    // next_page starts at end_time: that same second comes back, page after page.
    const second = await json<OrganizationPage>(first.next_page)
    expect(second.organizations.map((o) => o.id)).toEqual(first.organizations.map((o) => o.id))
    expect(second.end_time).toBe(first.end_time)
    // A page starting one second later moves on, then repeats its own last record.
    const later = await json<OrganizationPage>(
      `/api/v2/incremental/organizations.json?start_time=${first.end_time + 1}&per_page=3`,
    )
    expect(later.organizations.map((o) => o.id)).toEqual([5005, 5006, 5007])
    const repeat = await json<OrganizationPage>(later.next_page)
    expect(repeat.organizations[0]!.id).toBe(5007)
  })

  it('keeps deleted organizations in the export with deleted_at and out of lists', async () => {
    await start()
    sandbox.deleteOrganization(5004, { at: clock - 120_000 })
    const page = await json<OrganizationPage>(
      `/api/v2/incremental/organizations.json?start_time=${unix(clock) - 600}`,
    )
    expect(page.organizations).toMatchObject([{ id: 5004, deleted_at: expect.any(String) }])
    expect(page.end_of_stream).toBe(true)
    expect((await get('/api/v2/organizations/5004.json')).status).toBe(404)
    const list = await json<{ organizations: { id: number }[] }>('/api/v2/organizations.json')
    expect(list.organizations.map((o) => o.id)).not.toContain(5004)
  })

  it('allows 10 incremental requests a minute, then 429 with Retry-After and a text body', async () => {
    await start()
    const path = '/api/v2/incremental/organizations.json?start_time=0'
    for (let i = 0; i < 10; i++) expect((await get(path)).status).toBe(200)
    const refused = await get(path)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(refused.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await refused.text()).toBe('Number of allowed API requests per minute exceeded')
    // Other endpoints have the account's allowance left.
    expect((await get('/api/v2/users/me.json')).status).toBe(200)
    clock += 45_000
    expect((await get(path)).headers.get('retry-after')).toBe('15')
    clock += 15_000
    expect((await get(path)).status).toBe(200)
  })

  it('shrinks rate windows and Retry-After by rateLimitTimeScale', async () => {
    await start(sampleZendesk(), 0.01)
    const path = '/api/v2/incremental/organizations.json?start_time=0'
    for (let i = 0; i < 10; i++) await get(path)
    const refused = await get(path)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('0.600')
    clock += 600
    expect((await get(path)).status).toBe(200)
  })
})
