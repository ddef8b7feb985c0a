import {
  USAGE_LOOKBACK_DAYS,
  type BillingSignals,
  type SupportSignals,
  type UsageSignals,
} from '../signals.js'

export { USAGE_LOOKBACK_DAYS }

/** Everything the lifecycle stage and the play rules read about one account on one day. */
export interface PlayInputs {
  accountId: string
  /** The account's CSM: the CRM account owner. */
  ownerId: string | null
  /** 0–100; null when the account is not scored. */
  healthScore: number | null
  renewalDate: string | null
  /** Start of the account's first won contract: the clock of Onboarding and Adoption. */
  firstContractStart: string | null
  /** Absent when no product analytics are linked to the account. */
  usage?: {
    activeUsers30d: number
    activeUsersPrior30d: number
    events30d: number
    eventsPrior30d: number
    /** Null: no activity in the whole lookback. */
    daysSinceLastLogin: number | null
    lookbackDays: number
  }
  /** Absent when no support desk is linked. */
  support?: {
    tickets30d: number
    ticketsPrior30d: number
    /** Urgent tickets not solved on the day: 003's "recent complaints unresolved". */
    openUrgentTickets: number
  }
  /** Absent when no billing is linked. */
  billing?: {
    pastDueInvoices: number
    /** A subscription set to cancel: 004's "cancel signal". */
    cancelScheduled: boolean
  }
  /** How much of a plan limit the account uses (004: "Usage at 80%+ of limit"). */
  planLimit?: { used: number; limit: number; unit: string }
  /**
   * The account's NPS (−100–100) from its respondents' latest answers in the NPS window
   * (db/signals/surveys.ts); absent without answers, so no advocacy play is raised.
   */
  nps?: { score: number; responses: number }
}

/** What the signals do not carry and db/plays/account-facts.ts reads for the rules. */
export interface PlayAccountFacts {
  ownerId: string | null
  firstContractStart: string | null
  /** Null when no support desk is linked. */
  openUrgentTickets: number | null
  /** Null when no billing is linked. */
  cancelScheduled: boolean | null
}

/**
 * The rules' inputs from an account's signals (src/model/signals.ts) and facts. The plan limit
 * is paid seats: active users against the seats billed is how a per-seat plan runs out.
 */
export function playInputsFrom(parts: {
  accountId: string
  healthScore: number | null
  renewalDate: string | null
  facts: PlayAccountFacts
  usage?: UsageSignals
  support?: SupportSignals
  billing?: BillingSignals
  nps?: PlayInputs['nps']
}): PlayInputs {
  const { usage, support, billing, facts } = parts
  const inputs: PlayInputs = {
    accountId: parts.accountId,
    ownerId: facts.ownerId,
    healthScore: parts.healthScore,
    renewalDate: parts.renewalDate,
    firstContractStart: facts.firstContractStart,
  }
  if (usage)
    inputs.usage = {
      activeUsers30d: usage.activeUsers30d,
      activeUsersPrior30d: usage.activeUsersPrior30d,
      events30d: usage.events30d,
      eventsPrior30d: usage.eventsPrior30d,
      daysSinceLastLogin: usage.daysSinceLastActive,
      lookbackDays: USAGE_LOOKBACK_DAYS,
    }
  if (support)
    inputs.support = {
      tickets30d: support.tickets30d,
      ticketsPrior30d: support.ticketsPrior30d,
      openUrgentTickets: facts.openUrgentTickets ?? 0,
    }
  if (billing)
    inputs.billing = {
      pastDueInvoices: billing.pastDueInvoices,
      cancelScheduled: facts.cancelScheduled ?? false,
    }
  if (usage && billing?.seats)
    inputs.planLimit = { used: usage.activeUsers30d, limit: billing.seats, unit: 'paid seats' }
  if (parts.nps) inputs.nps = parts.nps
  return inputs
}
