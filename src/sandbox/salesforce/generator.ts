import type { SalesforceDataset } from './dataset-schema.js'
import { caseSafeSuffix } from './ids.js'
import type { CompanyModel } from '../dataset/company-model.js'
import type { Deal } from '../dataset/contracts.js'
import { drawCsmViews } from '../dataset/csm-view.js'
import { sfDatetime } from '../dataset/dates.js'
import type { TeamMember } from '../dataset/team.js'

type Rec = Record<string, unknown> & { Id: string }

/** Custom fields a cs360 org has: the contract term on opportunities, cs360's outputs on accounts. */
export const SALESFORCE_CUSTOM_FIELDS: SalesforceDataset['objects'] = {
  Account: {
    customFields: [
      {
        name: 'CS360_Health_Score__c',
        type: 'double',
        label: 'CS360 Health Score',
        precision: 5,
        scale: 1,
      },
      { name: 'CS360_Health_Band__c', type: 'string', label: 'CS360 Health Band', length: 20 },
      { name: 'CS360_ARR__c', type: 'currency', label: 'CS360 ARR', precision: 18, scale: 2 },
      { name: 'CS360_Next_Renewal__c', type: 'date', label: 'CS360 Next Renewal' },
      // What a CSM sees beside the score (the demo maps every cs360 output).
      {
        name: 'CS360_Health_Status__c',
        type: 'picklist',
        label: 'CS360 Health Status',
        picklistValues: ['Green', 'Yellow', 'Red'],
      },
      {
        name: 'CS360_Health_Trend__c',
        type: 'double',
        label: 'CS360 Health Trend (30 days)',
        precision: 5,
        scale: 1,
      },
      {
        name: 'CS360_Health_Drivers__c',
        type: 'string',
        label: 'CS360 Health Drivers',
        length: 255,
      },
      { name: 'CS360_Segment__c', type: 'string', label: 'CS360 Segment', length: 40 },
      {
        name: 'CS360_Lifecycle_Stage__c',
        type: 'string',
        label: 'CS360 Lifecycle Stage',
        length: 40,
      },
      { name: 'CS360_Next_Play__c', type: 'string', label: 'CS360 Next Play', length: 255 },
      {
        name: 'CS360_Next_Play_Priority__c',
        type: 'string',
        label: 'CS360 Next Play Priority',
        length: 20,
      },
      {
        name: 'CS360_Renewal_Forecast__c',
        type: 'currency',
        label: 'CS360 Renewal Forecast',
        precision: 18,
        scale: 2,
      },
      {
        name: 'CS360_Expansion_Pipeline__c',
        type: 'currency',
        label: 'CS360 Expansion Pipeline (weighted)',
        precision: 18,
        scale: 2,
      },
      {
        name: 'CS360_Renewal_Risk__c',
        type: 'picklist',
        label: 'CS360 Renewal Risk',
        picklistValues: ['At risk', 'On track'],
      },
      {
        name: 'CS360_Config_Version__c',
        type: 'string',
        label: 'CS360 Config Version',
        length: 20,
      },
      { name: 'CS360_Computed_At__c', type: 'date', label: 'CS360 Computed At' },
      // The CSM's own view of health, typed by people: cs360 reads it and never writes it.
      { name: 'CS360_CSM_Health__c', type: 'string', label: 'CSM Health (your view)', length: 40 },
    ],
  },
  Opportunity: {
    customFields: [
      { name: 'Contract_Start_Date__c', type: 'date', label: 'Contract Start Date' },
      { name: 'Contract_End_Date__c', type: 'date', label: 'Contract End Date' },
    ],
  },
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** 18-character id: key prefix, a pod-like "5g", a base-62 sequence, the case-safe suffix. */
function sfId(prefix: string, n: number): string {
  let body = ''
  for (let i = 0, v = n; i < 10; i++, v = Math.floor(v / 62)) body = BASE62[v % 62] + body
  const id15 = `${prefix}5g${body}`
  return id15 + caseSafeSuffix(id15)
}

const FORECAST_CATEGORY: Record<Deal['stage'], string> = {
  'Closed Won': 'Closed',
  'Closed Lost': 'Omitted',
  'Negotiation/Review': 'Commit',
  'Proposal/Price Quote': 'Best Case',
  'Needs Analysis': 'Pipeline',
}

function dealName(company: string, deal: Deal): string {
  if (deal.kind === 'New Business') return `${company} — New Business`
  return `${company} — ${deal.kind} ${deal.start.slice(0, 4)}`
}

/**
 * The company's Salesforce org: CSM and AE users, accounts (with their CSM's own health view
 * where the CSM keeps one), and each account's contract history
 * as opportunities, then the open expansion opportunities (by account index; after every
 * account, so the other records keep their ids). Returns the records and each account's Id, in
 * model order.
 */
export function renderSalesforce(
  model: CompanyModel,
  seed: number,
  expansion: ReadonlyMap<number, readonly Deal[]> = new Map(),
): {
  dataset: SalesforceDataset
  accountIds: string[]
} {
  let seq = 1
  const userIds = new Map<TeamMember, string>()
  const users: Rec[] = model.team.members.map((m) => {
    const id = sfId('005', seq++)
    userIds.set(m, id)
    return {
      Id: id,
      FirstName: m.name.first,
      LastName: m.name.last,
      Name: `${m.name.first} ${m.name.last}`,
      Email: m.email,
      Username: m.email,
      Title: m.title,
      IsActive: m.active,
      CreatedDate: sfDatetime(m.createdMs),
      SystemModstamp: sfDatetime(m.modifiedMs),
    }
  })
  const accounts: Rec[] = []
  const opportunities: Rec[] = []
  const accountIds: string[] = []
  const opportunity = (a: CompanyModel['accounts'][number], accountId: string, deal: Deal) =>
    opportunities.push({
      Id: sfId('006', seq++),
      AccountId: accountId,
      OwnerId: userIds.get(deal.soldBy === 'ae' ? a.seller : a.owner)!,
      Name: dealName(a.identity.name, deal),
      Type: deal.kind,
      StageName: deal.stage,
      ForecastCategoryName: FORECAST_CATEGORY[deal.stage],
      Amount: deal.amount,
      Probability: deal.probability,
      CloseDate: deal.closeDate,
      IsClosed: deal.closed,
      IsWon: deal.won,
      Contract_Start_Date__c: deal.start,
      Contract_End_Date__c: deal.end,
      CreatedDate: sfDatetime(deal.createdMs),
      SystemModstamp: sfDatetime(deal.modifiedMs),
      IsDeleted: false,
    })
  const csmViews = drawCsmViews(seed, model)
  for (const a of model.accounts) {
    const accountId = sfId('001', seq++)
    accountIds.push(accountId)
    accounts.push({
      Id: accountId,
      Name: a.identity.name,
      Website: a.linking.website,
      Industry: a.industry,
      Type: a.plan.churned ? 'Former Customer' : 'Customer',
      NumberOfEmployees: a.employees,
      AnnualRevenue: a.annualRevenue,
      BillingCountry: a.identity.country,
      OwnerId: userIds.get(a.owner)!,
      LastActivityDate: a.lastActivity,
      CS360_CSM_Health__c: csmViews[a.index] ?? null,
      CreatedDate: sfDatetime(a.createdMs),
      SystemModstamp: sfDatetime(a.modifiedMs),
      IsDeleted: false,
    })
    for (const deal of a.contracts.deals) opportunity(a, accountId, deal)
  }
  for (const a of model.accounts)
    for (const deal of expansion.get(a.index) ?? []) opportunity(a, accountIds[a.index]!, deal)
  return {
    dataset: {
      objects: SALESFORCE_CUSTOM_FIELDS,
      records: { User: users, Account: accounts, Opportunity: opportunities },
    },
    accountIds,
  }
}
