import { z } from 'zod'
import { durationMs, durationText } from './duration.js'
import { connectorManifests as connectors } from '../connectors/registry.js'
import { identitySettingsSchema } from '../model/identity-settings.js'
import { modelSettingsSchema } from '../model/settings.js'

const connectorSchemas = Object.fromEntries(
  connectors.map((c) => [c.id, c.configSchema.optional()]),
) as Record<string, z.ZodOptional<z.ZodType>>

const crmIds = connectors.filter((c) => c.role === 'crm').map((c) => c.id)

export const configSchema = z
  .object({
    version: z.literal(1, 'must be 1 (the only config version so far)'),
    /**
     * The CRM of record: it owns the account list and receives the scores. Needed only when
     * two CRMs are configured; the other is then read as a source of identity only.
     */
    crm: z.enum(crmIds as [string, ...string[]]).optional(),
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
        every: durationText.default('6h'),
        /**
         * How often each stream's live ids are compared with the source, to retire records
         * purged there (which no incremental read reports). A count first; ids only if it differs.
         */
        reconcileEvery: durationMs.prefault('24h'),
      })
      .strict()
      .prefault({}),
    identity: identitySettingsSchema.prefault({}),
    model: modelSettingsSchema.prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const configured = crmIds.filter((id) => config.connectors[id] !== undefined)
    if (config.crm !== undefined && !configured.includes(config.crm))
      ctx.addIssue({
        code: 'custom',
        path: ['crm'],
        message: `names ${config.crm}, which is not configured under connectors`,
      })
    else if (config.crm === undefined && configured.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['crm'],
        message: `is required with two CRMs configured (${configured.join(', ')}): name the CRM of record; the other is read for identity only`,
      })
  })

/** The CRM of record: the one named by `crm`, else the only CRM configured. */
export function recordCrm(config: Cs360Config): string {
  return (
    config.crm ??
    crmIds.find((id) => (config.connectors as Record<string, unknown>)[id] !== undefined)!
  )
}

export type Cs360Config = z.infer<typeof configSchema>
