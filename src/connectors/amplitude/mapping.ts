import { domainFromWebsite } from '../domain.js'
import { rowFor } from '../../db/load-target.js'
import type { MappedRecord } from '../types.js'
import { attributeEvent } from './account-key.js'
import type { HourUsage } from './aggregate.js'
import type { AmplitudeConfig } from './config.js'
import { mapSurveyAnswer } from './survey-answer.js'

export const SOURCE = 'amplitude'

/** Source id of what the usage stream yields: `account/day`, or a raw event's uuid. */
export function usageRecordId(raw: unknown): string | null {
  const record = (raw ?? {}) as Record<string, unknown>
  if (record.cs360 === 'usage_hour')
    return `${String(record.account)}/${String(record.day)}/${String(record.hour)}`
  const id = [record.uuid, record.$insert_id].find((v) => typeof v === 'string')
  return (id as string | undefined) ?? null
}

/**
 * The usage stream's records onto customer-360 rows: an account's hour onto its day's
 * usage_daily row (only this hour's bit in `hours_loaded`) and onto source_accounts (the key
 * filed as domain, CRM id or name per `accountKeyHolds`); a survey answer onto
 * survey_responses; any other raw event (one the read could not attribute) goes to the
 * quarantine with the reason, as does an answer that is not one.
 */
export function mapUsageRecord(raw: unknown, config: AmplitudeConfig): MappedRecord {
  const record = raw as { cs360?: unknown } | null
  if (record?.cs360 === 'usage_hour') {
    const usage = raw as HourUsage
    const holds = config.accountKeyHolds
    return {
      ok: true,
      rows: [
        rowFor('usage_daily', {
          source: SOURCE,
          source_account_id: usage.account,
          day: usage.day,
          hours_loaded: 2 ** usage.hour,
          events: usage.events,
          user_ids: usage.userIds,
          session_ids: usage.sessionIds,
          event_types: usage.eventTypes,
        }),
        rowFor('source_accounts', {
          source: SOURCE,
          source_id: usage.account,
          name: holds === 'name' ? usage.account : usage.name,
          // Products send the domain as they hold it (`Acme.com`, `www.acme.com`): normalized.
          domains: holds === 'domain' ? [domainFromWebsite(usage.account) ?? usage.account] : [],
          crm_account_ids: holds === 'crmAccountId' ? [usage.account] : [],
          email: null,
          source_created_at: new Date(usage.firstSeenMs).toISOString(),
          source_updated_at: new Date(usage.lastSeenMs).toISOString(),
          deleted_at: null,
        }),
      ],
    }
  }
  if (record && typeof record === 'object' && 'unreadableLine' in record)
    return { ok: false, sourceId: null, reason: 'export line: not JSON' }
  const attribution = attributeEvent(raw, config)
  if (!attribution.ok) return attribution
  if (attribution.survey !== null)
    return mapSurveyAnswer({ ...attribution, survey: attribution.survey }, config)
  return {
    ok: false,
    sourceId: usageRecordId(raw),
    reason: 'event: yielded without being aggregated (a cs360 bug); it is counted nowhere',
  }
}
