import type { Generated } from 'kysely'
import type { Timestamp } from './columns.js'

/** What a survey asked: 004's three satisfaction metrics. */
export type SurveyKind = 'nps' | 'csat' | 'ces'

/**
 * One survey answer of one respondent, filed under the source account it names (an event naming
 * two accounts is one row for each). Keyed by the answer's id at the source, so a re-read answer
 * replaces itself instead of counting twice.
 */
export interface SurveyResponsesTable {
  source: string
  source_id: string
  source_account_id: string
  respondent_id: string
  kind: SurveyKind
  /** On the survey's own scale: NPS 0–10, CSAT 1–`csat.scaleMax`, CES 1–`ces.scaleMax`. */
  score: number
  /** Which survey asked (Amplitude: the event type). */
  survey: string
  answered_at: Timestamp
  synced_at: Generated<Date>
}
