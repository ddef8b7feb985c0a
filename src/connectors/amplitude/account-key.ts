import type { SurveyKind } from '../../db/tables/surveys.js'
import { domainFromWebsite } from '../domain.js'
import type { AmplitudeConfig } from './config.js'
import { exportTimeMs } from './export-hours.js'
import { exportEventSchema, type ExportEvent } from './schemas.js'

/** Identify events change users and groups; they are no product usage. */
const IDENTIFY_EVENTS = new Set(['$identify', '$groupidentify'])

export type Attribution =
  | {
      ok: true
      event: ExportEvent
      /** The customer accounts the event counts for (several when it names several groups). */
      accounts: string[]
      uploadMs: number
      /** Product usage: not an identify call, not a survey answer. */
      usage: boolean
      /** The survey the event answers (`surveys.*.eventType`), if it is an answer. */
      survey: SurveyKind | null
      /** A group's name from `$groupidentify` (`group_properties.$set.name`), if it sets one. */
      name: string | null
    }
  | { ok: false; sourceId: string | null; reason: string }

/**
 * Reads one raw export event: its shape, its timestamps, and which customer account(s) it
 * belongs to under `accountKey`. The reason of a rejection names the field, so a quarantined
 * event says what the product's tracking plan misses.
 */
export function attributeEvent(raw: unknown, config: AmplitudeConfig): Attribution {
  const parsed = exportEventSchema.safeParse(raw)
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const id = [fields.uuid, fields.$insert_id].find((v) => typeof v === 'string') as
    string | undefined
  const sourceId = id ?? null
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'event'}: ${i.message}`)
      .join('; ')
    return { ok: false, sourceId, reason }
  }
  const event = parsed.data
  const uploadMs = exportTimeMs(event.server_upload_time)
  if (uploadMs === null)
    return {
      ok: false,
      sourceId,
      reason: `server_upload_time: not a UTC timestamp ("${event.server_upload_time}")`,
    }
  if (exportTimeMs(event.event_time) === null)
    return {
      ok: false,
      sourceId,
      reason: `event_time: not a UTC timestamp ("${event.event_time}")`,
    }
  const survey = surveyKind(event.event_type, config)
  const usage = !IDENTIFY_EVENTS.has(event.event_type) && survey === null
  const { field, values } = keyValues(event, config)
  const accounts: string[] = []
  for (const value of values) {
    const account = accountId(value, config)
    if (account === null)
      return {
        ok: false,
        sourceId,
        reason: `${field}: "${value}" is not a web domain (accountKeyHolds: domain)`,
      }
    if (!accounts.includes(account)) accounts.push(account)
  }
  if (accounts.length === 0 && (usage || survey !== null))
    return {
      ok: false,
      sourceId,
      reason: `${field}: missing; the event names no customer account (connectors.amplitude.accountKey)`,
    }
  return { ok: true, event, accounts, uploadMs, usage, survey, name: groupName(event, config) }
}

/** Which configured survey an event type answers, if any. */
export function surveyKind(eventType: string, config: AmplitudeConfig): SurveyKind | null {
  const { nps, csat, ces } = config.surveys
  if (eventType === nps.eventType) return 'nps'
  if (eventType === csat.eventType) return 'csat'
  if (eventType === ces.eventType) return 'ces'
  return null
}

function keyValues(
  event: ExportEvent,
  config: AmplitudeConfig,
): { field: string; values: string[] } {
  const key = config.accountKey
  if ('groupType' in key) {
    const names = event.groups?.[key.groupType]
    const list = names === undefined || names === null ? [] : Array.isArray(names) ? names : [names]
    return { field: `groups.${key.groupType}`, values: clean(list) }
  }
  const props = event.user_properties ?? {}
  // `$identify` events carry their operations; the value a product sets is under `$set`.
  const set = (props.$set ?? {}) as Record<string, unknown>
  const value = props[key.userProperty] ?? set[key.userProperty]
  return { field: `user_properties.${key.userProperty}`, values: clean([value]) }
}

function clean(values: unknown[]): string[] {
  return values
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map((v) => String(v).trim())
    .filter((v) => v !== '')
}

/** The source id of an account: a normalized domain, or the value as it is. */
function accountId(value: string, config: AmplitudeConfig): string | null {
  return config.accountKeyHolds === 'domain' ? domainFromWebsite(value) : value
}

function groupName(event: ExportEvent, config: AmplitudeConfig): string | null {
  if (event.event_type !== '$groupidentify' || !('groupType' in config.accountKey)) return null
  const set = event.group_properties?.$set as Record<string, unknown> | undefined
  return typeof set?.name === 'string' && set.name.trim() ? set.name.trim() : null
}
