import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * What one fault case ended with, as the suite's closing table prints it: the fault injected,
 * what the run did about it, and the two figures that must be 0 — records lost (in the source,
 * missing from the customer-360 or from the CRM's written values when compared with a run without
 * the fault) and duplicate writes (the same value written to the same CRM record more than once).
 */
export interface FaultOutcome {
  /** The case, e.g. "PostgreSQL restarted mid-extract". */
  fault: string
  /** What happened, in words, e.g. "run resumed after 2 retries, succeeded". */
  outcome: string
  lost: number
  duplicated: number
}

/** Where the cases of one `npm run test:faults` leave their outcomes for the closing table. */
export const OUTCOMES_FILE = resolve(
  process.env.CS360_FAULT_OUTCOMES ?? resolve('.cs360', 'faults', 'outcomes.jsonl'),
)

/** Records a case's outcome; call it after the case's assertions ran, whatever they found. */
export function recordFaultOutcome(outcome: FaultOutcome): void {
  mkdirSync(dirname(OUTCOMES_FILE), { recursive: true })
  appendFileSync(OUTCOMES_FILE, `${JSON.stringify(outcome)}\n`)
}
