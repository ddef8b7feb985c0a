import type { CompanyModel } from './company-model.js'
import type { Deal } from './contracts.js'
import { addDays, addYears, at } from './dates.js'
import type { Trajectory } from './ground-truth-schema.js'
import { Random } from './random.js'

/** How often a customer has an upsell in the works: mostly the accounts that will expand. */
const OPEN_UPSELL_CHANCE: Record<Trajectory, number> = {
  expand: 0.6,
  stable: 0.1,
  contract: 0,
  churn: 0,
}

/**
 * Mid-pipeline stages of Salesforce's default sales process with the probability the org sets
 * from each (the HubSpot renderer maps them to its own stages and their probabilities).
 */
const MID_PIPELINE: readonly (readonly [Deal['stage'], number])[] = [
  ['Needs Analysis', 20],
  ['Proposal/Price Quote', 75],
]

const round100 = (n: number) => Math.round(n / 100) * 100

/**
 * Open Upsell opportunities of the company's customers, by account index: some expanders (and
 * a few steady accounts) are being sold more seats, at a mid-pipeline stage, closing within the
 * next two quarters and co-termed with the running contract. Drawn from a stream of their own,
 * so every other record of the company stays as it was; the CRM renderers add them after the
 * accounts' contract histories.
 */
export function openExpansionDeals(model: CompanyModel, seed: number): Map<number, Deal[]> {
  const random = Random.forPart(seed, 'expansion-pipeline')
  const deals = new Map<number, Deal[]>()
  for (const account of model.accounts) {
    const { plan, contracts } = account
    if (plan.churned || !random.chance(OPEN_UPSELL_CHANCE[plan.trajectory])) continue
    const [stage, probability] = random.pick(MID_PIPELINE)
    const closeDate = addDays(model.asOf, random.int(14, 170))
    const start = addDays(closeDate, 1)
    const end = contracts.termEnd > start ? contracts.termEnd : addDays(addYears(start, 1), -1)
    const workTime = (date: string) => at(date, random.int(28_800, 64_800))
    deals.set(account.index, [
      {
        kind: 'Upsell',
        stage,
        closed: false,
        won: false,
        amount: Math.max(1_000, round100(contracts.arr * random.between(0.1, 0.35))),
        probability,
        closeDate,
        start,
        end,
        soldBy: 'csm',
        createdMs: workTime(addDays(model.asOf, -random.int(10, 60))),
        // Before the as-of day: nothing served may carry a stamp later than now.
        modifiedMs: workTime(addDays(model.asOf, -random.int(1, 9))),
      },
    ])
  }
  return deals
}
