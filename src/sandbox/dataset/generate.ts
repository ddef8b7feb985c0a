import { renderAmplitude } from '../amplitude/generator.js'
import { buildCompanyModel, type CompanyModel } from './company-model.js'
import { openExpansionDeals } from './expansion-opportunities.js'
import type { GroundTruthAccount, Segment } from './ground-truth-schema.js'
import { renderHubspot } from '../hubspot/generator.js'
import { renderSalesforce } from '../salesforce/generator.js'
import { datasetSchema, type Dataset } from './schema.js'
import { renderStripe } from '../stripe/generator.js'
import { isCsm } from './team.js'
import { renderZendesk } from '../zendesk/generator.js'

export interface GenerateOptions {
  accounts: number
  seed: number
  /** The dataset's "today" (YYYY-MM-DD): every date is placed relative to it. */
  asOf: string
  /** Which CRM holds the accounts (default salesforce); the other sections are the same either way. */
  crm?: 'salesforce' | 'hubspot'
}

/**
 * A synthetic B2B SaaS company in all five systems: the domain example's segment mix, CSM
 * coverage by segment, contract histories with renewals spread over the coming year, and
 * support, billing and usage signals that foreshadow each account's hidden trajectory (kept
 * in groundTruth). Deterministic per seed and asOf: no clock, no Math.random.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  if (!Number.isInteger(options.accounts) || options.accounts < 1)
    throw new Error('--accounts must be a positive whole number')
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be a whole number')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))
    throw new Error('--as-of must be a YYYY-MM-DD date')
  const crm = options.crm ?? 'salesforce'
  const { seed, asOf } = options
  const model = buildCompanyModel(seed, asOf, options.accounts)
  const expansion = openExpansionDeals(model, seed)
  const salesforce = crm === 'salesforce' ? renderSalesforce(model, seed, expansion) : undefined
  const hubspot = crm === 'hubspot' ? renderHubspot(model, seed, expansion) : undefined
  const crmIds = salesforce?.accountIds ?? hubspot!.companyIds
  const zendesk = renderZendesk(model, seed, crmIds)
  const stripe = renderStripe(model, seed, crmIds)
  return datasetSchema.parse({
    format: 'cs360-dataset',
    version: 1,
    asOf,
    seed,
    company: summary(model, crm),
    salesforce: salesforce?.dataset,
    hubspot: hubspot?.dataset,
    zendesk: zendesk.dataset,
    stripe: stripe.dataset,
    amplitude: renderAmplitude(model, seed),
    groundTruth: {
      accounts: model.accounts.map((a): GroundTruthAccount => ({
        crmId: crmIds[a.index]!,
        name: a.identity.name,
        domain: a.identity.domain,
        segment: a.plan.segment,
        trajectory: a.plan.trajectory,
        looksLike: a.plan.looksLike,
        churned: a.plan.churned,
        arr: a.contracts.arr,
        health: Math.round(a.plan.health * 1000) / 10,
        renewalDate: a.plan.churned ? null : a.contracts.termEnd,
        churnDate: a.churnDate,
        links: {
          zendeskOrganizationId: zendesk.organizationIds[a.index]!,
          stripeCustomerId: stripe.customerIds[a.index]!,
          amplitudeGroup: a.linking.amplitudeGroup,
        },
        identity: { trap: a.linking.trap, expected: a.linking.expected },
      })),
    },
  })
}

function summary(model: CompanyModel, crm: 'salesforce' | 'hubspot') {
  const bySegment: Record<Segment, number> = { enterprise: 0, 'mid-market': 0, smb: 0 }
  for (const a of model.accounts) bySegment[a.plan.segment] += 1
  return {
    accounts: model.accounts.length,
    customers: model.accounts.filter((a) => !a.plan.churned).length,
    bySegment,
    arr: model.accounts.reduce((sum, a) => sum + a.contracts.arr, 0),
    csms: model.team.members.filter(isCsm).length,
    crm,
  }
}
