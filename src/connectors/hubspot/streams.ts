import { sourceRecordTarget } from '../../db/load-target.js'
import { readingConfiguredFields } from '../configured-fields.js'
import type { Stream } from '../types.js'
import { LIST_PAGE_MAX } from './api.js'
import type { HubspotConfig } from './config.js'
import { ASSOCIATION_BATCH, companiesOf, dealStages } from './deal-context.js'
import { mapCompany, mapDeal, mapOwner, type DealPageContext } from './mapping.js'
import { readObjects } from './object-stream.js'
import { readOwners } from './owners-stream.js'

/** Search pages hold at most 200 records; one request answers an empty read. */
const SEARCH_PAGE_MAX = 200
const atLeastOne = (records: number, perPage: number) => Math.max(1, Math.ceil(records / perPage))

/** Properties every read asks for besides its own. */
const COMMON = ['hs_object_id', 'createdate', 'hs_lastmodifieddate', 'hs_updated_by_user_id']

/** Owners: cs360 treats a company's owner as its CSM. */
export const ownersStream: Stream<HubspotConfig> = {
  name: 'owners',
  targets: [sourceRecordTarget('crm_users')],
  read: (ctx, from) => readOwners(ctx, from),
  map: (raw) => mapOwner(raw),
  // Active owners, then the deactivated ones (archived=true): two lists at least.
  minimumRequests: ({ records }) => atLeastOne(records, LIST_PAGE_MAX) + 1,
}

/** Company properties the config adds: the ids other systems hold, the CSMs' own health view. */
const configuredCompanyProperties = (config: HubspotConfig) => [
  ...new Set([
    ...Object.values(config.identityFields),
    ...(config.csmHealthField ? [config.csmHealthField] : []),
  ]),
]

export const companiesStream: Stream<HubspotConfig> = {
  name: 'companies',
  targets: [sourceRecordTarget('accounts')],
  read: (ctx, from) => {
    const configured = configuredCompanyProperties(ctx.config)
    return readingConfiguredFields(configured, from, (start) =>
      readObjects(
        ctx,
        {
          type: 'companies',
          countEchoes: true,
          properties: [
            ...COMMON,
            'name',
            'domain',
            'website',
            'industry',
            'lifecyclestage',
            'numberofemployees',
            'annualrevenue',
            'hubspot_owner_id',
            'notes_last_updated',
            ...configured,
          ],
        },
        start,
      ),
    )
  },
  map: (raw, ctx) => mapCompany(raw, ctx.config),
  interpretation: (config) => ({
    identityFields: config.identityFields,
    csmHealthField: config.csmHealthField,
  }),
  // Search never returns archived records: one archived list page at least.
  minimumRequests: ({ records }) => atLeastOne(records, SEARCH_PAGE_MAX) + 1,
}

/**
 * Deals with their company (associations v4, one batch read per 100 deals of a page) and their
 * pipeline stage's closed/won flags (the pipelines, read once per read).
 */
export const dealsStream: Stream<HubspotConfig> = {
  name: 'deals',
  targets: [sourceRecordTarget('opportunities')],
  read: (ctx, from) => {
    let stages: Promise<DealPageContext['stages']> | undefined
    const { contractStartProperty, contractEndProperty } = ctx.config.deals
    return readObjects(
      ctx,
      {
        type: 'deals',
        properties: [
          ...COMMON,
          'dealname',
          'amount',
          'closedate',
          'pipeline',
          'dealstage',
          'dealtype',
          'hs_forecast_probability',
          'hubspot_owner_id',
          ...new Set([contractStartProperty, contractEndProperty]),
        ],
        related: async (records): Promise<DealPageContext> => {
          stages ??= dealStages(ctx)
          const ids = records.map((r) => String((r as { id: unknown }).id))
          return { stages: await stages, companyOf: await companiesOf(ctx, ids) }
        },
      },
      from,
    )
  },
  map: (raw, ctx, page) =>
    mapDeal(raw, ctx.config, (page.related ?? { stages: {}, companyOf: {} }) as DealPageContext),
  // Type and pipeline lists are sets: another order changes nothing.
  interpretation: ({ deals: d }) => ({
    renewalTypes: [...d.renewalTypes].sort(),
    expansionTypes: [...d.expansionTypes].sort(),
    expansionPipelines: [...d.expansionPipelines].sort(),
    pipelines: d.pipelines ? [...d.pipelines].sort() : null,
    contractStartProperty: d.contractStartProperty,
    contractEndProperty: d.contractEndProperty,
  }),
  // Search returns no associations: each 100 deals need a batch read of their companies; plus
  // the pipelines (stage flags) and one archived list page.
  minimumRequests: ({ records }) =>
    atLeastOne(records, SEARCH_PAGE_MAX) + Math.ceil(records / ASSOCIATION_BATCH) + 2,
}
