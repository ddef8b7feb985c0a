import { z } from 'zod'

/**
 * Export API timestamps: the docs say "UTC ISO-8601"; exports in the wild read
 * `2026-11-01 10:00:00.123000`. Both spellings are accepted.
 */
const exportTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$/,
    'must be a UTC timestamp like 2026-11-01 10:00:00.123000',
  )

/** One event as the Export API emits it (one JSON object per NDJSON line). */
export const amplitudeEventSchema = z
  .looseObject({
    event_type: z.string().min(1),
    event_time: exportTime,
    server_upload_time: exportTime.optional(),
    user_id: z.string().nullable().optional(),
    device_id: z.string().nullable().optional(),
    /** Group type → group names; `company` holds the customer's domain. */
    groups: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
    event_properties: z.record(z.string(), z.unknown()).optional(),
    uuid: z.string().optional(),
  })
  .refine((e) => Boolean(e.user_id) || Boolean(e.device_id), {
    message: 'an event needs a user_id or a device_id',
    path: ['user_id'],
  })

/** The `amplitude` section: the project's events, in the Export API's JSON shape. */
export const amplitudeDatasetSchema = z
  .object({
    events: z.array(amplitudeEventSchema).default([]),
  })
  .strict()

export type AmplitudeDataset = z.infer<typeof amplitudeDatasetSchema>
export type AmplitudeEvent = z.infer<typeof amplitudeEventSchema>
