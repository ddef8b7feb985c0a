import { randomUUID } from 'node:crypto'
import { amplitudeTime, DAY_MS } from '../dataset/dates.js'
import type { AmplitudeDataset } from './dataset-schema.js'
import { hashedDeviceId } from './device-id.js'
import type { AmplitudeEventStore } from './event-store.js'
import type { Upload, UploadEvent } from './upload-check.js'
import { applyUserProperties } from './user-properties.js'

/** "Amplitude ignores subsequent events sent with the same insert_id … within the past 7 days." */
const DEDUPE_MS = 7 * DAY_MS

/** Event fields HTTP V2 accepts that the export spells differently. */
const RENAMED: Record<string, string> = {
  app_version: 'version_name',
  carrier: 'device_carrier',
  ip: 'ip_address',
}

/** Fields copied as sent; anything else an upload carries is not part of an event. */
const COPIED = [
  'platform',
  'os_name',
  'os_version',
  'device_brand',
  'device_manufacturer',
  'device_model',
  'device_type',
  'country',
  'region',
  'city',
  'dma',
  'language',
  'location_lat',
  'location_lng',
  'idfa',
  'idfv',
  'adid',
  'android_id',
  'price',
  'quantity',
  'revenue',
  'productId',
  'revenueType',
  'library',
  'plan',
  'partner_id',
  'user_agent',
]

type Groups = Record<string, string[]>

/**
 * What the project remembers across uploads: Amplitude ids, each user's properties and groups
 * (set by `$identify`, `setGroup`), and recent insert ids. Accepted events are stored in the
 * Export API's shape with `server_upload_time` = the moment the request was received.
 */
export class Ingestion {
  private readonly amplitudeIds = new Map<string, number>()
  private readonly properties = new Map<string, Record<string, unknown>>()
  private readonly groups = new Map<string, Groups>()
  private readonly insertIds = new Map<string, number>()
  private nextAmplitudeId = 50_000_000_000

  constructor(
    private readonly store: AmplitudeEventStore,
    section: AmplitudeDataset,
  ) {
    for (const user of section.users) {
      const key = user.user_id ?? user.device_id
      this.amplitudeIds.set(key, user.amplitude_id)
      this.properties.set(key, user.user_properties)
    }
  }

  /** Stores an accepted upload; returns how many events it held. */
  accept(upload: Upload, receivedMs: number): number {
    const clientUpload =
      typeof upload.clientUploadTime === 'string' ? Date.parse(upload.clientUploadTime) : NaN
    for (const sent of upload.events) {
      const deviceId = sent.device_id ?? hashedDeviceId(sent.user_id!)
      if (this.isDuplicate(deviceId, sent.insert_id, receivedMs)) continue
      const event = this.exported(sent, deviceId, receivedMs, clientUpload)
      this.store.add(event, receivedMs)
    }
    return upload.events.length
  }

  private isDuplicate(deviceId: string, insertId: unknown, receivedMs: number): boolean {
    if (typeof insertId !== 'string' || insertId === '') return false
    const key = `${deviceId}\u0000${insertId}`
    const seen = this.insertIds.get(key)
    if (seen !== undefined && receivedMs - seen < DEDUPE_MS) return true
    this.insertIds.set(key, receivedMs)
    return false
  }

  private exported(sent: UploadEvent, deviceId: string, receivedMs: number, clientUpload: number) {
    const key = sent.user_id ?? deviceId
    const identify = sent.event_type === '$identify'
    const groupIdentify = sent.event_type === '$groupidentify'
    const sentGroups = normalizeGroups(sent.groups)
    if (identify && sentGroups) this.groups.set(key, { ...this.groups.get(key), ...sentGroups })
    const properties = applyUserProperties(this.properties.get(key) ?? {}, sent.user_properties)
    if (!groupIdentify) this.properties.set(key, properties)
    const eventMs = typeof sent.time === 'number' ? sent.time : receivedMs
    const event: Record<string, unknown> = {
      uuid: randomUUID(),
      $insert_id: sent.insert_id ?? null,
      app: this.store.projectId,
      amplitude_id: this.amplitudeId(key),
      user_id: sent.user_id ?? null,
      device_id: deviceId,
      event_id: sent.event_id ?? null,
      session_id: sent.session_id ?? -1,
      event_type: sent.event_type,
      event_time: amplitudeTime(eventMs),
      client_event_time: amplitudeTime(eventMs),
      client_upload_time: amplitudeTime(Number.isNaN(clientUpload) ? receivedMs : clientUpload),
      server_received_time: amplitudeTime(receivedMs),
      server_upload_time: amplitudeTime(receivedMs),
      processed_time: amplitudeTime(receivedMs),
      event_properties: sent.event_properties ?? {},
      // $identify keeps the operations it was sent with; other events carry the user's state.
      user_properties: identify || groupIdentify ? (sent.user_properties ?? {}) : properties,
      groups: groupIdentify ? (sentGroups ?? {}) : { ...this.groups.get(key), ...sentGroups },
      group_properties: groupIdentify ? (sent.group_properties ?? {}) : {},
      data: {},
    }
    for (const field of COPIED) if (sent[field] !== undefined) event[field] = sent[field]
    for (const [from, to] of Object.entries(RENAMED))
      if (sent[from] !== undefined) event[to] = sent[from]
    return event
  }

  private amplitudeId(key: string): number {
    let id = this.amplitudeIds.get(key)
    if (id === undefined) {
      id = this.nextAmplitudeId++
      this.amplitudeIds.set(key, id)
    }
    return id
  }
}

/** The SDK sends `{type: name}` or `{type: [names]}`; exports list names. */
function normalizeGroups(groups: unknown): Groups | undefined {
  if (typeof groups !== 'object' || groups === null) return undefined
  const out: Groups = {}
  for (const [type, names] of Object.entries(groups))
    out[type] = (Array.isArray(names) ? names : [names]).map(String)
  return out
}
