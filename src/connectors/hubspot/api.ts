import type { Client } from '@hubspot/api-client'
import type { ConnectorContext } from '../types.js'
import { getJson, hubspotSession } from './client.js'
import type { HubspotConfig } from './config.js'
import { listPageSchema, parseEnvelope, searchPageSchema } from './schemas.js'

type Ctx = ConnectorContext<HubspotConfig>

/** The CRM objects cs360 reads (and, for companies, writes). */
export type CrmObject = 'companies' | 'deals'

/** List endpoints serve at most 100 records a page; search pages hold up to 200. */
export const LIST_PAGE_MAX = 100

export interface SearchFilter {
  propertyName: string
  operator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'NOT_IN'
  value?: string
  values?: string[]
}

export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[]
  sorts: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[]
  properties: string[]
  limit: number
}

type SearchBody = Parameters<Client['crm']['companies']['searchApi']['doSearchWithHttpInfo']>[0]

/**
 * One search page (no `after`: cs360 pages by filters, never by offset).
 * https://developers.hubspot.com/docs/guides/api/crm/search
 */
export async function search(ctx: Ctx, type: CrmObject, request: SearchRequest) {
  // The SDK types `sorts` as strings; HubSpot documents (and takes) {propertyName, direction}.
  const body = request as unknown as SearchBody
  const page = await hubspotSession(ctx).call(ctx, `searching ${type}`, 'search', (c) =>
    c.crm[type].searchApi.doSearchWithHttpInfo(body),
  )
  return parseEnvelope(searchPageSchema, page, `${type} search`)
}

/**
 * One page of a list endpoint: live records, or the recycle bin with `archived`.
 * https://developers.hubspot.com/docs/reference/api/crm/objects/companies#get-%2Fcrm%2Fv3%2Fobjects%2Fcompanies
 */
export async function listPage(
  ctx: Ctx,
  type: CrmObject,
  options: { after: string | undefined; properties: string[]; archived: boolean; limit?: number },
) {
  const page = await hubspotSession(ctx).call(
    ctx,
    `listing ${options.archived ? 'archived ' : ''}${type}`,
    'api',
    (c) =>
      c.crm[type].basicApi.getPageWithHttpInfo(
        options.limit ?? Math.min(LIST_PAGE_MAX, ctx.config.pageSize),
        options.after,
        options.properties,
        undefined,
        undefined,
        options.archived,
      ),
  )
  return parseEnvelope(listPageSchema, page, `${type} list`)
}

/**
 * One page of owners, active or (`archived`) those of deactivated users.
 * https://developers.hubspot.com/docs/reference/api/crm/owners
 */
export async function ownersPage(ctx: Ctx, after: string | undefined, archived: boolean) {
  const page = await hubspotSession(ctx).call(ctx, 'listing owners', 'api', (c) =>
    c.crm.owners.ownersApi.getPageWithHttpInfo(
      undefined,
      after,
      Math.min(LIST_PAGE_MAX, ctx.config.pageSize),
      archived,
    ),
  )
  return parseEnvelope(listPageSchema, page, 'owners list')
}

/** The portal the credentials reach. https://developers.hubspot.com/docs/reference/api/settings/account-information-api */
export function accountDetails(ctx: Ctx): Promise<unknown> {
  return hubspotSession(ctx).call(ctx, 'reading the account details', 'api', (c) =>
    getJson(c, ctx.config, '/account-info/v3/details'),
  )
}
