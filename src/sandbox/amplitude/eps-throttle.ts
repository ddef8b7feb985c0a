/**
 * Amplitude's per-user and per-device ingestion throttle: events per second averaged over the
 * last 30 seconds (the batch upload docs' "EPDS"/"EPUS"), 30 for HTTP V2 and 1,000 for /batch.
 * Over the threshold the whole request is refused with 429 and the indexes of the offending
 * events. Tests shrink the window with the sandbox's rate-limit time scale; the threshold stays
 * a count of threshold × 30 events per window.
 */
export class EpsThrottle {
  private readonly seen = new Map<string, number[]>()

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Ids over `eps` once `events` are added; nothing is counted (a refused batch is not). */
  check(events: readonly { user_id?: string; device_id?: string }[], eps: number): Throttled {
    const limit = eps * 30
    const pending = new Map<string, number>()
    for (const e of events) for (const id of ids(e)) pending.set(id, (pending.get(id) ?? 0) + 1)
    const rates = new Map<string, number>()
    for (const [id, count] of pending) {
      const total = this.recent(id).length + count
      if (total > limit) rates.set(id, Math.round(total / 30))
    }
    const result: Throttled = { devices: {}, users: {}, events: [] }
    if (rates.size === 0) return result
    events.forEach((e, i) => {
      const hit = ids(e).filter((id) => rates.has(id))
      for (const id of hit) {
        const [kind, value] = [id.slice(0, 1), id.slice(2)]
        ;(kind === 'u' ? result.users : result.devices)[value] = rates.get(id)!
      }
      if (hit.length > 0) result.events.push(i)
    })
    return result
  }

  record(events: readonly { user_id?: string; device_id?: string }[]): void {
    const at = this.now()
    const counts = new Map<string, number>()
    for (const e of events) for (const id of ids(e)) counts.set(id, (counts.get(id) ?? 0) + 1)
    for (const [id, count] of counts)
      this.seen.set(id, [...this.recent(id), ...Array<number>(count).fill(at)])
  }

  private recent(id: string): number[] {
    const since = this.now() - this.windowMs
    return (this.seen.get(id) ?? []).filter((t) => t > since)
  }
}

export interface Throttled {
  devices: Record<string, number>
  users: Record<string, number>
  /** Indexes of the request's events whose user or device is throttled. */
  events: number[]
}

function ids(e: { user_id?: string; device_id?: string }): string[] {
  return [...(e.user_id ? [`u:${e.user_id}`] : []), ...(e.device_id ? [`d:${e.device_id}`] : [])]
}
