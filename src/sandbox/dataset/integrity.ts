import type { DatasetShape } from './schema.js'

export type IssuePath = (string | number)[]
export type Report = (path: IssuePath, message: string) => void

/** Ids of a collection, reporting duplicates: every API here treats its ids as unique. */
function idSet<T>(
  records: T[] | undefined,
  path: IssuePath,
  id: (r: T) => unknown,
  report: Report,
) {
  if (!records) return undefined
  const seen = new Set<unknown>()
  records.forEach((record, i) => {
    const value = id(record)
    if (seen.has(value)) report([...path, i], `duplicate id ${String(value)}`)
    seen.add(value)
  })
  return seen
}

/** Reports references that point at no record; a missing target collection is not checked. */
function references<T>(
  records: T[] | undefined,
  path: IssuePath,
  field: string,
  targets: Set<unknown> | undefined,
  target: string,
  report: Report,
  value: (r: T) => unknown = (r) => (r as Record<string, unknown>)[field],
) {
  if (!records || !targets) return
  records.forEach((record, i) => {
    const ref = value(record)
    if (ref === null || ref === undefined) return
    if (!targets.has(ref))
      report([...path, i, ...field.split('.')], `${String(ref)} is no ${target}`)
  })
}

/**
 * Cross-record checks zod cannot express per record: unique ids, and every reference (owner,
 * account, organization, customer, ticket) resolving inside its own system, as the real APIs
 * guarantee. cs360's joins and the sandbox servers rely on both.
 */
export function checkReferences(d: DatasetShape, report: Report): void {
  const sf = d.salesforce
  if (sf) {
    const r = sf.records
    const p = (object: string): IssuePath => ['salesforce', 'records', object]
    const users = idSet(r.User, p('User'), (x) => x.Id, report)
    const accounts = idSet(r.Account, p('Account'), (x) => x.Id, report)
    idSet(r.Opportunity, p('Opportunity'), (x) => x.Id, report)
    references(r.Account, p('Account'), 'OwnerId', users, 'User', report)
    references(r.Opportunity, p('Opportunity'), 'OwnerId', users, 'User', report)
    references(r.Opportunity, p('Opportunity'), 'AccountId', accounts, 'Account', report)
  }
  const hs = d.hubspot
  if (hs) {
    const owners = idSet(hs.owners, ['hubspot', 'owners'], (x) => x.id, report)
    const companies = idSet(hs.companies, ['hubspot', 'companies'], (x) => x.id, report)
    idSet(hs.deals, ['hubspot', 'deals'], (x) => x.id, report)
    for (const kind of ['companies', 'deals'] as const) {
      const records: { properties: { hubspot_owner_id?: string | null } }[] = hs[kind]
      references(
        records,
        ['hubspot', kind],
        'properties.hubspot_owner_id',
        owners,
        'owner',
        report,
        (x) => x.properties.hubspot_owner_id,
      )
    }
    hs.deals.forEach((deal, i) => {
      const path = ['hubspot', 'deals', i, 'associations', 'companies', 'results']
      references(deal.associations?.companies?.results, path, 'id', companies, 'company', report)
    })
  }
  const zd = d.zendesk
  if (zd) {
    const orgs = idSet(zd.organizations, ['zendesk', 'organizations'], (x) => x.id, report)
    const users = idSet(zd.users, ['zendesk', 'users'], (x) => x.id, report)
    const tickets = idSet(zd.tickets, ['zendesk', 'tickets'], (x) => x.id, report)
    idSet(zd.satisfaction_ratings, ['zendesk', 'satisfaction_ratings'], (x) => x.id, report)
    references(zd.users, ['zendesk', 'users'], 'organization_id', orgs, 'organization', report)
    references(zd.tickets, ['zendesk', 'tickets'], 'organization_id', orgs, 'organization', report)
    references(zd.tickets, ['zendesk', 'tickets'], 'requester_id', users, 'user', report)
    references(
      zd.ticket_metrics,
      ['zendesk', 'ticket_metrics'],
      'ticket_id',
      tickets,
      'ticket',
      report,
    )
    const ratings = ['zendesk', 'satisfaction_ratings']
    references(zd.satisfaction_ratings, ratings, 'ticket_id', tickets, 'ticket', report)
  }
  const st = d.stripe
  if (st) {
    const customers = idSet(st.customers, ['stripe', 'customers'], (x) => x.id, report)
    const subs = idSet(st.subscriptions, ['stripe', 'subscriptions'], (x) => x.id, report)
    idSet(st.invoices, ['stripe', 'invoices'], (x) => x.id, report)
    references(
      st.subscriptions,
      ['stripe', 'subscriptions'],
      'customer',
      customers,
      'customer',
      report,
    )
    references(st.invoices, ['stripe', 'invoices'], 'customer', customers, 'customer', report)
    references(st.invoices, ['stripe', 'invoices'], 'subscription', subs, 'subscription', report)
  }
  const am = d.amplitude
  if (am) {
    // A planned user's events are drawn from its device id and day: a shared device id would
    // expand into the same uuids twice.
    idSet(am.users, ['amplitude', 'users'], (x) => x.device_id, report)
    idSet(am.events, ['amplitude', 'events'], (x) => x.uuid ?? Symbol('no uuid'), report)
  }
  const crmAccounts =
    d.salesforce?.records.Account?.map((a) => a.Id) ?? d.hubspot?.companies.map((c) => c.id)
  if (d.groundTruth && crmAccounts) {
    const ids = new Set<unknown>(crmAccounts)
    references(
      d.groundTruth.accounts,
      ['groundTruth', 'accounts'],
      'crmId',
      ids,
      'CRM account',
      report,
    )
  }
}
