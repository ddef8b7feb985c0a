import type { SalesforceDataset } from '../salesforce/dataset-schema.js'
import { caseSafeSuffix } from '../salesforce/ids.js'
import { SEGMENT_ARR, type AccountPlan } from './account-plan.js'
import { addDays, addYears, sfDatetimeOn } from './dates.js'
import { COUNTRIES, INDUSTRIES, personName } from './names.js'
import type { Random } from './random.js'
import type { GroundTruthAccount, Segment, Trajectory } from './schema.js'

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

function sfId(prefix: string, n: number): string {
  let body = ''
  for (let i = 0, v = n; i < 10; i++, v = Math.floor(v / 62)) body = BASE62[v % 62] + body
  const id15 = `${prefix}5g${body}`
  return id15 + caseSafeSuffix(id15)
}

/** Days since the last logged activity: churners go quiet, expanders talk weekly. */
const ACTIVITY_DAYS: Record<Trajectory, [number, number]> = {
  churn: [50, 200],
  contract: [20, 90],
  stable: [3, 45],
  expand: [0, 14],
}

/** Win probability the account team sets on the open renewal. */
const RENEWAL_PROBABILITY: Record<Trajectory, [number, number]> = {
  churn: [10, 40],
  contract: [40, 70],
  stable: [60, 90],
  expand: [80, 100],
}

/** ARR change at the last renewal: contraction foreshadows churn. */
const LAST_RENEWAL_CHANGE: Record<Trajectory, [number, number]> = {
  churn: [0.6, 0.95],
  contract: [0.6, 0.85],
  stable: [0.97, 1.06],
  expand: [1.1, 1.45],
}

const EMPLOYEES: Record<Segment, [number, number]> = {
  enterprise: [1000, 20000],
  'mid-market': [150, 1500],
  smb: [5, 200],
}

export interface GeneratedCompany {
  name: string
  domain: string
  plan: AccountPlan
}

/**
 * The Salesforce org of the synthetic company: CSM users, accounts and their contract history
 * as closed-won New Business / Renewal / Upsell opportunities, plus open renewals.
 */
export function generateSalesforce(
  random: Random,
  asOf: string,
  companies: GeneratedCompany[],
): { dataset: SalesforceDataset; truth: GroundTruthAccount[]; csms: number } {
  let seq = 1
  const users: Rec[] = []
  const newUser = (title: string) => {
    const { first, last } = personName(random)
    const user: Rec = {
      Id: sfId('005', seq++),
      FirstName: first,
      LastName: last,
      Email: `${first}.${last}.${users.length + 1}@cs360-demo.example`.toLowerCase(),
      Username: `${first}.${last}.${users.length + 1}@cs360-demo.example`.toLowerCase(),
      Title: title,
      IsActive: true,
      CreatedDate: sfDatetimeOn(addDays(asOf, -900), 36_000),
      SystemModstamp: sfDatetimeOn(addDays(asOf, -random.int(30, 400)), random.int(0, 86_399)),
    }
    users.push(user)
    return user
  }
  const count = (s: Segment) => companies.filter((c) => c.plan.segment === s).length
  const pools: Record<Segment, Rec[]> = {
    enterprise: Array.from({ length: Math.max(1, Math.ceil(count('enterprise') / 15)) }, () =>
      newUser('Customer Success Manager, Enterprise'),
    ),
    'mid-market': Array.from({ length: Math.max(1, Math.ceil(count('mid-market') / 40)) }, () =>
      newUser('Customer Success Manager'),
    ),
    smb: [newUser('Digital Customer Success')],
  }

  const accounts: Rec[] = []
  const opportunities: Rec[] = []
  const truth: GroundTruthAccount[] = []
  companies.forEach((company, index) => {
    const { segment, trajectory, churned } = company.plan
    const owner = pools[segment][index % pools[segment].length]!
    const accountId = sfId('001', seq++)
    const [minArr, maxArr] = SEGMENT_ARR[segment]
    const currentArr = Math.round(random.logBetween(minArr, maxArr) / 100) * 100
    const [minChange, maxChange] = LAST_RENEWAL_CHANGE[trajectory]
    const lastChange = random.between(minChange, maxChange)
    const termYears = segment === 'enterprise' && random.chance(0.3) ? 2 : 1
    // Current term: started up to one term ago, so renewals spread over the coming months.
    const termStart = addDays(asOf, -random.int(0, termYears * 365 - 1))
    const termEnd = addDays(addYears(termStart, termYears), -1)
    const tenureTerms = random.int(0, segment === 'smb' ? 2 : 4)
    const starts = Array.from({ length: tenureTerms + 1 }, (_, k) =>
      addYears(termStart, -(tenureTerms - k) * termYears),
    )
    const customerSince = starts[0]!
    const arrAt = (k: number) =>
      k === tenureTerms
        ? currentArr
        : Math.round(currentArr / lastChange / (1 + 0.04 * (tenureTerms - 1 - k)) / 100) * 100

    const touch = (date: string) => sfDatetimeOn(date, random.int(28_800, 64_800))
    const opp = (fields: Record<string, unknown>) => {
      const close = String(fields.CloseDate)
      opportunities.push({
        Id: sfId('006', seq++),
        AccountId: accountId,
        OwnerId: owner.Id,
        CreatedDate: touch(addDays(close, -random.int(20, 90))),
        SystemModstamp: touch(close <= asOf ? close : addDays(asOf, -random.int(0, 20))),
        ...fields,
      })
    }
    starts.forEach((start, k) => {
      const lastTerm = k === tenureTerms
      const lost = churned && lastTerm
      const end = addDays(addYears(start, termYears), -1)
      opp({
        Name: `${company.name} — ${k === 0 ? 'New Business' : `Renewal ${start.slice(0, 4)}`}`,
        Type: k === 0 ? 'New Business' : 'Renewal',
        StageName: lost ? 'Closed Lost' : 'Closed Won',
        Amount: arrAt(k),
        Probability: lost ? 0 : 100,
        CloseDate: addDays(start, -1),
        IsClosed: true,
        IsWon: !lost,
        Contract_Start_Date__c: start,
        Contract_End_Date__c: end,
      })
    })
    let arrNow = churned ? 0 : currentArr
    if (!churned && trajectory === 'expand' && random.chance(0.5)) {
      const upsellStart = addDays(
        termStart,
        random.int(
          30,
          Math.max(
            31,
            Math.min(300, Math.floor((Date.parse(asOf) - Date.parse(termStart)) / 86_400_000)),
          ),
        ),
      )
      if (upsellStart <= asOf) {
        const upsell = Math.round((currentArr * random.between(0.1, 0.3)) / 100) * 100
        arrNow += upsell
        opp({
          Name: `${company.name} — Upsell`,
          Type: 'Upsell',
          StageName: 'Closed Won',
          Amount: upsell,
          Probability: 100,
          CloseDate: addDays(upsellStart, -1),
          IsClosed: true,
          IsWon: true,
          Contract_Start_Date__c: upsellStart,
          Contract_End_Date__c: termEnd,
        })
      }
    }
    const daysToRenewal = (Date.parse(termEnd) - Date.parse(asOf)) / 86_400_000
    if (!churned && daysToRenewal <= 120) {
      const [pMin, pMax] = RENEWAL_PROBABILITY[trajectory]
      const probability = Math.round(random.between(pMin, pMax) / 5) * 5
      opp({
        Name: `${company.name} — Renewal ${addDays(termEnd, 1).slice(0, 4)}`,
        Type: 'Renewal',
        StageName:
          probability >= 80
            ? 'Negotiation/Review'
            : probability >= 50
              ? 'Proposal/Price Quote'
              : 'Needs Analysis',
        Amount: currentArr,
        Probability: probability,
        CloseDate: termEnd,
        IsClosed: false,
        IsWon: false,
        Contract_Start_Date__c: addDays(termEnd, 1),
        Contract_End_Date__c: addDays(addYears(addDays(termEnd, 1), 1), -1),
      })
    }

    // Noise: one account in seven behaves unlike its trajectory on activity.
    const [aMin, aMax] = random.chance(1 / 7) ? [0, 120] : ACTIVITY_DAYS[trajectory]
    const lastActivity = churned
      ? addDays(termStart, -random.int(10, 90))
      : addDays(asOf, -random.int(aMin, aMax))
    const [eMin, eMax] = EMPLOYEES[segment]
    const employees = Math.round(random.logBetween(eMin, eMax))
    accounts.push({
      Id: accountId,
      Name: company.name,
      Website: `https://www.${company.domain}`,
      Industry: random.pick(INDUSTRIES),
      Type: churned ? 'Former Customer' : 'Customer',
      NumberOfEmployees: employees,
      AnnualRevenue: Math.round((employees * random.between(80_000, 250_000)) / 1000) * 1000,
      BillingCountry: random.pick(COUNTRIES),
      OwnerId: owner.Id,
      LastActivityDate: trajectory === 'churn' && random.chance(0.15) ? null : lastActivity,
      CreatedDate: touch(addDays(customerSince, -random.int(10, 60))),
      SystemModstamp: touch(addDays(asOf, -random.int(0, 60))),
      IsDeleted: false,
    })
    truth.push({
      crmId: accountId,
      domain: company.domain,
      segment,
      trajectory,
      churned,
      arr: arrNow,
    })
  })

  return {
    dataset: {
      objects: SALESFORCE_CUSTOM_FIELDS,
      records: { User: users, Account: accounts, Opportunity: opportunities },
    },
    truth,
    csms: users.length,
  }
}
