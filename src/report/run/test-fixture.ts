// A run as the report's queries return it, for the report's unit tests.
import type { MinimumConnector } from './api-minimums.js'
import type { RunReportInput } from './view-model.js'

const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 9, 0, s))

const stream = (name: string, pageMax: number) => ({
  name,
  minimumRequests: ({ records }: { records: number }) => Math.max(1, Math.ceil(records / pageMax)),
})

/** Two connectors as the report sees them: their streams' minimums and the CRM's batch size. */
const connectors = {
  salesforce: {
    streams: [stream('Account', 2000)],
    writeBack: { maxBatchSize: 200 },
  } as unknown as MinimumConnector,
  zendesk: { streams: [{ name: 'tickets' }] } as unknown as MinimumConnector,
}

const step = (name: string, counts: Partial<RunReportInput['steps'][number]>) => ({
  run_id: 'r',
  step: name,
  records_read: 0,
  records_upserted: 0,
  records_deleted: 0,
  records_quarantined: 0,
  records_written: 0,
  api_calls: 0,
  pages: 0,
  rate_limit_waits: 0,
  started_at: at(0),
  finished_at: at(4),
  ...counts,
})

/** One run: a Salesforce read past a page, a Zendesk stream without a minimum, a write-back. */
export function reportInput(over: Partial<RunReportInput> = {}): RunReportInput {
  return {
    run: {
      id: '4ac712f6-38b1-443c-96e4-a36f05c185a5',
      workflow_id: 'sync-all:manual',
      trigger: 'manual',
      status: 'succeeded',
      started_at: at(0),
      finished_at: at(75),
      error: null,
    },
    steps: [
      step('extract:salesforce:Account', { records_read: 4001, api_calls: 4, pages: 3 }),
      step('extract:zendesk:tickets', { records_read: 10, api_calls: 1, pages: 1 }),
      step('compute:salesforce', { records_upserted: 40, finished_at: null }),
      step('writeback:salesforce', { records_written: 401, api_calls: 5 }),
    ],
    crm: 'salesforce',
    asOf: '2026-11-22',
    health: {
      basis: 'scores',
      bands: [
        { band: 'Stable', accounts: 3, arr: 30_000 },
        { band: 'Healthy', accounts: 1, arr: 5_000 },
      ],
    },
    quarantine: [],
    refusalCounts: [],
    refusals: [],
    refusalLimit: 200,
    identityCounts: [
      { source: 'zendesk', status: 'matched', method: 'domain', records: 5 },
      { source: 'zendesk', status: 'matched', method: 'name', records: 2 },
      { source: 'zendesk', status: 'conflict', method: null, records: 1 },
      { source: 'amplitude', status: 'unmatched', method: null, records: 3 },
    ],
    identityIssues: [],
    identityLimit: 200,
    connectors,
    generatedAt: at(80),
    ...over,
  }
}
