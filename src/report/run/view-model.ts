import type { SyncRun, SyncRunStep } from '../../db/database.js'
import type { identityCounts, identityIssues } from '../../db/identity/identity-report.js'
import type {
  runHealth,
  runQuarantine,
  runRefusalCounts,
  runRefusals,
} from '../../db/run-report.js'
import { HEALTH_BANDS } from '../../model/health/bands.js'
import { stepMinimumRequests, type MinimumConnector } from './api-minimums.js'

/** What the run report is drawn from, as the queries in src/db/run-report.ts return it. */
export interface RunReportInput {
  run: SyncRun
  steps: SyncRunStep[]
  /** The CRM the run scored (null: it never reached scoring). */
  crm: string | null
  asOf: string | null
  health: Awaited<ReturnType<typeof runHealth>>
  quarantine: Awaited<ReturnType<typeof runQuarantine>>
  refusalCounts: Awaited<ReturnType<typeof runRefusalCounts>>
  refusals: Awaited<ReturnType<typeof runRefusals>>
  refusalLimit: number
  identityCounts: Awaited<ReturnType<typeof identityCounts>>
  identityIssues: Awaited<ReturnType<typeof identityIssues>>
  identityLimit: number
  connectors: Readonly<Record<string, MinimumConnector | undefined>>
  generatedAt: Date
}

export type RunReport = ReturnType<typeof runReportView>

const seconds = (from: Date, to: Date | null) =>
  to === null ? null : Math.max(0, (to.getTime() - from.getTime()) / 1000)

/** The crm a run scored, read off its compute step (`compute:<crm>`). */
export function scoredCrm(steps: readonly Pick<SyncRunStep, 'step'>[]): string | null {
  const compute = steps.find((s) => s.step.startsWith('compute:'))
  return compute ? compute.step.slice('compute:'.length) : null
}

/** The report's content, every number already counted: the page only lays it out. */
export function runReportView(input: RunReportInput) {
  const { run } = input
  const steps = input.steps.map((s) => ({
    step: s.step,
    read: s.records_read,
    upserted: s.records_upserted,
    deleted: s.records_deleted,
    quarantined: s.records_quarantined,
    written: s.records_written,
    apiCalls: s.api_calls,
    pages: s.pages,
    seconds: seconds(s.started_at, s.finished_at),
  }))
  const apiCalls = input.steps.flatMap((s) => {
    const counted = stepMinimumRequests(
      {
        step: s.step,
        recordsRead: s.records_read,
        recordsWritten: s.records_written,
        pages: s.pages,
      },
      input.connectors,
    )
    return counted ? [{ step: s.step, calls: s.api_calls, ...counted }] : []
  })
  const bands = HEALTH_BANDS.map(({ band, action }) => {
    const found = input.health.bands.find((b) => b.band === band)
    return {
      band,
      action,
      accounts: found?.accounts ?? 0,
      arr: input.health.basis === 'scores' ? (found?.arr ?? 0) : null,
    }
  })
  const sources = [...new Set(input.identityCounts.map((c) => c.source))].sort()
  const linked = (source: string, status: string) =>
    input.identityCounts
      .filter((c) => c.source === source && c.status === status)
      .reduce((sum, c) => sum + c.records, 0)
  return {
    run: {
      id: run.id,
      workflowId: run.workflow_id,
      trigger: run.trigger,
      status: run.status,
      startedAt: run.started_at.toISOString(),
      finishedAt: run.finished_at?.toISOString() ?? null,
      seconds: seconds(run.started_at, run.finished_at),
      asOf: input.asOf,
      error: run.error,
      crm: input.crm,
    },
    health: {
      basis: input.health.basis,
      bands,
      accounts: bands.reduce((sum, b) => sum + b.accounts, 0),
      arr: input.health.basis === 'scores' ? bands.reduce((sum, b) => sum + (b.arr ?? 0), 0) : null,
    },
    steps,
    apiCalls,
    quarantine: input.quarantine,
    refusals: {
      counts: input.refusalCounts,
      records: input.refusals,
      truncated: input.refusals.length >= input.refusalLimit,
    },
    identity: {
      bySource: sources.map((source) => ({
        source,
        matched: linked(source, 'matched'),
        conflict: linked(source, 'conflict'),
        unmatched: linked(source, 'unmatched'),
      })),
      issues: input.identityIssues.map((i) => ({
        source: i.source,
        sourceId: i.sourceId,
        status: i.status,
        name: i.name,
        domains: i.domains,
        candidates: [...new Set(i.evidence.map((e) => e.crmAccountName ?? e.crmAccountId))],
      })),
      truncated: input.identityIssues.length >= input.identityLimit,
    },
    generatedAt: input.generatedAt.toISOString(),
  }
}
