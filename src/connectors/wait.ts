import type { Logger } from '../logger.js'

/**
 * The plain `ConnectorContext.wait`: logs the wait and sleeps, calling `alive` every second so
 * a long wait inside an activity never trips its heartbeat timeout (Temporal throttles the
 * heartbeats it actually sends).
 */
export function waitFor(log: Logger, alive: (details: Record<string, unknown>) => void = () => {}) {
  return async (ms: number, reason: string): Promise<void> => {
    if (ms <= 0) return
    log.info('waiting', { reason, ms: Math.round(ms) })
    const until = Date.now() + ms
    for (;;) {
      const left = until - Date.now()
      if (left <= 0) return
      alive({ waiting: reason, ms: left })
      await new Promise((r) => setTimeout(r, Math.min(left, 1_000)))
    }
  }
}
