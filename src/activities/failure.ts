import { ApplicationFailure } from '@temporalio/common'
import { Cs360Error, NON_RETRYABLE_ERROR_TYPES, POSTGRES_INPUT_ERROR } from '../errors.js'

/**
 * SQLSTATE classes a retry cannot fix: 22 data exception (a bad date, a value out of range) and
 * 42 syntax error or access rule violation (a wrong type, a missing column or table, no
 * permission). Retried, they fail the same way for minutes; connection and lock errors (08, 40,
 * 53, 57) stay retryable.
 */
const NON_RETRYABLE_SQLSTATE_CLASSES = new Set(['22', '42'])

/** The Postgres error (pg's DatabaseError carries the SQLSTATE as `code`) in a cause chain. */
function postgresInputError(error: unknown): { code: string; message: string } | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (
      current instanceof Error &&
      typeof code === 'string' &&
      /^[0-9A-Z]{5}$/.test(code) &&
      NON_RETRYABLE_SQLSTATE_CLASSES.has(code.slice(0, 2))
    )
      return { code, message: String(message) }
  }
  return undefined
}

/**
 * The activity boundary: cs360 errors become ApplicationFailures whose type is the error class
 * name, so the retry policy's nonRetryableErrorTypes stop config/auth/schema problems at once,
 * and rate limits wait as long as the API asked. A Postgres data or type error fails at once too.
 * No cause is attached: the CLI prints the innermost ApplicationFailure's message, which is this one.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof Cs360Error)
    return ApplicationFailure.create({
      type: error.name,
      message: error.message,
      nonRetryable: NON_RETRYABLE_ERROR_TYPES.includes(error.name),
      nextRetryDelay: error.details.retryAfterMs,
      details: [{ kind: error.kind, system: error.details.system ?? null }],
    })
  const postgres = postgresInputError(error)
  if (postgres)
    return ApplicationFailure.create({
      type: POSTGRES_INPUT_ERROR,
      message: `PostgreSQL refused a value or statement (SQLSTATE ${postgres.code}): ${postgres.message}`,
      nonRetryable: true,
      details: [{ kind: 'postgres', sqlstate: postgres.code }],
    })
  return error
}

export async function atActivityBoundary<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toApplicationFailure(error)
  }
}
