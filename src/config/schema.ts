import { z } from 'zod'
import { connectorManifests as connectors } from '../connectors/registry.js'
import { identitySettingsSchema } from '../model/identity-settings.js'
import { modelSettingsSchema } from '../model/settings.js'

/** Durations such as `30m`, `6h`, `1d`: how often the scheduled sync runs. */
const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30m, 6h or 1d')

const connectorSchemas = Object.fromEntries(
  connectors.map((c) => [c.id, c.configSchema.optional()]),
) as Record<string, z.ZodOptional<z.ZodType>>

export const configSchema = z
  .object({
    version: z.literal(1, 'must be 1 (the only config version so far)'),
    connectors: z
      .object(connectorSchemas)
      .strict()
      .refine(
        (value) => connectors.some((c) => c.role === 'crm' && value[c.id] !== undefined),
        `configure one CRM connector (${connectors
          .filter((c) => c.role === 'crm')
          .map((c) => c.id)
          .join(' or ')}): it owns the account list and receives the scores`,
      ),
    schedule: z
      .object({
        /** Interval of the scheduled `syncAll`, created by `cs360 schedule`. */
        every: duration.default('6h'),
      })
      .strict()
      .prefault({}),
    identity: identitySettingsSchema.prefault({}),
    model: modelSettingsSchema.prefault({}),
  })
  .strict()

export type Cs360Config = z.infer<typeof configSchema>
