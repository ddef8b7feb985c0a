import type { Kysely } from 'kysely'
import type { LifecycleSettings } from '../../model/lifecycle/settings.js'
import type { LifecycleStage } from '../../model/lifecycle/stage.js'
import { evaluateAccount } from '../../model/plays/evaluate.js'
import type { NotRaised, Play } from '../../model/plays/types.js'
import type { SourceSignalKind } from '../../model/signals.js'
import type { Database } from '../database.js'
import type { SignalSettings } from '../signals/registry.js'
import { playInputsPage } from './play-inputs.js'
import { refreshPlays, type RefreshPlaysResult } from './refresh-plays.js'

export interface PlaysPageResult extends RefreshPlaysResult {
  evaluated: number
  /** Each evaluated account's lifecycle stage, for whoever stores or writes it back. */
  stages: Map<string, LifecycleStage>
  /** Where the next page starts; null after the last. */
  nextAfterId: string | null
}

/**
 * One page of the plays step: reads the inputs of a page of scored accounts, evaluates the
 * lifecycle stage and play rules of each, and refreshes the page's plays. A caller walks the
 * pages from `afterId: null` until `nextAfterId` is null (heartbeating between them), then
 * calls closePlaysOfUnscoredAccounts.
 */
export async function refreshPlaysPage(
  db: Kysely<Database>,
  input: {
    crm: string
    asOf: string
    sources: Record<SourceSignalKind, readonly string[]>
    settings: LifecycleSettings
    /** The signal providers' settings (the NPS window); the domain's defaults when absent. */
    signalSettings?: SignalSettings
    afterId: string | null
    limit: number
  },
): Promise<PlaysPageResult> {
  const page = await playInputsPage(db, input)
  const candidates: Play[] = []
  const notRaised: NotRaised[] = []
  const stages = new Map<string, LifecycleStage>()
  for (const inputs of page.inputs) {
    const evaluation = evaluateAccount(inputs, input.asOf, input.settings)
    candidates.push(...evaluation.plays)
    notRaised.push(...evaluation.notRaised)
    stages.set(inputs.accountId, evaluation.stage)
  }
  const refreshed =
    page.inputs.length === 0
      ? { raised: 0, kept: 0, closed: 0 }
      : await refreshPlays(db, {
          crm: input.crm,
          asOf: input.asOf,
          candidates,
          notRaised,
          accountIds: page.inputs.map((i) => i.accountId),
        })
  return { ...refreshed, evaluated: page.inputs.length, stages, nextAfterId: page.nextAfterId }
}
