import { ApplicationFailure } from '@temporalio/common'
import { Cs360Error, NON_RETRYABLE_ERROR_TYPES } from '../errors.js'

/**
 * The activity boundary: cs360 errors become ApplicationFailures whose type is the error class
 * name, so the retry policy's nonRetryableErrorTypes stop config/auth/schema problems at once,
 * and rate limits wait as long as the API asked.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof Cs360Error)) return error
  return ApplicationFailure.create({
    type: error.name,
    message: error.message,
    nonRetryable: NON_RETRYABLE_ERROR_TYPES.includes(error.name),
    nextRetryDelay: error.details.retryAfterMs,
    details: [{ kind: error.kind, system: error.details.system ?? null }],
  })
}

export async function atActivityBoundary<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toApplicationFailure(error)
  }
}
