import { describe, expect, it } from 'vitest'
import { domainFromWebsite } from '../../connectors/domain.js'
import { decodeActivity } from '../amplitude/activity-plan.js'
import { SEGMENT_ARR } from './account-plan.js'
import { addDays } from './dates.js'
import { formatDatasetJson } from './dataset-json.js'
import { generateDataset } from './generate.js'
import { parseDataset, type Dataset } from './schema.js'
import { SANDBOX_SURVEYS } from '../amplitude/generator-surveys.js'

const asOf = '2026-11-22'
const DAY = 86_400_000
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length

/** Every planned active day of the Amplitude section, decoded. */
function plannedDays(dataset: Dataset) {
  const section = dataset.amplitude!
  return section.users.flatMap((user) =>
    decodeActivity(user.days).map((day) => ({
      domain: user.groups.company![0]!,
      user: user.user_id,
      date: addDays(section.from!, day.offset),
      events: day.events,
      features: section.features.filter((_, i) => (day.features >> i) & 1),
    })),
  )
}

describe('dataset generator', () => {
  it('is deterministic per seed and asOf, and differs across seeds', () => {
    const a = formatDatasetJson(generateDataset({ accounts: 40, seed: 7, asOf }))
    const b = formatDatasetJson(generateDataset({ accounts: 40, seed: 7, asOf }))
    const c = formatDatasetJson(generateDataset({ accounts: 40, seed: 8, asOf }))
    const d = formatDatasetJson(generateDataset({ accounts: 40, seed: 7, asOf: '2026-11-23' }))
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    expect(a).not.toBe(d)
  })

  it('rejects options it cannot honour', () => {
    expect(() => generateDataset({ accounts: 0, seed: 1, asOf })).toThrow(/accounts/)
    expect(() => generateDataset({ accounts: 5, seed: 1.5, asOf })).toThrow(/seed/)
    expect(() => generateDataset({ accounts: 5, seed: 1, asOf: '22/11/2026' })).toThrow(/as-of/)
  })

  const big = generateDataset({ accounts: 1000, seed: 42, asOf })
  const truth = big.groundTruth!.accounts
  const records = big.salesforce!.records
  const accountById = new Map(records.Account!.map((a) => [a.Id, a]))

  it('follows the segment mix of the domain example with segment ARR bands', () => {
    const share = (segment: string) =>
      truth.filter((a) => a.segment === segment).length / truth.length
    expect(Math.abs(share('enterprise') - 0.12)).toBeLessThanOrEqual(0.04)
    expect(Math.abs(share('mid-market') - 0.35)).toBeLessThanOrEqual(0.04)
    expect(Math.abs(share('smb') - 0.53)).toBeLessThanOrEqual(0.04)
    for (const account of truth.filter((a) => !a.churned)) {
      const [min, max] = SEGMENT_ARR[account.segment]
      expect(account.arr).toBeGreaterThanOrEqual(min)
      // Expanders may have grown past their band by an upsell of up to 30%.
      expect(account.arr).toBeLessThan(account.trajectory === 'expand' ? max * 1.3 : max)
    }
    expect(big.company!.arr).toBe(truth.reduce((s, a) => s + a.arr, 0))
  })

  it('states ARR as the closed-won contracts running on asOf, zero for former customers', () => {
    const running = new Map<string, number>()
    for (const o of records.Opportunity!) {
      const covers =
        String(o.Contract_Start_Date__c) <= asOf && String(o.Contract_End_Date__c) >= asOf
      if (o.IsWon === true && covers) {
        running.set(String(o.AccountId), (running.get(String(o.AccountId)) ?? 0) + Number(o.Amount))
      }
    }
    for (const account of truth) expect(running.get(account.crmId) ?? 0).toBe(account.arr)
    for (const account of truth.filter((a) => a.churned)) {
      expect(accountById.get(account.crmId)!.Type).toBe('Former Customer')
      expect(account.arr).toBe(0)
    }
    expect(truth.filter((a) => !a.churned).every((a) => a.arr > 0)).toBe(true)
  })

  it('spreads renewals over the coming year and opens renewals due within 120 days', () => {
    const open = records.Opportunity!.filter((o) => o.IsClosed === false && o.Type === 'Renewal')
    const dueSoon = truth.filter(
      (a) => !a.churned && (Date.parse(a.renewalDate!) - Date.parse(asOf)) / DAY <= 120,
    )
    expect(new Set(open.map((o) => o.AccountId))).toEqual(new Set(dueSoon.map((a) => a.crmId)))
    const annual = truth.filter((a) => !a.churned && a.segment !== 'enterprise')
    const byQuarter = [0, 0, 0, 0]
    for (const a of annual) {
      const days = (Date.parse(a.renewalDate!) - Date.parse(asOf)) / DAY
      byQuarter[Math.min(3, Math.floor(days / 91.5))]! += 1
    }
    for (const n of byQuarter) expect(n / annual.length).toBeGreaterThan(0.18)
  })

  it('links every opportunity to an account and every account to an owner, ids unique', () => {
    const userIds = new Set(records.User!.map((u) => u.Id))
    expect(records.Opportunity!.every((o) => accountById.has(String(o.AccountId)))).toBe(true)
    expect(records.Account!.every((a) => userIds.has(String(a.OwnerId)))).toBe(true)
    expect(records.Opportunity!.every((o) => userIds.has(String(o.OwnerId)))).toBe(true)
    const all = [...accountById.keys(), ...userIds, ...records.Opportunity!.map((o) => o.Id)]
    expect(new Set(all).size).toBe(all.length)
    for (const id of all) expect(id).toMatch(/^(001|005|006)[A-Za-z0-9]{15}$/)
  })

  it('has upsells in the works for many expanders, at a mid-pipeline stage, closing soon', () => {
    const upsells = records.Opportunity!.filter((o) => o.IsClosed === false && o.Type === 'Upsell')
    const byId = new Map(truth.map((a) => [a.crmId, a]))
    const expanders = truth.filter((a) => a.trajectory === 'expand' && !a.churned)
    const withUpsell = new Set(upsells.map((o) => String(o.AccountId)))
    expect(withUpsell.size).toBe(upsells.length) // one each
    const share = expanders.filter((a) => withUpsell.has(a.crmId)).length / expanders.length
    expect(share).toBeGreaterThan(0.45)
    expect(share).toBeLessThan(0.75)
    for (const o of upsells) {
      const account = byId.get(String(o.AccountId))!
      expect(account.churned).toBe(false)
      expect(['expand', 'stable']).toContain(account.trajectory)
      // Salesforce's default probability of the stage.
      expect([
        ['Needs Analysis', 20],
        ['Proposal/Price Quote', 75],
      ]).toContainEqual([o.StageName, o.Probability])
      const days = (Date.parse(String(o.CloseDate)) - Date.parse(asOf)) / DAY
      expect(days).toBeGreaterThan(0)
      expect(days).toBeLessThan(183)
      expect(Number(o.Amount)).toBeGreaterThan(0)
      expect(Number(o.Amount)).toBeLessThanOrEqual(account.arr * 0.35 + 1_000)
      expect(String(o.SystemModstamp) < asOf).toBe(true)
    }
  })

  it('covers accounts with CSMs by segment: 1:15 enterprise, 1:40 mid-market, one digital CS', () => {
    const owners = (segment: string) =>
      new Set(
        truth.filter((a) => a.segment === segment).map((a) => accountById.get(a.crmId)!.OwnerId),
      )
    expect(owners('enterprise').size).toBe(Math.ceil(120 / 15))
    expect(owners('mid-market').size).toBe(Math.ceil(350 / 40))
    expect(owners('smb').size).toBe(1)
    expect(big.company!.csms).toBe(owners('enterprise').size + owners('mid-market').size + 1)
  })

  it('validates against the dataset schema', () => {
    expect(() => parseDataset(JSON.parse(JSON.stringify(big)))).not.toThrow()
  }, 60_000)

  it('joins each company across systems by CRM id or a domain each system spells its own way', () => {
    const orgs = new Map(big.zendesk!.organizations.map((o) => [o.id, o]))
    const stripeCustomers = new Map(big.stripe!.customers.map((c) => [c.id, c]))
    let withExternalId = 0
    for (const a of truth) {
      const org = orgs.get(a.links!.zendeskOrganizationId!)!
      const customer = stripeCustomers.get(a.links!.stripeCustomerId!)!
      expect([a.crmId, null]).toContain(org.external_id)
      expect([a.crmId, undefined]).toContain(customer.metadata.crm_account_id)
      if (org.external_id) withExternalId++
      if (a.identity!.trap !== null) continue
      expect(org.domain_names.map(domainFromWebsite)).toContain(a.domain)
      expect(domainFromWebsite(customer.metadata.domain)).toBe(a.domain)
      expect(domainFromWebsite(accountById.get(a.crmId)!.Website as string)).toBe(a.domain)
      expect(domainFromWebsite(a.links!.amplitudeGroup)).toBe(a.domain)
    }
    expect(withExternalId / truth.length).toBeGreaterThan(0.85)
    const domains = new Set(truth.map((a) => a.domain))
    expect(domains.size).toBe(truth.length)
    for (const e of [...big.amplitude!.events, ...big.amplitude!.users]) {
      const [group] = e.groups!.company as string[]
      expect(domains.has(domainFromWebsite(group)!)).toBe(true)
      expect(e.user_id!.endsWith(`@${domainFromWebsite(group)}`)).toBe(true)
    }
  })

  it('plants every identity trap, with what resolution must conclude', () => {
    const byTrap = (trap: string) => truth.filter((a) => a.identity!.trap === trap)
    for (const trap of ['no-shared-id', 'parent-domain', 'free-mail-billing', 'near-miss-domain'])
      expect(byTrap(trap).length, trap).toBeGreaterThanOrEqual(4)
    const orgs = new Map(big.zendesk!.organizations.map((o) => [o.id, o]))
    for (const a of byTrap('no-shared-id')) {
      expect(orgs.get(a.links!.zendeskOrganizationId!)!.external_id).toBeNull()
      expect(a.identity!.expected).toEqual({
        zendesk: 'matched',
        stripe: 'matched',
        amplitude: 'matched',
      })
    }
    // A subsidiary's CRM Website is its parent's domain: two CRM accounts share it.
    const websites = new Map<string, number>()
    for (const account of records.Account!) {
      const domain = domainFromWebsite(account.Website as string)!
      websites.set(domain, (websites.get(domain) ?? 0) + 1)
    }
    expect([...websites.values()].filter((n) => n > 1).length).toBe(
      byTrap('parent-domain').length / 2,
    )
    for (const a of byTrap('free-mail-billing'))
      expect(a.identity!.expected.stripe).toBe('unmatched')
    for (const a of byTrap('near-miss-domain')) {
      const org = orgs.get(a.links!.zendeskOrganizationId!)!
      expect(org.domain_names).not.toContain(a.domain)
      expect(a.identity!.expected.zendesk).toBe('unmatched')
    }
  })

  it('stamps nothing after the dataset day', () => {
    const end = Date.parse(asOf) + DAY
    // Stripe counts unix seconds; Amplitude writes UTC without a zone letter.
    const ms = (v: unknown) =>
      typeof v === 'number' ? v * 1000 : Date.parse(String(v).replace(/^(\S+) (\S+)$/, '$1T$2Z'))
    const latest = (values: unknown[]) => Math.max(...values.map(ms))
    expect(latest(big.zendesk!.tickets.map((t) => t.updated_at))).toBeLessThan(end)
    expect(latest(big.zendesk!.satisfaction_ratings.map((r) => r.created_at))).toBeLessThan(end)
    expect(latest(big.stripe!.invoices.map((i) => i.created))).toBeLessThan(end)
    expect(latest(big.amplitude!.events.map((e) => e.server_upload_time))).toBeLessThan(end)
    expect(plannedDays(big).every((d) => Date.parse(d.date) < end)).toBe(true)
    expect(latest(records.Account!.map((a) => a.SystemModstamp as string))).toBeLessThan(end)
  })

  it('keeps a 340-account company in a sane file: thousands of tickets, a compact year of usage', () => {
    const company = generateDataset({ accounts: 340, seed: 42, asOf })
    expect(company.zendesk!.tickets.length).toBeGreaterThan(1500)
    expect(company.zendesk!.tickets.length).toBeLessThan(6000)
    expect(formatDatasetJson(company).length).toBeLessThan(30_000_000)
    // A year of usage, planned: hundreds of thousands of events in a couple of megabytes.
    const days = plannedDays(company)
    const events = days.reduce((sum, d) => sum + d.events, 0)
    expect(events).toBeGreaterThan(150_000)
    expect(JSON.stringify(company.amplitude).length).toBeLessThan(events * 12)
    const oldest = Date.parse(asOf) - 364 * DAY
    expect(days.every((d) => Date.parse(d.date) >= oldest)).toBe(true)
    expect(days.some((d) => Date.parse(d.date) < oldest + 30 * DAY)).toBe(true)
    // Stored events: the backend's $groupidentify calls and in-app survey answers.
    const surveys = new Set<string>(Object.values(SANDBOX_SURVEYS).map((s) => s.eventType))
    const stored = company.amplitude!.events
    expect(
      stored.every((e) => e.event_type === '$groupidentify' || surveys.has(e.event_type)),
    ).toBe(true)
    expect(stored.filter((e) => surveys.has(e.event_type)).length).toBeLessThan(events / 20)
  })

  describe('plants signals by how each account looks, which is not always where it is heading', () => {
    // Signal tests group accounts by what they look like; the outcome tests by trajectory.
    const looking = (trajectory: string) =>
      truth.filter((a) => a.looksLike === trajectory && !a.churned)

    const silence = (trajectory: string) =>
      looking(trajectory).map((a) => {
        const last = accountById.get(a.crmId)!.LastActivityDate
        return last ? (Date.parse(asOf) - Date.parse(String(last))) / DAY : 365
      })

    it('mixes in churners that look fine and stayers that look troubled', () => {
      const share = (trajectory: string, look: string) =>
        truth.filter((a) => a.trajectory === trajectory && a.looksLike === look).length /
        truth.filter((a) => a.trajectory === trajectory).length
      expect(share('churn', 'stable')).toBeGreaterThan(0.15)
      expect(share('churn', 'stable')).toBeLessThan(0.35)
      expect(share('stable', 'contract') + share('stable', 'churn')).toBeGreaterThan(0.08)
      // The hidden health of churners and stayers overlaps.
      const healthyChurners = truth.filter((a) => a.trajectory === 'churn' && a.health! >= 60)
      expect(healthyChurners.length).toBeGreaterThan(0)
    })

    it('in the CRM: no single field gives the outcome away', () => {
      // Probability that a churner looks worse than a stayer on one field (an AUC).
      const separation = (worse: (a: (typeof truth)[number]) => number | null) => {
        const score = (a: (typeof truth)[number]) => worse(a)
        const churners = truth.filter((a) => !a.churned && a.trajectory === 'churn')
        const stayers = truth.filter((a) => !a.churned && a.trajectory !== 'churn')
        let wins = 0
        let pairs = 0
        for (const c of churners)
          for (const s of stayers) {
            const [x, y] = [score(c), score(s)]
            if (x === null || y === null) continue
            pairs += 1
            wins += x > y ? 1 : x === y ? 0.5 : 0
          }
        return wins / pairs
      }
      const silenceOf = (a: (typeof truth)[number]) => {
        const last = accountById.get(a.crmId)!.LastActivityDate
        return last ? (Date.parse(asOf) - Date.parse(String(last))) / DAY : 365
      }
      const renewal = new Map(
        records
          .Opportunity!.filter((o) => o.IsClosed === false && o.Type === 'Renewal')
          .map((o) => [String(o.AccountId), Number(o.Probability)]),
      )
      const doubt = (a: (typeof truth)[number]) =>
        renewal.has(a.crmId) ? 100 - renewal.get(a.crmId)! : null
      for (const auc of [separation(silenceOf), separation(doubt)]) {
        expect(auc).toBeGreaterThan(0.5)
        expect(auc).toBeLessThan(0.75)
      }
    })

    it('in support: a larger share of bad CSAT ratings', () => {
      const orgOfTicket = new Map(big.zendesk!.tickets.map((t) => [t.id, t.organization_id]))
      const badShare = (trajectory: string) => {
        const orgs = new Set(looking(trajectory).map((a) => a.links!.zendeskOrganizationId))
        const ratings = big.zendesk!.satisfaction_ratings.filter((r) =>
          orgs.has(orgOfTicket.get(r.ticket_id)!),
        )
        return ratings.filter((r) => r.score === 'bad').length / ratings.length
      }
      expect(badShare('churn')).toBeGreaterThan(badShare('expand') * 2)
    })

    it('in billing: more failed or overdue invoices', () => {
      const troubled = (trajectory: string) => {
        const ids = new Set(looking(trajectory).map((a) => a.links!.stripeCustomerId))
        const invoices = big.stripe!.invoices.filter((i) => ids.has(i.customer))
        return (
          invoices.filter((i) => i.attempt_count > 1 || i.status !== 'paid').length /
          invoices.length
        )
      }
      expect(troubled('churn')).toBeGreaterThan(troubled('expand') * 3)
    })

    it('in product usage: fading before churn, growing users and breadth at expanders', () => {
      const byDomain = new Map<string, ReturnType<typeof plannedDays>>()
      for (const d of plannedDays(big))
        byDomain.set(d.domain, [...(byDomain.get(d.domain) ?? []), d])
      const age = (d: { date: string }) => (Date.parse(asOf) - Date.parse(d.date)) / DAY
      const ratio = (
        trajectory: string,
        measure: (days: ReturnType<typeof plannedDays>) => number,
      ) => {
        const days = looking(trajectory).flatMap((a) => byDomain.get(a.domain) ?? [])
        return measure(days.filter((d) => age(d) < 60)) / measure(days.filter((d) => age(d) >= 300))
      }
      const events = (days: ReturnType<typeof plannedDays>) =>
        days.reduce((s, d) => s + d.events, 0)
      const users = (days: ReturnType<typeof plannedDays>) => new Set(days.map((d) => d.user)).size
      expect(ratio('churn', events)).toBeLessThan(0.8)
      expect(ratio('expand', events)).toBeGreaterThan(1.2)
      expect(ratio('expand', users)).toBeGreaterThan(ratio('stable', users))
      // Churned accounts go quiet: nothing after they left.
      for (const account of truth.filter((a) => a.churned))
        for (const d of byDomain.get(account.domain) ?? [])
          expect(d.date < account.churnDate!).toBe(true)
      const breadth = (trajectory: string) =>
        mean(
          looking(trajectory).map((a) => {
            const days = byDomain.get(a.domain) ?? []
            return new Set(days.flatMap((d) => d.features)).size
          }),
        )
      expect(breadth('expand')).toBeGreaterThan(breadth('churn') + 2)
    })

    it('with noise: some churners were still contacted recently', () => {
      const recent = silence('churn').filter((days) => days <= 30).length
      expect(recent).toBeGreaterThan(0)
      expect(recent / silence('churn').length).toBeLessThan(0.6)
    })
  })
})

describe('HubSpot variant', () => {
  const options = { accounts: 120, seed: 9, asOf }
  const hubspot: Dataset = generateDataset({ ...options, crm: 'hubspot' })
  const salesforce: Dataset = generateDataset(options)

  it('emits a hubspot section instead of salesforce, and validates', () => {
    expect(hubspot.salesforce).toBeUndefined()
    expect(hubspot.company!.crm).toBe('hubspot')
    expect(() => parseDataset(JSON.parse(JSON.stringify(hubspot)))).not.toThrow()
    const hs = hubspot.hubspot!
    expect(hs.companies).toHaveLength(120)
    const companyIds = new Set(hs.companies.map((c) => c.id))
    for (const deal of hs.deals) {
      expect(companyIds.has(deal.associations!.companies!.results[0]!.id)).toBe(true)
    }
    expect(hubspot.groundTruth!.accounts.every((a) => companyIds.has(a.crmId))).toBe(true)
    const orgs = hubspot.zendesk!.organizations.filter((o) => o.external_id)
    expect(orgs.every((o) => companyIds.has(o.external_id!))).toBe(true)
  })

  it('is the same company as the Salesforce variant', () => {
    const strip = (d: Dataset) =>
      d.groundTruth!.accounts.map(({ crmId: _id, links: _links, ...rest }) => rest)
    expect(strip(hubspot)).toEqual(strip(salesforce))
    expect(hubspot.hubspot!.deals).toHaveLength(salesforce.salesforce!.records.Opportunity!.length)
    // The open upsells too: existing business, at their stage's probability (none set by hand).
    const upsells = hubspot.hubspot!.deals.filter(
      (d) => d.properties.dealtype === 'existingbusiness' && d.properties.hs_is_closed === 'false',
    )
    expect(upsells.length).toBe(
      salesforce.salesforce!.records.Opportunity!.filter((o) => o.Type === 'Upsell' && !o.IsClosed)
        .length,
    )
    expect(upsells.length).toBeGreaterThan(0)
    for (const d of upsells) {
      expect(['qualifiedtobuy', 'decisionmakerboughtin']).toContain(d.properties.dealstage)
      expect(d.properties.hs_forecast_probability).toBeUndefined()
    }
    expect(hubspot.amplitude).toEqual(salesforce.amplitude)
    expect(hubspot.zendesk!.tickets.length).toBe(salesforce.zendesk!.tickets.length)
  })
})
