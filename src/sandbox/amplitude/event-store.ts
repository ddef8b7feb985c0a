import { dateMs, DAY_MS } from '../dataset/dates.js'
import { decodeActivity, type ActiveDay } from './activity-plan.js'
import type { AmplitudeDataset, PlannedUser } from './dataset-schema.js'
import { expandUserDay } from './expand.js'
import { dayFloor, exportTimeMs, hourFloor, HOUR_MS } from './export-time.js'

/** One event as the Export API returns it (one NDJSON line). */
export type ExportEvent = Record<string, unknown>

/** An event and the moment it reached the server: what the Export API selects by. */
export interface StoredEvent {
  uploadMs: number
  event: ExportEvent
}

/** Planned days expanded lately; an export window of a day or less needs one or two. */
const EXPANDED_DAYS_KEPT = 8

/**
 * The project's events by server upload time: the dataset's plan, expanded a day at a time
 * when an export asks for it, and the events stored as they are (the dataset's `events`, what
 * the HTTP V2 API ingested). Export and ingestion share this store, so an event sent through
 * the SDK comes back through the Export API.
 */
export class AmplitudeEventStore {
  readonly projectId: number
  private readonly planned = new Map<number, { user: PlannedUser; day: ActiveDay }[]>()
  private readonly from: string | undefined
  private readonly stored = new Map<number, StoredEvent[]>()
  private readonly expanded = new Map<number, StoredEvent[]>()

  constructor(private readonly section: AmplitudeDataset) {
    this.projectId = section.projectId
    this.from = section.from
    for (const user of section.users)
      for (const day of decodeActivity(user.days)) {
        const list = this.planned.get(day.offset) ?? []
        list.push({ user, day })
        this.planned.set(day.offset, list)
      }
    for (const event of section.events) {
      const uploadMs = exportTimeMs(event.server_upload_time) ?? exportTimeMs(event.event_time)
      if (uploadMs !== null) this.add(event, uploadMs)
    }
  }

  /** Keeps an event as the export will return it. */
  add(event: ExportEvent, uploadMs: number): void {
    const hour = hourFloor(uploadMs)
    const list = this.stored.get(hour) ?? []
    list.push({ uploadMs, event })
    this.stored.set(hour, list)
  }

  /** Events uploaded in [startMs, endMs), by upload hour, each hour in upload order. */
  hours(startMs: number, endMs: number): Map<number, StoredEvent[]> {
    const byHour = new Map<number, StoredEvent[]>()
    const keep = (e: StoredEvent) => {
      if (e.uploadMs < startMs || e.uploadMs >= endMs) return
      const hour = hourFloor(e.uploadMs)
      const list = byHour.get(hour) ?? []
      list.push(e)
      byHour.set(hour, list)
    }
    // A planned day's uploads stay inside the day; the day before is checked all the same.
    for (let day = dayFloor(startMs) - DAY_MS; day < endMs; day += DAY_MS)
      this.plannedDay(day).forEach(keep)
    for (let hour = hourFloor(startMs); hour < endMs; hour += HOUR_MS)
      this.stored.get(hour)?.forEach(keep)
    for (const list of byHour.values()) list.sort((a, b) => a.uploadMs - b.uploadMs)
    return new Map([...byHour].sort(([a], [b]) => a - b))
  }

  /** Every planned and stored event, for tests and the conformance kit's expectations. */
  all(): StoredEvent[] {
    const days = [...this.planned.keys()].map((o) => dateMs(this.from!) + o * DAY_MS)
    return [...days.flatMap((d) => this.plannedDay(d)), ...[...this.stored.values()].flat()].sort(
      (a, b) => a.uploadMs - b.uploadMs,
    )
  }

  private plannedDay(dayMs: number): StoredEvent[] {
    if (!this.from) return []
    const offset = Math.round((dayMs - dateMs(this.from)) / DAY_MS)
    let events = this.expanded.get(offset)
    if (!events) {
      const section = { ...this.section, from: this.from }
      events = (this.planned.get(offset) ?? []).flatMap(({ user, day }) =>
        expandUserDay(section, user, day),
      )
      if (this.expanded.size >= EXPANDED_DAYS_KEPT)
        this.expanded.delete(this.expanded.keys().next().value!)
      this.expanded.set(offset, events)
    }
    return events
  }
}
