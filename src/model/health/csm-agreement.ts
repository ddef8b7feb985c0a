import type { CsmDirection } from './csm-view.js'

/** Where an account's CSM stands against the model: a direction, or no (readable) view. */
export type CsmStanding = CsmDirection | 'no-csm-view'

export const CSM_STANDINGS: readonly CsmStanding[] = [
  'agree',
  'csm-more-optimistic',
  'csm-more-pessimistic',
  'no-csm-view',
]

/** Accounts per standing; `unreadable` counts the "no CSM view" accounts whose value read as nothing. */
export type AgreementCounts = Record<CsmStanding, number> & { unreadable: number }

export interface CsmRef {
  id: string
  name: string
}

/** One CSM's (or the unowned accounts') count of accounts in one standing. */
export interface AgreementEntry {
  csm: CsmRef | null
  standing: CsmStanding
  accounts: number
  unreadable: number
}

export interface AgreementSummary {
  overall: AgreementCounts
  /** Per CSM, most disagreements first; unowned accounts last (csm null). */
  byCsm: { csm: CsmRef | null; counts: AgreementCounts }[]
}

const none = (): AgreementCounts => ({
  agree: 0,
  'csm-more-optimistic': 0,
  'csm-more-pessimistic': 0,
  'no-csm-view': 0,
  unreadable: 0,
})

const disagreeing = (c: AgreementCounts) => c['csm-more-optimistic'] + c['csm-more-pessimistic']

/** Adds up the per-CSM, per-standing counts the report's SQL groups. */
export function summarizeAgreement(entries: readonly AgreementEntry[]): AgreementSummary {
  const overall = none()
  const byId = new Map<string | null, { csm: CsmRef | null; counts: AgreementCounts }>()
  for (const e of entries) {
    const key = e.csm?.id ?? null
    const book = byId.get(key) ?? { csm: e.csm, counts: none() }
    byId.set(key, book)
    for (const counts of [overall, book.counts]) {
      counts[e.standing] += e.accounts
      counts.unreadable += e.unreadable
    }
  }
  const byCsm = [...byId.values()].sort(
    (a, b) =>
      Number(a.csm === null) - Number(b.csm === null) ||
      disagreeing(b.counts) - disagreeing(a.counts) ||
      (a.csm?.name ?? '').localeCompare(b.csm?.name ?? ''),
  )
  return { overall, byCsm }
}
