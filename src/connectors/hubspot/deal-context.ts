import type { ConnectorContext } from '../types.js'
import { hubspotSession } from './client.js'
import type { HubspotConfig } from './config.js'
import type { DealPageContext } from './mapping.js'
import { associationBatchSchema, parseEnvelope, pipelinesSchema } from './schemas.js'

type Ctx = ConnectorContext<HubspotConfig>

/** Inputs of one associations v4 batch read. */
export const ASSOCIATION_BATCH = 100
/** HubSpot-defined association type of a deal's primary company. */
const PRIMARY_DEAL_TO_COMPANY = 5

/**
 * Every deal pipeline's stages: whether a stage closes a deal, whether it wins it (stage
 * probability 1.0; a lost stage has 0.0), and the stage's win probability.
 * https://developers.hubspot.com/docs/reference/api/crm/pipelines
 */
export async function dealStages(ctx: Ctx): Promise<DealPageContext['stages']> {
  const answer = await hubspotSession(ctx).call(ctx, 'reading deal pipelines', 'api', (c) =>
    c.crm.pipelines.pipelinesApi.getAllWithHttpInfo('deals'),
  )
  const { results } = parseEnvelope(pipelinesSchema, answer, 'deal pipelines')
  const stages: DealPageContext['stages'] = {}
  for (const pipeline of results)
    for (const stage of pipeline.stages)
      stages[stage.id] = {
        pipeline: pipeline.id,
        closed: stage.metadata.isClosed === 'true',
        won: Number(stage.metadata.probability) === 1,
        probability: stageProbability(stage.metadata.probability),
      }
  return stages
}

/**
 * Each deal's company, through associations v4 batch reads of up to 100 deals: the primary
 * company when the deal has several, else the first. `toObjectId` arrives as a JSON number
 * although the SDK types it as a string. A deal without companies comes back among the errors
 * of a 207 and simply has none.
 * https://developers.hubspot.com/docs/reference/api/crm/associations/association-details
 */
export async function companiesOf(ctx: Ctx, dealIds: string[]): Promise<Record<string, string>> {
  const companyOf: Record<string, string> = {}
  for (let i = 0; i < dealIds.length; i += ASSOCIATION_BATCH) {
    const inputs = dealIds.slice(i, i + ASSOCIATION_BATCH).map((id) => ({ id }))
    const answer = await hubspotSession(ctx).call(ctx, 'reading deal companies', 'api', (c) =>
      c.crm.associations.v4.batchApi.getPageWithHttpInfo('deals', 'companies', { inputs }),
    )
    const { results } = parseEnvelope(associationBatchSchema, answer, 'deal associations')
    for (const { _from, to } of results) {
      const primary = to.find((t) =>
        t.associationTypes.some((a) => a.typeId === PRIMARY_DEAL_TO_COMPANY),
      )
      const company = (primary ?? to[0])?.toObjectId
      if (company) companyOf[_from.id] = company
    }
  }
  return companyOf
}

/** A stage's `metadata.probability` ("0.4") as 0–1; null when absent or not a probability. */
function stageProbability(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null
  const probability = Number(value)
  return Number.isFinite(probability) && probability >= 0 && probability <= 1 ? probability : null
}
