import type { CompanyModel } from '../dataset/company-model.js'
import type { Deal } from '../dataset/contracts.js'
import { drawCsmViews } from '../dataset/csm-view.js'
import { at, dateMs, isoMillis } from '../dataset/dates.js'
import type { HubspotDataset, HubspotProperty } from './dataset-schema.js'
import { Random } from '../dataset/random.js'
import type { TeamMember } from '../dataset/team.js'

/**
 * cs360's company properties as `cs360 crm provision` creates them. A generated portal starts
 * without them, as a new customer's does; test portals (test-portal.ts) start with them.
 */
export const CS360_COMPANY_PROPERTIES: HubspotProperty[] = [
  {
    name: 'cs360_health_score',
    label: 'CS360 Health Score',
    type: 'number',
    fieldType: 'number',
    groupName: 'cs360',
  },
  {
    name: 'cs360_health_band',
    label: 'CS360 Health Band',
    type: 'string',
    fieldType: 'text',
    groupName: 'cs360',
  },
  {
    name: 'cs360_arr',
    label: 'CS360 ARR',
    type: 'number',
    fieldType: 'number',
    groupName: 'cs360',
  },
  {
    name: 'cs360_next_renewal',
    label: 'CS360 Next Renewal',
    type: 'date',
    fieldType: 'date',
    groupName: 'cs360',
  },
]

/**
 * Custom properties a portal has before cs360 comes: the contract term on deals, and the
 * property where CSMs keep their own view of a company's health (cs360 reads it, never writes).
 */
export const HUBSPOT_CUSTOM_PROPERTIES: Record<'companies' | 'deals', HubspotProperty[]> = {
  companies: [
    {
      name: 'cs360_csm_health',
      label: 'CSM Health (your view)',
      type: 'string',
      fieldType: 'text',
      groupName: 'companyinformation',
    },
  ],
  deals: [
    {
      name: 'contract_start_date',
      label: 'Contract Start Date',
      type: 'date',
      fieldType: 'date',
      groupName: 'dealinformation',
    },
    {
      name: 'contract_end_date',
      label: 'Contract End Date',
      type: 'date',
      fieldType: 'date',
      groupName: 'dealinformation',
    },
  ],
}

/** Default sales pipeline stage ids and their stage probabilities. */
const STAGE: Record<Deal['stage'], [id: string, probability: string]> = {
  'Closed Won': ['closedwon', '1.0'],
  'Closed Lost': ['closedlost', '0.0'],
  'Negotiation/Review': ['contractsent', '0.9'],
  'Proposal/Price Quote': ['decisionmakerboughtin', '0.8'],
  'Needs Analysis': ['qualifiedtobuy', '0.4'],
}

/** `dealtype` options: HubSpot's two defaults plus the `renewal` option cs360 portals add. */
const DEAL_TYPE: Record<Deal['kind'], string> = {
  'New Business': 'newbusiness',
  Renewal: 'renewal',
  Upsell: 'existingbusiness',
}

/** HubSpot's industry picklist values for the generator's industries. */
const INDUSTRY: Record<string, string> = {
  Technology: 'COMPUTER_SOFTWARE',
  Healthcare: 'HOSPITAL_HEALTH_CARE',
  Finance: 'FINANCIAL_SERVICES',
  Retail: 'RETAIL',
  Manufacturing: 'MACHINERY',
  Education: 'EDUCATION_MANAGEMENT',
  Media: 'ONLINE_MEDIA',
  Transportation: 'TRANSPORTATION_TRUCKING_RAILROAD',
  Energy: 'OIL_ENERGY',
  Hospitality: 'HOSPITALITY',
}

/** The company domain HubSpot derives from a website: its host, lower-case, without `www.`. */
function domainOf(website: string): string {
  return website
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .split(/[/?#:]/)[0]!
    .replace(/^www\./, '')
}

/** Numeric ids, increasing with creation like HubSpot's, with gaps between them. */
function idSequence(random: Random, start: number) {
  let next = start
  return () => String((next += random.int(1, 4000)))
}

/** The same company as a HubSpot portal: owners, companies, and deals linked to their company. */
export function renderHubspot(
  model: CompanyModel,
  seed: number,
  expansion: ReadonlyMap<number, readonly Deal[]> = new Map(),
): { dataset: HubspotDataset; companyIds: string[] } {
  const random = Random.forPart(seed, 'hubspot')
  const ownerId = idSequence(random, 41_000_000)
  const companyId = idSequence(random, 18_000_000_000)
  const dealId = idSequence(random, 21_000_000_000)
  const owners = new Map<TeamMember, string>()
  const ownerRecords = model.team.members.map((m, i) => {
    const id = ownerId()
    owners.set(m, id)
    return {
      id,
      email: m.email,
      firstName: m.name.first,
      lastName: m.name.last,
      userId: 7_100_000 + i * 17,
      userIdIncludingInactive: 7_100_000 + i * 17,
      type: 'PERSON' as const,
      createdAt: isoMillis(m.createdMs),
      updatedAt: isoMillis(m.modifiedMs),
      archived: !m.active,
      teams: [
        {
          id: m.role === 'ae' ? '900101' : '900102',
          name: m.role === 'ae' ? 'Sales' : 'Customer Success',
          primary: true,
        },
      ],
    }
  })
  const companies: HubspotDataset['companies'] = []
  const deals: HubspotDataset['deals'] = []
  const companyIds: string[] = []
  /** A deal; `forecast`: the account team set its forecast probability (else the stage's holds). */
  const addDeal = (
    a: CompanyModel['accounts'][number],
    id: string,
    deal: Deal,
    forecast: boolean,
  ) => {
    const dId = dealId()
    const [stage, stageProbability] = STAGE[deal.stage]
    const name =
      deal.kind === 'New Business'
        ? `${a.identity.name} — New Business`
        : `${a.identity.name} — ${deal.kind} ${deal.start.slice(0, 4)}`
    deals.push({
      id: dId,
      properties: {
        dealname: name,
        amount: String(deal.amount),
        closedate: isoMillis(dateMs(deal.closeDate)),
        pipeline: 'default',
        dealstage: stage,
        dealtype: DEAL_TYPE[deal.kind],
        hs_deal_stage_probability: stageProbability,
        ...(forecast ? { hs_forecast_probability: String(deal.probability / 100) } : {}),
        hs_is_closed: String(deal.closed),
        hs_is_closed_won: String(deal.won),
        hubspot_owner_id: owners.get(deal.soldBy === 'ae' ? a.seller : a.owner)!,
        contract_start_date: deal.start,
        contract_end_date: deal.end,
        createdate: isoMillis(deal.createdMs),
        hs_lastmodifieddate: isoMillis(deal.modifiedMs),
        hs_object_id: dId,
      },
      createdAt: isoMillis(deal.createdMs),
      updatedAt: isoMillis(deal.modifiedMs),
      archived: false,
      associations: { companies: { results: [{ id, type: 'deal_to_company' }] } },
    })
  }
  const csmViews = drawCsmViews(seed, model)
  for (const a of model.accounts) {
    const id = companyId()
    companyIds.push(id)
    companies.push({
      id,
      properties: {
        name: a.identity.name,
        // The Website as the account team typed it (identity traps included: a subsidiary on its
        // parent's site); HubSpot derives the company domain from it.
        domain: domainOf(a.linking.website),
        website: a.linking.website,
        industry: INDUSTRY[a.industry] ?? null,
        numberofemployees: String(a.employees),
        annualrevenue: String(a.annualRevenue),
        country: a.identity.country,
        lifecyclestage: a.plan.churned ? 'other' : 'customer',
        hubspot_owner_id: owners.get(a.owner)!,
        cs360_csm_health: csmViews[a.index] ?? null,
        notes_last_updated: a.lastActivity
          ? isoMillis(at(a.lastActivity, random.int(28_800, 64_800)))
          : null,
        createdate: isoMillis(a.createdMs),
        hs_lastmodifieddate: isoMillis(a.modifiedMs),
        hs_object_id: id,
      },
      createdAt: isoMillis(a.createdMs),
      updatedAt: isoMillis(a.modifiedMs),
      archived: false,
    })
    for (const deal of a.contracts.deals) addDeal(a, id, deal, true)
  }
  // Open upsells after every company, so the other records keep their ids; nobody set their
  // forecast probability, so their stage's is the one HubSpot holds.
  for (const a of model.accounts)
    for (const deal of expansion.get(a.index) ?? []) addDeal(a, companyIds[a.index]!, deal, false)
  return {
    dataset: { properties: HUBSPOT_CUSTOM_PROPERTIES, owners: ownerRecords, companies, deals },
    companyIds,
  }
}
