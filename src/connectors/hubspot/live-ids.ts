import type { LiveIds } from '../types.js'
import { LIST_PAGE_MAX, listPage, search, type CrmObject } from './api.js'
import type { HubspotConfig } from './config.js'

/**
 * The live records of companies or deals: a search without filters (limit 1) answers the
 * count in `total`; the ids come from the list endpoint, 100 a page, with no property beyond
 * the id. Neither shows the recycle bin, so a record missing from both was purged (deleted
 * for good, or 90 days after it was archived).
 * https://developers.hubspot.com/docs/guides/api/crm/search
 */
export function liveIdsOf(type: CrmObject): LiveIds<HubspotConfig> {
  return {
    async count(ctx) {
      const page = await search(ctx, type, {
        filterGroups: [],
        sorts: [],
        properties: ['hs_object_id'],
        limit: 1,
      })
      return page.total
    },
    async *ids(ctx) {
      let after: string | undefined
      do {
        const page = await listPage(ctx, type, {
          after,
          properties: ['hs_object_id'],
          archived: false,
          limit: LIST_PAGE_MAX,
        })
        yield page.results.map((r) => String((r as { id: unknown }).id))
        after = page.paging?.next?.after
      } while (after)
    },
  }
}
