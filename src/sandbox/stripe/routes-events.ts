import type { Router } from '../framework/router.js'
import { stripeEndpoint } from './endpoint.js'
import { StripeApiError, invalidParam, noSuch } from './errors.js'
import type { FormParams } from './form-params.js'
import type { IdempotencyKeys } from './idempotency.js'
import { enumParam, exclusive, stringParam } from './list-params.js'
import { listPage } from './list-page.js'
import type { StripeRecord, StripeStore } from './store.js'

/** `types[]` takes up to 20 event types. */
const MAX_TYPES = 20

/**
 * Events of the last 30 days: list (`type` with a `*` wildcard, or `types[]`; `created`;
 * `delivery_success`) and retrieve; older events are gone (404, and a 400 as a cursor).
 * https://docs.stripe.com/api/events/list
 */
export function eventRoutes(router: Router, store: StripeStore, keys: IdempotencyKeys): void {
  router.on(
    'GET',
    '/v1/events',
    stripeEndpoint(store, keys, {
      params: [
        'created',
        'delivery_success',
        'ending_before',
        'limit',
        'starting_after',
        'type',
        'types',
      ],
      handle: ({ params }) =>
        listPage(store.ordered('event'), params, {
          url: '/v1/events',
          kind: 'event',
          matches: eventFilter(params),
        }),
    }),
  )
  router.on(
    'GET',
    '/v1/events/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req }) => {
        const entry = store.get('event', req.params.id!)
        if (!entry) throw new StripeApiError(noSuch('event', req.params.id!))
        return entry.record
      },
    }),
  )
}

function eventFilter(params: FormParams): (event: StripeRecord) => boolean {
  exclusive(params, 'type', 'types')
  const type = stringParam(params, 'type')
  const types = typesParam(params)
  // Without webhook endpoints every event counts as delivered.
  const delivered = enumParam(params, 'delivery_success', ['true', 'false'] as const)
  const pattern = type?.includes('*')
    ? new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`)
    : undefined
  return (e) =>
    (type === undefined || (pattern ? pattern.test(String(e.type)) : e.type === type)) &&
    (types === undefined || types.includes(String(e.type))) &&
    delivered !== 'false'
}

function typesParam(params: FormParams): string[] | undefined {
  const value = params.types
  if (value === undefined) return undefined
  const list = Array.isArray(value) ? value : [value]
  if (!list.every((v): v is string => typeof v === 'string'))
    throw new StripeApiError(invalidParam('Invalid array', 'types'))
  if (list.length > MAX_TYPES)
    throw new StripeApiError(
      invalidParam(`You may pass at most ${MAX_TYPES} values for types.`, 'types'),
    )
  return list
}
