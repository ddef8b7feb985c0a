import { z } from 'zod'

const zendeskId = z.number().int().positive()
const datetime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO datetime')

export const zendeskOrganizationSchema = z.looseObject({
  id: zendeskId,
  name: z.string().min(1),
  domain_names: z.array(z.string()),
  /** The CRM account id where the admin set it; the domain is the fallback link. */
  external_id: z.string().nullable(),
  created_at: datetime,
  updated_at: datetime,
})

export const zendeskUserSchema = z.looseObject({
  id: zendeskId,
  name: z.string().min(1),
  email: z.string().nullable(),
  role: z.enum(['end-user', 'agent', 'admin']),
  organization_id: zendeskId.nullable(),
  created_at: datetime,
  updated_at: datetime,
})

export const zendeskTicketSchema = z.looseObject({
  id: zendeskId,
  organization_id: zendeskId.nullable(),
  requester_id: zendeskId,
  subject: z.string().nullable(),
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).nullable(),
  type: z.enum(['problem', 'incident', 'question', 'task']).nullable().optional(),
  created_at: datetime,
  updated_at: datetime,
})

/**
 * Legacy CSAT ratings (`GET /satisfaction_ratings`). The API object has no organization: a
 * rating reaches its organization through `ticket_id`.
 */
export const zendeskSatisfactionRatingSchema = z.looseObject({
  id: zendeskId,
  ticket_id: zendeskId,
  score: z.enum(['good', 'bad', 'offered', 'unoffered']),
  requester_id: zendeskId.optional(),
  organization_id: zendeskId.nullable().optional(),
  created_at: datetime,
  updated_at: datetime.optional(),
})

/**
 * Ticket metrics (`GET /ticket_metrics`, the `metric_sets` sideload of the ticket export): when a
 * ticket was last solved. Optional: a dataset without them serves tickets without metric sets.
 */
export const zendeskTicketMetricSchema = z.looseObject({
  id: zendeskId,
  ticket_id: zendeskId,
  solved_at: datetime.nullable(),
  created_at: datetime,
  updated_at: datetime,
})

/** The `zendesk` section: Zendesk Support resources in their API JSON shape. */
export const zendeskDatasetSchema = z
  .object({
    organizations: z.array(zendeskOrganizationSchema).default([]),
    users: z.array(zendeskUserSchema).default([]),
    tickets: z.array(zendeskTicketSchema).default([]),
    satisfaction_ratings: z.array(zendeskSatisfactionRatingSchema).default([]),
    ticket_metrics: z.array(zendeskTicketMetricSchema).default([]),
  })
  .strict()

export type ZendeskDataset = z.infer<typeof zendeskDatasetSchema>
