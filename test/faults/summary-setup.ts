import { existsSync, readFileSync, rmSync } from 'node:fs'
import { OUTCOMES_FILE, type FaultOutcome } from './support/outcomes.js'

/** One line per fault case (fault, outcome, lost, duplicated) and a total, once the suite ends. */
export function faultTable(outcomes: readonly FaultOutcome[]): string[] {
  const width = Math.max(5, ...outcomes.map((o) => o.fault.length))
  const lines = [`${'fault'.padEnd(width)}  ${'lost'.padStart(4)}  ${'dup'.padStart(4)}  outcome`]
  for (const o of outcomes)
    lines.push(
      `${o.fault.padEnd(width)}  ${String(o.lost).padStart(4)}  ${String(o.duplicated).padStart(4)}  ${o.outcome}`,
    )
  const lost = outcomes.reduce((sum, o) => sum + o.lost, 0)
  const duplicated = outcomes.reduce((sum, o) => sum + o.duplicated, 0)
  lines.push(
    `total: ${outcomes.length} fault cases, ${lost} records lost, ${duplicated} duplicate writes`,
  )
  return lines
}

export default function setup() {
  rmSync(OUTCOMES_FILE, { force: true })
  return () => {
    const outcomes = existsSync(OUTCOMES_FILE)
      ? readFileSync(OUTCOMES_FILE, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as FaultOutcome)
      : []
    process.stdout.write(`\nfault suite\n${faultTable(outcomes).join('\n')}\n`)
  }
}
