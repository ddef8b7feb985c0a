import { z } from 'zod'
import {
  zendeskOrganizationSchema,
  zendeskSatisfactionRatingSchema,
  zendeskTicketMetricSchema,
  zendeskTicketSchema,
  zendeskUserSchema,
} from './dataset-schema.js'

/**
 * Records as the sandbox account holds them: the dataset's shapes plus what Zendesk keeps on
 * them over time. A deleted organization keeps its row with `deleted_at`; a deleted ticket stays
 * in the export with `status: "deleted"`; every ticket has the `generated_timestamp` the
 * incremental export filters on (it moves on system updates too, unlike `updated_at`).
 */
export const storedOrganizationSchema = zendeskOrganizationSchema.extend({
  deleted_at: z.string().nullable().optional(),
})

export const storedTicketSchema = zendeskTicketSchema.extend({
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
  generated_timestamp: z.number().int(),
  tags: z.array(z.string()).optional(),
})

export type StoredOrganization = z.infer<typeof storedOrganizationSchema>
export type StoredTicket = z.infer<typeof storedTicketSchema>
export type ZendeskUser = z.infer<typeof zendeskUserSchema>
export type SatisfactionRating = z.infer<typeof zendeskSatisfactionRatingSchema>
export type TicketMetric = z.infer<typeof zendeskTicketMetricSchema>

/** Unix seconds of an ISO datetime, the unit of every `start_time` and `end_time`. */
export const unixOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000)
