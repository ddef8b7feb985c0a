import { z } from 'zod'
import { schemaDriftError } from '../../errors.js'

/**
 * Shapes of what cs360 reads from Zendesk, parsed at the edge. Envelopes (paging fields) that
 * do not match stop the read as schema drift; records that do not match are quarantined with
 * the zod message naming the field.
 */
const zendeskId = z.number().int().positive()
const datetime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a datetime')

export const organizationSchema = z.looseObject({
  id: zendeskId,
  name: z.string().min(1),
  domain_names: z.array(z.string()).nullish(),
  external_id: z.string().nullish(),
  created_at: datetime.nullish(),
  updated_at: datetime,
  deleted_at: datetime.nullish(),
})

export const ticketSchema = z.looseObject({
  id: zendeskId,
  organization_id: zendeskId.nullish(),
  requester_id: zendeskId.nullish(),
  subject: z.string().nullish(),
  // The status category (custom statuses map onto these); deleted tickets stay in the export.
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).nullish(),
  type: z.enum(['problem', 'incident', 'question', 'task']).nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: datetime,
  updated_at: datetime,
  generated_timestamp: z.number().int().nullish(),
})

export const satisfactionRatingSchema = z.looseObject({
  id: zendeskId,
  ticket_id: zendeskId.nullish(),
  organization_id: zendeskId.nullish(),
  score: z.enum(['good', 'bad', 'offered', 'unoffered']),
  comment: z.string().nullish(),
  created_at: datetime,
  updated_at: datetime.nullish(),
})

/** Sideloads of the ticket export (`include=users,metric_sets`). */
const sideloadedUser = z.looseObject({ id: zendeskId, organization_id: zendeskId.nullish() })
const metricSet = z.looseObject({ ticket_id: zendeskId, solved_at: datetime.nullish() })

/** `GET /incremental/tickets/cursor` */
export const ticketExportPageSchema = z.looseObject({
  tickets: z.array(z.unknown()),
  after_cursor: z.string().nullish(),
  after_url: z.string().nullish(),
  end_of_stream: z.boolean(),
  users: z.array(sideloadedUser).default([]),
  metric_sets: z.array(metricSet).default([]),
})

/** `GET /incremental/organizations` (time-based) */
export const organizationExportPageSchema = z.looseObject({
  organizations: z.array(z.unknown()),
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean(),
})

/** A cursor-paginated list (`page[size]`) of satisfaction ratings. */
export const ratingListPageSchema = z.looseObject({
  satisfaction_ratings: z.array(z.unknown()),
  meta: z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() }),
})

/** `GET /users/me` */
export const meSchema = z.looseObject({
  user: z.looseObject({
    id: zendeskId.nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    role: z.string().nullish(),
  }),
})

export type TicketExportPage = z.infer<typeof ticketExportPageSchema>

/** A page's envelope, or a schema-drift error naming what changed: the read cannot go on. */
export function parseEnvelope<S extends z.ZodType>(schema: S, body: unknown, what: string) {
  const result = schema.safeParse(body)
  if (result.success) return result.data as z.infer<S>
  const problems = result.error.issues
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ')
  throw schemaDriftError(`Zendesk, ${what}: unexpected response (${problems})`, 'zendesk')
}
