import { ApplicationFailure } from '@temporalio/common'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { configError, POSTGRES_INPUT_ERROR, transientError } from '../errors.js'
import { toApplicationFailure } from './failure.js'

/** pg's own error class, as a query refused by the server raises it. */
function postgresError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error')
  error.code = code
  return error
}

const asFailure = (error: unknown) => {
  const failure = toApplicationFailure(error)
  expect(failure).toBeInstanceOf(ApplicationFailure)
  return failure as ApplicationFailure
}

describe('activity failures', () => {
  it('a Postgres data error (class 22) or type error (class 42) is not retried', () => {
    const date = asFailure(postgresError('22007', 'invalid input syntax for type date: "garbage"'))
    expect(date).toMatchObject({ type: POSTGRES_INPUT_ERROR, nonRetryable: true })
    expect(date.message).toBe(
      'PostgreSQL refused a value or statement (SQLSTATE 22007): invalid input syntax for type date: "garbage"',
    )
    const type = asFailure(postgresError('42804', 'column "arr" is of type numeric'))
    expect(type).toMatchObject({ type: POSTGRES_INPUT_ERROR, nonRetryable: true })
  })

  it('finds the Postgres error under a wrapping error', () => {
    const wrapped = new Error('scoring page 3 failed', {
      cause: postgresError('22008', 'date/time field value out of range'),
    })
    expect(asFailure(wrapped)).toMatchObject({ type: POSTGRES_INPUT_ERROR, nonRetryable: true })
  })

  it('leaves connection, serialization and resource errors retryable', () => {
    for (const code of ['08006', '40001', '40P01', '53300', '57P01']) {
      const error = postgresError(code, 'try again')
      expect(toApplicationFailure(error), code).toBe(error)
    }
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    expect(toApplicationFailure(reset)).toBe(reset)
  })

  it('config errors stop at once, transient ones are retried', () => {
    expect(asFailure(configError('field mapping names no such field', 'salesforce'))).toMatchObject(
      { type: 'ConfigError', nonRetryable: true },
    )
    expect(asFailure(transientError('502', 'salesforce'))).toMatchObject({
      type: 'TransientError',
      nonRetryable: false,
    })
  })
})
