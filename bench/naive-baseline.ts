/**
 * The naive baseline: the same re-sync done the way a hand-written script does it with the same
 * official SDKs (jsforce, @hubspot/api-client, node-zendesk, stripe-node, Amplitude's Export API
 * over fetch as it has no SDK): list every object's ids, read each record on its own, and write
 * every CRM account's health fields back whether they changed or not — no cursors, no diff.
 * Systems run side by side, each one request at a time, as cs360's extracts do. The requests
 * are the sandbox's own count; `sample` caps the records read one by one per object, the rest
 * extrapolated (requests exactly: one per record; time in proportion).
 */
import { Client as HubspotClient } from '@hubspot/api-client'
import jsforce from 'jsforce'
import zendesk from 'node-zendesk'
import type { Cs360Config } from '../src/config/schema.js'
import { exportHour } from '../src/connectors/amplitude/export-hours.js'
import type { AmplitudeConfig } from '../src/connectors/amplitude/config.js'
import type { HubspotConfig } from '../src/connectors/hubspot/config.js'
import type { SalesforceConfig } from '../src/connectors/salesforce/config.js'
import { stripeClient } from '../src/connectors/stripe/client.js'
import type { StripeConfig } from '../src/connectors/stripe/config.js'
import type { ZendeskConfig } from '../src/connectors/zendesk/config.js'
import { apiTime } from './overhead-model.js'
import type { SandboxCalls } from './sandbox-client.js'

export interface NaiveSystem {
  system: string
  /** Records the script went through (listed), over every object. */
  records: number
  /** Of those, read one by one in this run (the rest extrapolated). */
  readOneByOne: number
  writes: number
  /** Requests the sandbox answered for the script. */
  requests: number
  seconds: number
  /** With every record read one by one: `requests` and `seconds` extrapolated. */
  fullRequests: number
  fullSeconds: number
  /** `fullRequests` at the service's published limits and typical latency. */
  atPublishedLimitsSeconds: number
}

export interface NaiveBaseline {
  systems: NaiveSystem[]
  /** The script's wall time (systems side by side), extrapolated to every record. */
  seconds: number
  requests: number
  /** At the services' published limits: the slowest system (the script runs them side by side). */
  atPublishedLimitsSeconds: number
  /** Per-record reads capped at this many per object (null: none). */
  sample: number | null
}

/** What the script did in one system. */
export interface Walk {
  records: number
  readOneByOne: number
  writes: number
}

/** Reads `ids` one by one, at most `sample` of them, spread over the list. */
async function readEach<T>(ids: T[], sample: number | null, read: (id: T) => Promise<unknown>) {
  const picked = sample === null || ids.length <= sample ? ids : everyNth(ids, sample)
  for (const id of picked) await withRetries(() => read(id))
  return { records: ids.length, readOneByOne: picked.length }
}

/**
 * A careful script retries a request whose connection dropped (a keep-alive socket the server
 * closed as it was reused): three tries, as the SDKs' own retries would.
 */
async function withRetries<T>(request: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request()
    } catch (error) {
      if (attempt >= tries) throw error
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
    }
  }
}

function everyNth<T>(ids: T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => ids[Math.floor((i * ids.length) / count)]!)
}

const add = (walk: Walk, part: { records: number; readOneByOne: number }) => {
  walk.records += part.records
  walk.readOneByOne += part.readOneByOne
}

async function salesforceScript(config: SalesforceConfig, sample: number | null): Promise<Walk> {
  if (config.auth.flow !== 'client_credentials')
    throw new Error('the naive baseline signs in to Salesforce with client_credentials only')
  const conn = new jsforce.Connection({
    oauth2: {
      loginUrl: config.loginUrl,
      clientId: config.auth.clientId,
      clientSecret: config.auth.clientSecret.reveal(),
    },
    version: config.apiVersion,
  })
  await conn.authorize({ grant_type: 'client_credentials' })
  const idsOf = async (object: string) => {
    const ids: string[] = []
    let page = await conn.query<{ Id: string }>(`SELECT Id FROM ${object}`)
    ids.push(...page.records.map((r) => r.Id))
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl)
      ids.push(...page.records.map((r) => r.Id))
    }
    return ids
  }
  const walk: Walk = { records: 0, readOneByOne: 0, writes: 0 }
  const fields = config.writeBack.fields
  const accounts = await idsOf('Account')
  const current = new Map<string, Record<string, unknown>>()
  add(
    walk,
    await readEach(accounts, sample, async (id) =>
      current.set(id, (await conn.sobject('Account').retrieve(id)) as Record<string, unknown>),
    ),
  )
  add(
    walk,
    await readEach(await idsOf('Opportunity'), sample, (id) =>
      conn.sobject('Opportunity').retrieve(id),
    ),
  )
  // Every account written, changed or not: what it holds goes back (the values do not change
  // what a write costs).
  for (const [id, record] of current) {
    const values: Record<string, unknown> = { Id: id }
    for (const field of Object.values(fields)) if (field) values[field] = record[field] ?? null
    await conn.sobject('Account').update(values as { Id: string })
    walk.writes += 1
  }
  return walk
}

async function hubspotScript(config: HubspotConfig, sample: number | null): Promise<Walk> {
  if (config.auth.type !== 'private_app')
    throw new Error('the naive baseline signs in to HubSpot with a private app token only')
  const client = new HubspotClient({
    accessToken: config.auth.accessToken.reveal(),
    basePath: config.baseUrl,
  })
  const walk: Walk = { records: 0, readOneByOne: 0, writes: 0 }
  const properties = Object.values(config.writeBack.fields).filter((p): p is string => !!p)
  const companies = (await client.crm.companies.getAll(100)).map((c) => c.id)
  const current = new Map<string, Record<string, string | null>>()
  add(
    walk,
    await readEach(companies, sample, async (id) =>
      current.set(id, (await client.crm.companies.basicApi.getById(id, properties)).properties),
    ),
  )
  const deals = (await client.crm.deals.getAll(100)).map((d) => d.id)
  add(walk, await readEach(deals, sample, (id) => client.crm.deals.basicApi.getById(id)))
  for (const [id, record] of current) {
    const values = Object.fromEntries(properties.map((p) => [p, record[p] ?? '']))
    await client.crm.companies.basicApi.update(id, { properties: values })
    walk.writes += 1
  }
  return walk
}

async function zendeskScript(config: ZendeskConfig, sample: number | null): Promise<Walk> {
  const auth =
    config.auth.type === 'oauth'
      ? { token: config.auth.accessToken.reveal(), oauth: true }
      : { username: config.auth.email, token: config.auth.apiToken.reveal() }
  const client = zendesk.createClient({ ...auth, endpointUri: `${config.url}/api/v2` })
  const idsOf = (rows: unknown) => {
    // node-zendesk hands a 429 back as an Error among the rows: a truncated list would be cheaper
    // than the truth, so it fails instead.
    if (!Array.isArray(rows) || rows.some((r) => r instanceof Error))
      throw new Error('node-zendesk returned a partial list (a refused page)')
    return (rows as { id: number }[]).map((r) => r.id)
  }
  const walk: Walk = { records: 0, readOneByOne: 0, writes: 0 }
  const organizations = idsOf(await client.organizations.list())
  add(walk, await readEach(organizations, sample, (id) => client.organizations.show(id)))
  const tickets = idsOf(await client.tickets.list())
  add(walk, await readEach(tickets, sample, (id) => client.tickets.show(id)))
  const ratings = idsOf(await client.satisfactionratings.list())
  add(walk, await readEach(ratings, sample, (id) => client.satisfactionratings.show(id)))
  return walk
}

async function stripeScript(config: StripeConfig, sample: number | null): Promise<Walk> {
  const { stripe } = stripeClient(config)
  const walk: Walk = { records: 0, readOneByOne: 0, writes: 0 }
  const idsOf = async (list: AsyncIterable<{ id: string }>) => {
    const ids: string[] = []
    for await (const item of list) ids.push(item.id)
    return ids
  }
  const customers = await idsOf(stripe.customers.list({ limit: 100 }))
  add(walk, await readEach(customers, sample, (id) => stripe.customers.retrieve(id)))
  const subscriptions = await idsOf(stripe.subscriptions.list({ limit: 100, status: 'all' }))
  add(walk, await readEach(subscriptions, sample, (id) => stripe.subscriptions.retrieve(id)))
  const invoices = await idsOf(stripe.invoices.list({ limit: 100 }))
  add(walk, await readEach(invoices, sample, (id) => stripe.invoices.retrieve(id)))
  return walk
}

/** A nightly script exports the last day's hours: one request, as the Export API has no ids. */
async function amplitudeScript(config: AmplitudeConfig): Promise<Walk> {
  const end = Date.now()
  const range = `start=${exportHour(end - 24 * 3600_000)}&end=${exportHour(end)}`
  const auth = Buffer.from(`${config.apiKey.reveal()}:${config.secretKey.reveal()}`).toString(
    'base64',
  )
  const response = await fetch(`${config.url.replace(/\/+$/, '')}/api/2/export?${range}`, {
    headers: { Authorization: `Basic ${auth}` },
  })
  await response.arrayBuffer()
  if (!response.ok && response.status !== 404)
    throw new Error(`Amplitude export answered ${response.status}`)
  return { records: 0, readOneByOne: 0, writes: 0 }
}

/** Runs the script against the sandbox process and counts what the sandbox answered. */
export async function runNaiveBaseline(options: {
  config: Cs360Config
  sample: number | null
  calls: () => Promise<SandboxCalls>
  reset: () => Promise<unknown>
}): Promise<NaiveBaseline> {
  const connectors = options.config.connectors as Record<string, unknown>
  const scripts: Record<string, (config: never, sample: number | null) => Promise<Walk>> = {
    salesforce: salesforceScript,
    hubspot: hubspotScript,
    zendesk: zendeskScript,
    stripe: stripeScript,
    amplitude: amplitudeScript,
  }
  await options.reset()
  const started = performance.now()
  const timed = await Promise.all(
    Object.entries(scripts)
      .filter(([system]) => connectors[system] !== undefined)
      .map(async ([system, script]) => {
        const walk = await script(connectors[system] as never, options.sample)
        return { system, walk, seconds: (performance.now() - started) / 1000 }
      }),
  )
  const served = await options.calls()
  const systems = timed.map(({ system, walk, seconds }) =>
    extrapolated(system, walk, served[system], seconds),
  )
  return {
    systems,
    seconds: Math.max(0, ...systems.map((s) => s.fullSeconds)),
    requests: systems.reduce((sum, s) => sum + s.fullRequests, 0),
    atPublishedLimitsSeconds: Math.max(0, ...systems.map((s) => s.atPublishedLimitsSeconds)),
    sample: options.sample,
  }
}

/**
 * One system's figures with every record read one by one: the records left out of the sample
 * are one read each, of the same kinds as the reads made (so every class's reads grow in the
 * same proportion), and time grows with requests.
 */
export function extrapolated(
  system: string,
  walk: Walk,
  served: SandboxCalls[string] | undefined,
  seconds: number,
): NaiveSystem {
  const requests = served?.all ?? 0
  const fullRequests = requests + (walk.records - walk.readOneByOne)
  const grow = (n: number) => Math.round((n * fullRequests) / Math.max(1, requests))
  const classes = Object.fromEntries(
    Object.entries(served?.classes ?? {}).map(([name, c]) => [
      name,
      { ...c, reads: grow(c.reads) },
    ]),
  )
  const atLimits = apiTime({ [system]: classes }, { limits: 'published' }).systems[0]
  return {
    system,
    ...walk,
    requests,
    seconds: round(seconds),
    fullRequests,
    fullSeconds: round(requests > 0 ? (seconds * fullRequests) / requests : seconds),
    atPublishedLimitsSeconds: round(atLimits ? atLimits.readSeconds + atLimits.writeSeconds : 0),
  }
}

const round = (n: number) => Number(n.toFixed(2))
