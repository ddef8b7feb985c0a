import type { Router } from '../framework/router.js'
import { stripeEndpoint } from './endpoint.js'
import { StripeApiError, invalidParam, noSuch } from './errors.js'
import type { FormParams } from './form-params.js'
import type { IdempotencyKeys } from './idempotency.js'
import { payInvoice, subscriptionOf, updateInvoice } from './invoice-actions.js'
import { enumParam, exclusive, limitParam, rangeParam, stringParam } from './list-params.js'
import { listPage } from './list-page.js'
import type { StripeRecord, StripeStore } from './store.js'

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const

/**
 * Invoices: list (`customer`, `subscription`, `status`, `collection_method`, `created`,
 * `due_date`), retrieve, and pay.
 * https://docs.stripe.com/api/invoices
 */
export function invoiceRoutes(router: Router, store: StripeStore, keys: IdempotencyKeys): void {
  router.on(
    'GET',
    '/v1/invoices',
    stripeEndpoint(store, keys, {
      params: [
        'collection_method',
        'created',
        'customer',
        'due_date',
        'ending_before',
        'limit',
        'starting_after',
        'status',
        'subscription',
      ],
      handle: ({ params }) =>
        listPage(store.ordered('invoice'), params, {
          url: '/v1/invoices',
          kind: 'invoice',
          matches: invoiceFilter(params),
        }),
    }),
  )
  router.on(
    'GET',
    '/v1/invoices/:id',
    stripeEndpoint(store, keys, {
      params: [],
      handle: ({ req }) => {
        const entry = store.get('invoice', req.params.id!)
        if (!entry || entry.deleted) throw new StripeApiError(noSuch('invoice', req.params.id!))
        return entry.record
      },
    }),
  )
  router.on(
    'GET',
    '/v1/invoices/:id/lines',
    stripeEndpoint(store, keys, {
      params: ['ending_before', 'limit', 'starting_after'],
      handle: ({ req, params }) => {
        const entry = store.get('invoice', req.params.id!)
        if (!entry || entry.deleted) throw new StripeApiError(noSuch('invoice', req.params.id!))
        return linePage(entry.record, params)
      },
    }),
  )
  router.on(
    'POST',
    '/v1/invoices/:id',
    stripeEndpoint(store, keys, {
      params: ['description', 'metadata'],
      handle: ({ req, params, change }) => {
        const metadata = params.metadata
        if (metadata !== undefined && (typeof metadata !== 'object' || Array.isArray(metadata)))
          throw new StripeApiError(invalidParam('Invalid hash', 'metadata'))
        return updateInvoice(
          store,
          req.params.id!,
          {
            description: stringParam(params, 'description'),
            metadata: metadata as Record<string, string> | undefined,
          },
          change,
        )
      },
    }),
  )
  router.on(
    'POST',
    '/v1/invoices/:id/pay',
    stripeEndpoint(store, keys, {
      params: ['forgive', 'mandate', 'off_session', 'paid_out_of_band', 'payment_method', 'source'],
      handle: ({ req, change }) => payInvoice(store, req.params.id!, change),
    }),
  )
}

function invoiceFilter(params: FormParams): (invoice: StripeRecord) => boolean {
  const status = enumParam(params, 'status', STATUSES)
  const customer = stringParam(params, 'customer')
  const subscription = stringParam(params, 'subscription')
  const collection = stringParam(params, 'collection_method')
  const due = rangeParam(params, 'due_date')
  return (i) =>
    (status === undefined || i.status === status) &&
    (customer === undefined || i.customer === customer) &&
    (subscription === undefined || subscriptionOf(i) === subscription) &&
    (collection === undefined || i.collection_method === collection) &&
    (!due || due(i.due_date))
}

/**
 * An invoice's lines in the order the invoice lists them, paged by `starting_after` or
 * `ending_before` like any list.
 * https://docs.stripe.com/api/invoices/invoice_lines
 */
function linePage(invoice: StripeRecord, params: FormParams) {
  const limit = limitParam(params)
  exclusive(params, 'starting_after', 'ending_before')
  const lines = ((invoice.lines as { data?: StripeRecord[] } | undefined)?.data ??
    []) as StripeRecord[]
  const after = stringParam(params, 'starting_after')
  const before = stringParam(params, 'ending_before')
  const cursor = after ?? before
  const at = cursor === undefined ? -1 : lines.findIndex((l) => l.id === cursor)
  if (cursor !== undefined && at < 0)
    throw new StripeApiError(
      noSuch('line item', cursor, after !== undefined ? 'starting_after' : 'ending_before'),
    )
  const [data, hasMore] =
    before !== undefined
      ? [lines.slice(Math.max(0, at - limit), at), at - limit > 0]
      : [lines.slice(at + 1, at + 1 + limit), lines.length > at + 1 + limit]
  return { object: 'list', data, has_more: hasMore, url: `/v1/invoices/${invoice.id}/lines` }
}
