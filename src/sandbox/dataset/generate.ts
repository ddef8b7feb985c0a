import { planAccounts } from './account-plan.js'
import { companyNames } from './names.js'
import { Random } from './random.js'
import { generateSalesforce } from './salesforce-generator.js'
import { datasetSchema, type Dataset, type Segment } from './schema.js'

export interface GenerateOptions {
  accounts: number
  seed: number
  /** The dataset's "today" (YYYY-MM-DD): every date is placed relative to it. */
  asOf: string
}

/**
 * A synthetic B2B SaaS company: the domain example's segment mix, CSM coverage by segment,
 * contract histories with renewals spread over the coming year, and signals that foreshadow
 * each account's hidden trajectory (kept in groundTruth). Deterministic per seed and asOf.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  if (!Number.isInteger(options.accounts) || options.accounts < 1)
    throw new Error('--accounts must be a positive whole number')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new Error('--as-of must be a YYYY-MM-DD date')
  const random = new Random(options.seed)
  const plans = planAccounts(random, options.accounts)
  const names = companyNames(random, options.accounts)
  const companies = plans.map((plan, i) => ({ ...names[i]!, plan }))
  const salesforce = generateSalesforce(random, options.asOf, companies)
  const bySegment: Record<Segment, number> = { enterprise: 0, 'mid-market': 0, smb: 0 }
  for (const plan of plans) bySegment[plan.segment] += 1
  return datasetSchema.parse({
    format: 'cs360-dataset',
    version: 1,
    asOf: options.asOf,
    seed: options.seed,
    company: {
      accounts: options.accounts,
      bySegment,
      arr: salesforce.truth.reduce((sum, a) => sum + a.arr, 0),
      csms: salesforce.csms,
    },
    salesforce: salesforce.dataset,
    groundTruth: { accounts: salesforce.truth },
  })
}
