import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRES_INPUT_ERROR } from '../src/errors.js'
import { createHarness, runSync, startWorker, type Harness } from './support/harness.js'

/**
 * An error a retry cannot fix fails its activity once: a syncAll handed an as-of day that is no
 * date (as `--as-of garbage` once reached it) fails on Postgres's date error at the first attempt
 * instead of being retried for minutes.
 */
describe('a non-retryable activity failure', () => {
  let h: Harness
  let stopWorker: () => Promise<void>
  beforeAll(async () => {
    h = await createHarness('activity_failure', { accounts: 20 })
    stopWorker = await startWorker(h)
  })
  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it('a Postgres date error fails the activity after one attempt', async () => {
    const started = Date.now()
    const error = await runSync(h, 'bad-as-of', { asOf: 'garbage' }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeDefined()
    expect(Date.now() - started).toBeLessThan(60_000)

    const history = await h.client.workflow
      .getHandle(`bad-as-of:${h.target.taskQueue}`)
      .fetchHistory()
    const events = history.events ?? []
    const failed = events.filter((e) => e.activityTaskFailedEventAttributes)
    expect(failed).toHaveLength(1)
    const failure = failed[0]!.activityTaskFailedEventAttributes!.failure!
    expect(failure.applicationFailureInfo).toMatchObject({
      type: POSTGRES_INPUT_ERROR,
      nonRetryable: true,
    })
    expect(failure.message).toMatch(/SQLSTATE 22\w{3}/)
    // The failed activity was started once: attempt 1, no retries.
    const scheduledId = failed[0]!.activityTaskFailedEventAttributes!.scheduledEventId
    const starts = events.filter(
      (e) =>
        e.activityTaskStartedEventAttributes &&
        Number(e.activityTaskStartedEventAttributes.scheduledEventId) === Number(scheduledId),
    )
    expect(starts.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1])
  })
})
