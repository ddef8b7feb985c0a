import { rowFor } from '../../db/load-target.js'
import type { SurveyKind } from '../../db/tables/surveys.js'
import type { MappedRecord } from '../types.js'
import type { Attribution } from './account-key.js'
import type { AmplitudeConfig } from './config.js'
import { exportTimeMs } from './export-hours.js'

type Attributed = Extract<Attribution, { ok: true }>

export const SURVEY_SOURCE = 'amplitude'

/** The answers each survey accepts: NPS asks 0–10 (004), CSAT and CES 1 to their scale's top. */
export function surveyScale(kind: SurveyKind, config: AmplitudeConfig): [number, number] {
  if (kind === 'nps') return [0, 10]
  return [1, config.surveys[kind].scaleMax]
}

const LABEL: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' }

/**
 * An in-app survey answer onto survey_responses: one row per account the event names, keyed by
 * the event's uuid (else its $insert_id), so a re-read event replaces its own row. The answer
 * is the configured event property, a whole number on the survey's scale (a string of one is
 * read too: SDKs send properties as the product holds them). Anything else is quarantined with
 * the property and the reason, and the read goes on.
 */
export function mapSurveyAnswer(
  attributed: Attributed & { survey: SurveyKind },
  config: AmplitudeConfig,
): MappedRecord {
  const { event, survey: kind } = attributed
  const property = config.surveys[kind].property
  const field = `event_properties.${property}`
  const id = event.uuid ?? event.$insert_id ?? null
  const reject = (reason: string): MappedRecord => ({ ok: false, sourceId: id, reason })
  const respondent = event.user_id ?? event.device_id
  if (!respondent) return reject('user_id: missing, and no device_id: the answer names nobody')
  const raw = event.event_properties?.[property]
  if (raw === undefined || raw === null)
    return reject(`${field}: missing; a ${event.event_type} event carries the answer there`)
  const score = wholeNumber(raw)
  if (score === null)
    return reject(`${field}: ${JSON.stringify(raw)} is not a whole number (${LABEL[kind]} answer)`)
  const [min, max] = surveyScale(kind, config)
  if (score < min || score > max)
    return reject(`${field}: ${score} is off the ${LABEL[kind]} scale ${min}–${max}`)
  // attributeEvent has checked event_time already.
  const answeredAt = new Date(exportTimeMs(event.event_time)!).toISOString()
  const sourceId = id ?? `${respondent}/${event.event_type}/${answeredAt}`
  return {
    ok: true,
    rows: attributed.accounts.map((account) =>
      rowFor('survey_responses', {
        source: SURVEY_SOURCE,
        source_id: sourceId,
        source_account_id: account,
        respondent_id: respondent,
        kind,
        score,
        survey: event.event_type,
        answered_at: answeredAt,
      }),
    ),
  }
}

function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value.trim())
  return null
}
