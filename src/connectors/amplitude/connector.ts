import type { Connector } from '../types.js'
import type { AmplitudeConfig } from './config.js'
import { exportWindow } from './export-client.js'
import { exportHour, HOUR_MS, lastExportableHour } from './export-hours.js'
import { usageStream } from './streams.js'

/** The Amplitude implementation behind ./manifest.ts: the Export API over fetch. */
export const amplitudeConnector: Connector<AmplitudeConfig> = {
  /**
   * One export of a single hour an hour before the lag: cheap, and the Export API checks both
   * keys on every call. 404 (no data that hour) still proves the keys; 401 throws the auth
   * error with the fix.
   */
  async check(ctx) {
    const hour = lastExportableHour(Date.now(), ctx.config.lagHours) - HOUR_MS
    const answer = await exportWindow(ctx, hour, hour)
    const events =
      answer.kind === 'hours' ? [...answer.hours.values()].reduce((n, e) => n + e.length, 0) : 0
    const seen = answer.kind === 'empty' ? 'no events' : `${events} events`
    return {
      ok: true,
      detail: `Export API at ${ctx.config.url} accepted the keys (${seen} in hour ${exportHour(hour)})`,
    }
  },
  streams: [usageStream],
}
