import { csmValuesOf, recordCsmViews, type CsmViewRow } from '../db/csm-views.js'
import type { Database } from '../db/database.js'
import { quarantineRecords, type QuarantinedRecord } from '../db/quarantine.js'
import { readCsmView } from '../model/health/csm-view.js'
import type { HealthSettings } from '../model/settings.js'
import type { Kysely } from 'kysely'

/** The quarantine stream of CSM values cs360 cannot read. */
export const CSM_VIEW_STREAM = 'csm-health'

/**
 * After a page of scores lands: reads each account's CSM value (a status, a band, a 0–100
 * score) with the configured bands and status thresholds and stores it beside the model's
 * score. A value that reads as nothing is kept raw, left out of the comparison, and quarantined
 * with the account and the value, once when it first appears; the run goes on. Returns how
 * many values were quarantined.
 */
export async function recordCsmViewsOfPage(
  db: Kysely<Database>,
  input: {
    runId: string
    crm: string
    asOf: string
    accountIds: readonly string[]
    /** The CRM field the values come from, for the quarantine's record. */
    field: string | undefined
    settings: Pick<HealthSettings, 'bands' | 'status'>
  },
): Promise<number> {
  const values = await csmValuesOf(db, input.crm, input.accountIds)
  const views: CsmViewRow[] = []
  const unreadable: QuarantinedRecord[] = []
  for (const value of values) {
    const reading = value.raw === null ? null : readCsmView(value.raw, input.settings)
    views.push({
      sourceId: value.sourceId,
      raw: value.raw,
      status: reading?.ok ? reading.view.status : null,
      band: reading?.ok ? reading.view.band : null,
    })
    if (reading && !reading.ok && value.raw !== value.previousRaw)
      unreadable.push({
        sourceId: value.sourceId,
        reason: `account ${value.sourceId} (${value.name}): CSM health ${JSON.stringify(value.raw)} is ${reading.problem}; kept as typed and left out of the CSM view until it reads as one`,
        record: { field: input.field ?? null, value: value.raw },
      })
  }
  // Together: a retried page finds the value stored and does not quarantine it twice.
  await db.transaction().execute(async (trx) => {
    await recordCsmViews(trx, { crm: input.crm, asOf: input.asOf, views })
    await quarantineRecords(
      trx,
      { runId: input.runId, connector: input.crm, stream: CSM_VIEW_STREAM },
      unreadable,
    )
  })
  return unreadable.length
}
