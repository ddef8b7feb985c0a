/**
 * The failure kinds cs360 distinguishes. Activities turn them into Temporal ApplicationFailures
 * (see activities/failure.ts): configuration and authentication problems stop a run at once
 * because retrying cannot fix them, the rest are retried by Temporal with backoff.
 */
export type FailureKind =
  | 'config'
  | 'auth'
  | 'rate_limit'
  | 'transient'
  | 'schema_drift'
  | 'api'
  /** The CRM refused most of a write-back: retrying sends the same refused values. */
  | 'rejected'

export class Cs360Error extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly details: { system?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause })
    this.name = `${kind[0]!.toUpperCase()}${kind.slice(1).replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}Error`
  }
}

export const configError = (message: string, system?: string) =>
  new Cs360Error('config', message, { system })
export const authError = (message: string, system: string, cause?: unknown) =>
  new Cs360Error('auth', message, { system, cause })
export const rateLimitError = (message: string, system: string, retryAfterMs: number) =>
  new Cs360Error('rate_limit', message, { system, retryAfterMs })
export const transientError = (message: string, system: string, cause?: unknown) =>
  new Cs360Error('transient', message, { system, cause })
export const schemaDriftError = (message: string, system: string) =>
  new Cs360Error('schema_drift', message, { system })
export const rejectedError = (message: string, system: string) =>
  new Cs360Error('rejected', message, { system })

/**
 * The ApplicationFailure type of a Postgres data or type error (SQLSTATE class 22 or 42): the
 * same statement with the same values fails again, so it is not retried (activities/failure.ts).
 */
export const POSTGRES_INPUT_ERROR = 'PostgresInputError'

/** Error types Temporal must not retry: listed in activity retry policies. */
export const NON_RETRYABLE_ERROR_TYPES = [
  'ConfigError',
  'AuthError',
  'SchemaDriftError',
  'RejectedError',
  POSTGRES_INPUT_ERROR,
]
