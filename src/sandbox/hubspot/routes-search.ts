import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { jsonBody, objectRoute } from './api.js'
import { validationError } from './errors.js'
import { renderRecord } from './object-json.js'
import { runSearch, searchProblem, searchRequestSchema, SEARCH_LIMITS } from './search.js'
import type { HubspotStore } from './store.js'

/**
 * `POST /crm/v3/objects/{objectType}/search` over the search index, which shows each write
 * only `searchDelayMs` after it happened. `after` is an offset; asking for results past the
 * 10,000th is a 400, though `paging.next` still points there, as HubSpot's does.
 * https://developers.hubspot.com/docs/guides/api/crm/search
 */
export function searchRoutes(router: Router, store: HubspotStore, access: PortalAccess): void {
  router.on(
    'POST',
    '/crm/v3/objects/:objectType/search',
    objectRoute(access, 'read', (req, type) => {
      const body = jsonBody(req)
      if (!body.ok) return body.response
      const parsed = searchRequestSchema.safeParse(body.body)
      if (!parsed.success)
        return validationError(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        )
      const request = parsed.data
      const problem = searchProblem(request)
      if (problem) return validationError(problem)
      const offset = request.after === undefined ? 0 : Number(request.after)
      if (!Number.isInteger(offset) || offset < 0)
        return validationError(`after: ${request.after} is not a valid paging offset`)
      if (offset >= SEARCH_LIMITS.results)
        return validationError(
          `Cannot page past ${SEARCH_LIMITS.results.toLocaleString('en-US')} results; narrow the search with filters.`,
        )
      const outcome = runSearch(
        store.tables[type].searchable(store.now()),
        type,
        store.schema,
        request,
      )
      if ('unknownProperty' in outcome)
        return validationError(`Property ${outcome.unknownProperty} does not exist`)
      const { matched } = outcome
      const end = Math.min(offset + request.limit, SEARCH_LIMITS.results)
      const page = matched.slice(offset, end)
      const next = offset + request.limit
      return {
        status: 200,
        body: {
          total: matched.length,
          results: page.map((r) => renderRecord(r, type, store.schema, request.properties)),
          ...(next < matched.length ? { paging: { next: { after: String(next) } } } : {}),
        },
      }
    }),
  )
}
