import type { Kysely } from 'kysely'
import type { AccountSignals, SourceSignalKind } from '../../model/signals.js'
import type { SurveySettings } from '../../model/surveys/settings.js'
import type { Database, TableName } from '../database.js'
import { billingSignals } from './billing.js'
import { supportSignals } from './support.js'
import { surveySignals } from './surveys.js'
import { usageSignals } from './usage.js'

/** The settings a provider may need: `model.metrics.surveys` (the NPS window and cut-offs). */
export interface SignalSettings {
  surveys: SurveySettings
}

/**
 * Signals of one kind for a page of CRM accounts on a day, from the records of `sources`
 * (the configured connectors that feed that kind) linked to those accounts. Accounts without a
 * linked record are absent from the result: their component is missing, not zero.
 */
export type SignalProvider<K extends SourceSignalKind> = (
  db: Kysely<Database>,
  crm: string,
  sources: readonly string[],
  asOf: string,
  accountIds: readonly string[],
  settings: SignalSettings,
) => Promise<Map<string, NonNullable<AccountSignals[K]>>>

/** One provider per kind of source data; a connector declares the kinds it `feeds`. */
export const signalProviders: { [K in SourceSignalKind]: SignalProvider<K> } = {
  usage: usageSignals,
  support: supportSignals,
  billing: billingSignals,
  surveys: surveySignals,
}

/** The tables each provider reads, whose statistics are refreshed before scoring. */
export const SIGNAL_TABLES: { [K in SourceSignalKind]: TableName[] } = {
  usage: ['usage_daily'],
  support: ['support_tickets', 'satisfaction_ratings'],
  billing: ['billing_mrr_monthly', 'billing_invoices'],
  surveys: ['survey_responses'],
}
