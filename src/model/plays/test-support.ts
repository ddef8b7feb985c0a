import { lifecycleSettingsSchema, type LifecycleSettings } from '../lifecycle/settings.js'
import { addDays } from './dates.js'
import { evaluateAccount } from './evaluate.js'
import type { PlayInputs } from './inputs.js'
import type { Play, PlayType } from './types.js'

export const AS_OF = '2026-11-22'
export const DEFAULTS: LifecycleSettings = lifecycleSettingsSchema.parse({})

/**
 * A healthy, long-standing account with every source linked and nothing to act on; tests
 * change the one input they are about.
 */
export function quietAccount(overrides: Partial<PlayInputs> = {}): PlayInputs {
  return {
    accountId: 'acct-1',
    ownerId: 'csm-1',
    healthScore: 85,
    renewalDate: addDays(AS_OF, 200),
    firstContractStart: addDays(AS_OF, -400),
    usage: {
      activeUsers30d: 20,
      activeUsersPrior30d: 20,
      events30d: 1_000,
      eventsPrior30d: 1_000,
      daysSinceLastLogin: 0,
      lookbackDays: 60,
    },
    support: { tickets30d: 1, ticketsPrior30d: 1, openUrgentTickets: 0 },
    billing: { pastDueInvoices: 0, cancelScheduled: false },
    planLimit: { used: 20, limit: 40, unit: 'paid seats' },
    ...overrides,
  }
}

/** The play of one type raised for the account, if any. */
export function playOf(
  type: PlayType,
  inputs: PlayInputs,
  settings: LifecycleSettings = DEFAULTS,
  asOf = AS_OF,
): Play | undefined {
  return evaluateAccount(inputs, asOf, settings).plays.find((p) => p.type === type)
}

/** Why the rule of this type did not fire, if it did not. */
export function whyNot(
  type: PlayType,
  inputs: PlayInputs,
  settings: LifecycleSettings = DEFAULTS,
): string | undefined {
  return evaluateAccount(inputs, AS_OF, settings).notRaised.find((n) => n.type === type)?.why
}
