import { z } from 'zod'

const groupName = z.union([z.string(), z.number()])

/**
 * The fields of an Export API event cs360 reads (one NDJSON line), parsed at the edge. Timestamps stay strings here and are read by exportTimeMs, so a
 * broken one is quarantined with its own reason. Fields cs360 does not read are left out of the
 * parsed value (usage rows keep aggregates only; survey answers their score).
 * https://amplitude.com/docs/apis/analytics/export#response-schema
 */
export const exportEventSchema = z.object({
  event_type: z.string().min(1),
  uuid: z.string().nullish(),
  $insert_id: z.string().nullish(),
  event_time: z.string(),
  server_upload_time: z.string(),
  user_id: z.string().nullish(),
  device_id: z.string().nullish(),
  session_id: z.number().nullish(),
  /** Group type → group name(s); the SDK sends a name or a list, exports hold lists. */
  groups: z.record(z.string(), z.union([z.array(groupName), groupName])).nullish(),
  user_properties: z.record(z.string(), z.unknown()).nullish(),
  group_properties: z.record(z.string(), z.unknown()).nullish(),
  /** Read for survey answers only (`surveys.*.property`); usage keeps no properties. */
  event_properties: z.record(z.string(), z.unknown()).nullish(),
})

export type ExportEvent = z.infer<typeof exportEventSchema>
