import type { Kysely } from 'kysely'
import { playInputsFrom, type PlayInputs } from '../../model/plays/inputs.js'
import type { AccountSignals, SourceSignalKind, SurveySignals } from '../../model/signals.js'
import { surveySettingsSchema } from '../../model/surveys/settings.js'
import type { Database } from '../database.js'
import { signalProviders, type SignalSettings } from '../signals/registry.js'
import { playAccountFacts } from './account-facts.js'

export interface PlayInputsPage {
  inputs: PlayInputs[]
  /** Where the next page starts; null after the last. */
  nextAfterId: string | null
}

/** The advocacy play's NPS input: absent when nobody answered in the window. */
function npsOf(surveys: SurveySignals | undefined): PlayInputs['nps'] {
  return surveys?.nps == null
    ? undefined
    : { score: Math.round(surveys.nps), responses: surveys.npsRespondents }
}

/**
 * The play rules' inputs for a page of scored accounts (account_scores, keyed after
 * `afterId`): the stored health and renewal date, the usage, support and billing signals of
 * the configured sources (the same providers scoring uses), and the facts the signals do not
 * carry. Set-based: a handful of queries per page whatever its size.
 */
export async function playInputsPage(
  db: Kysely<Database>,
  input: {
    crm: string
    asOf: string
    sources: Record<SourceSignalKind, readonly string[]>
    afterId: string | null
    limit: number
    /** The signal providers' settings (the NPS window); the domain's defaults when absent. */
    signalSettings?: SignalSettings
  },
): Promise<PlayInputsPage> {
  const { crm, asOf, sources } = input
  const settings = input.signalSettings ?? { surveys: surveySettingsSchema.parse({}) }
  let query = db
    .selectFrom('account_scores')
    .select(['source_id', 'health_score', 'next_renewal_date'])
    .where('source', '=', crm)
    .orderBy('source_id')
    .limit(input.limit)
  if (input.afterId !== null) query = query.where('source_id', '>', input.afterId)
  const scored = await query.execute()
  if (scored.length === 0) return { inputs: [], nextAfterId: null }
  const ids = scored.map((s) => s.source_id)
  const signalsOf = <K extends SourceSignalKind>(
    kind: K,
  ): Promise<Map<string, NonNullable<AccountSignals[K]>>> =>
    sources[kind].length === 0
      ? Promise.resolve(new Map())
      : signalProviders[kind](db, crm, sources[kind], asOf, ids, settings)
  const [usage, support, billing, surveys, facts] = await Promise.all([
    signalsOf('usage'),
    signalsOf('support'),
    signalsOf('billing'),
    signalsOf('surveys'),
    playAccountFacts(db, crm, sources, asOf, ids),
  ])
  const inputs = scored.map((s) =>
    playInputsFrom({
      accountId: s.source_id,
      healthScore: Number(s.health_score),
      renewalDate: s.next_renewal_date,
      facts: facts.get(s.source_id)!,
      usage: usage.get(s.source_id),
      support: support.get(s.source_id),
      billing: billing.get(s.source_id),
      nps: npsOf(surveys.get(s.source_id)),
    }),
  )
  return {
    inputs,
    nextAfterId: scored.length < input.limit ? null : ids[ids.length - 1]!,
  }
}
