import { z } from 'zod'
import { activityProblem } from './activity-plan.js'

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

/** Group type → group names, as the Export API writes them (`{"company": ["acme.com"]}`). */
const groupsSchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]))

/** One event as the Export API emits it (one JSON object per NDJSON line). */
export const amplitudeEventSchema = z
  .looseObject({
    event_type: z.string().min(1),
    event_time: exportTime,
    server_upload_time: exportTime.optional(),
    user_id: z.string().nullable().optional(),
    device_id: z.string().nullable().optional(),
    /** Group type → group names; `company` holds the customer's domain. */
    groups: groupsSchema.optional(),
    event_properties: z.record(z.string(), z.unknown()).optional(),
    uuid: z.string().optional(),
  })
  .refine((e) => Boolean(e.user_id) || Boolean(e.device_id), {
    message: 'an event needs a user_id or a device_id',
    path: ['user_id'],
  })

/**
 * One product user and their planned activity; the server expands it into Export API events.
 * Everything an event repeats for its user (ids, groups, user properties, platform) is here once.
 */
export const plannedUserSchema = z
  .object({
    user_id: z.string().min(1).nullable(),
    device_id: z.string().min(1),
    amplitude_id: z.number().int().positive(),
    groups: z.record(z.string(), z.array(z.string())),
    user_properties: z.record(z.string(), z.unknown()),
    platform: z.string(),
    os_name: z.string(),
    country: z.string(),
    /** Active days, compactly: see activity-plan.ts. */
    days: z.string(),
  })
  .strict()

/**
 * The `amplitude` section: a year of product usage as a per-user activity plan the server
 * expands deterministically into Export API events, plus `events` served exactly as written
 * (the product backend's `$groupidentify` calls, hand-made test events).
 */
export const amplitudeDatasetSchema = z
  .object({
    /** Amplitude's project id: `app` on every event, the folder name inside an export zip. */
    projectId: z.number().int().positive().default(512_034),
    /** The day `days` count from (the plan's first possible day). */
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
      .optional(),
    /** Event types by bit of the `days` feature masks; the first opens every session. */
    features: z.array(z.string().min(1)).max(30).default([]),
    users: z.array(plannedUserSchema).default([]),
    events: z.array(amplitudeEventSchema).default([]),
  })
  .strict()
  .superRefine((section, ctx) => {
    if (section.users.length > 0 && !section.from)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'a plan with users needs `from`' })
    section.users.forEach((user, i) => {
      const problem = activityProblem(user.days, section.features.length)
      if (problem) ctx.addIssue({ code: 'custom', path: ['users', i, 'days'], message: problem })
    })
  })

export type AmplitudeDataset = z.infer<typeof amplitudeDatasetSchema>
export type AmplitudeEvent = z.infer<typeof amplitudeEventSchema>
export type PlannedUser = z.infer<typeof plannedUserSchema>
