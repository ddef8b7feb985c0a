import { Cs360Error } from '../../errors.js'
import type { Connector, ConnectorContext } from '../types.js'
import { isDefaultList, unmatchedTypeWarnings } from '../unmatched-types.js'
import { accountDetails, search } from './api.js'
import { hubspotSession } from './client.js'
import { DEFAULT_EXPANSION_TYPES, DEFAULT_RENEWAL_TYPES, type HubspotConfig } from './config.js'
import { statusOf } from './errors.js'
import { liveIdsOf } from './live-ids.js'
import { accountDetailsSchema, parseEnvelope, propertySchema } from './schemas.js'
import { companiesStream, dealsStream, ownersStream } from './streams.js'
import { hubspotWriteBack } from './writeback.js'

type Ctx = ConnectorContext<HubspotConfig>

/** The portal the credentials reach (for OAuth, after renewing the access token). */
async function portal(ctx: Ctx) {
  return parseEnvelope(accountDetailsSchema, await accountDetails(ctx), 'account details')
}

/**
 * Whether a deal property exists; read one by one so that a portal with hundreds of deal
 * properties costs two small answers.
 * https://developers.hubspot.com/docs/reference/api/crm/properties#get-%2Fcrm%2Fv3%2Fproperties%2F%7Bobjecttype%7D%2F%7Bpropertyname%7D
 */
async function dealPropertyExists(ctx: Ctx, name: string): Promise<boolean> {
  try {
    await hubspotSession(ctx).call(ctx, `reading the deal property ${name}`, 'api', (c) =>
      c.crm.properties.coreApi.getByNameWithHttpInfo('deals', name),
    )
    return true
  } catch (error) {
    if (error instanceof Cs360Error && statusOf(error.details.cause) === 404) return false
    throw error
  }
}

/**
 * The `dealtype` values at least one deal carries. Search has no GROUP BY: each of the
 * property's options and each configured value is counted with a one-record search.
 */
async function dealTypesSeen(ctx: Ctx): Promise<string[]> {
  const property = parseEnvelope(
    propertySchema,
    await hubspotSession(ctx).call(ctx, 'reading the deal property dealtype', 'api', (c) =>
      c.crm.properties.coreApi.getByNameWithHttpInfo('deals', 'dealtype'),
    ),
    'deal property dealtype',
  )
  const { renewalTypes, expansionTypes } = ctx.config.deals
  const candidates = [
    ...new Set([...property.options.map((o) => o.value), ...renewalTypes, ...expansionTypes]),
  ]
  const seen = []
  for (const value of candidates) {
    const page = await search(ctx, 'deals', {
      filterGroups: [{ filters: [{ propertyName: 'dealtype', operator: 'EQ', value }] }],
      sorts: [],
      properties: ['dealtype'],
      limit: 1,
    })
    if (page.total > 0) seen.push(value)
  }
  return seen
}

function dealTypeWarnings(config: HubspotConfig, seen: string[]): string[] {
  const { renewalTypes, expansionTypes } = config.deals
  const field = 'deal type (dealtype)'
  return [
    ...unmatchedTypeWarnings({
      path: 'connectors.hubspot.deals.renewalTypes',
      field,
      configured: renewalTypes,
      isDefault: isDefaultList(renewalTypes, DEFAULT_RENEWAL_TYPES),
      seen,
    }),
    ...unmatchedTypeWarnings({
      path: 'connectors.hubspot.deals.expansionTypes',
      field,
      configured: expansionTypes,
      isDefault: isDefaultList(expansionTypes, DEFAULT_EXPANSION_TYPES),
      seen,
    }),
  ]
}

/** The HubSpot implementation behind ./manifest.ts: owners, companies and deals; company write-back. */
export const hubspotConnector: Connector<HubspotConfig> = {
  async check(ctx) {
    // Write-back properties are checked for every CRM alike (activities/write-back-fields.ts).
    const { portalId } = await portal(ctx)
    const { contractStartProperty, contractEndProperty } = ctx.config.deals
    const problems: string[] = []
    for (const [key, name] of [
      ['contractStartProperty', contractStartProperty],
      ['contractEndProperty', contractEndProperty],
    ] as const) {
      if (!(await dealPropertyExists(ctx, name)))
        problems.push(
          `connectors.hubspot.deals.${key}: the deal property ${name} does not exist; set it to the portal's contract ${key === 'contractStartProperty' ? 'start' : 'end'} date property (a date property on deals)`,
        )
    }
    if (problems.length > 0) return { ok: false, detail: problems.join('\n') }
    return {
      ok: true,
      detail: `connected to HubSpot portal ${portalId}`,
      warnings: dealTypeWarnings(ctx.config, await dealTypesSeen(ctx)),
    }
  },
  streams: [ownersStream, companiesStream, dealsStream],
  writeBack: hubspotWriteBack,
  csmHealthField: (config) => config.csmHealthField,
  async sourceAccount(ctx) {
    return { id: String((await portal(ctx)).portalId) }
  },
  liveIds: {
    companies: liveIdsOf('companies'),
    deals: liveIdsOf('deals'),
  },
}
