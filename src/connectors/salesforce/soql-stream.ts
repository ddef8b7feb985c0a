import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { salesforceConnection } from './client.js'
import type { SalesforceConfig } from './config.js'
import { classifySalesforceError } from './errors.js'

interface SoqlRecord {
  Id: string
  SystemModstamp: string
}

/**
 * Incremental read of one sObject ordered by (SystemModstamp, Id) through /queryAll, so deleted
 * rows arrive with IsDeleted = true in the same pass. Each yielded page carries the position of
 * its last record; the query is rebuilt from that position on resume instead of reusing a
 * server-side nextRecordsUrl locator, which Salesforce expires after 15 minutes of inactivity.
 *
 * SOQL datetime literals carry no milliseconds, so the filter is `>=` the checkpoint's second
 * and records at or before the checkpoint are skipped here.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
 */
export async function* readSoqlIncrementally(
  ctx: ConnectorContext<SalesforceConfig>,
  object: string,
  fields: string[],
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const after = readPosition(from)
  const where = after ? ` WHERE SystemModstamp >= ${soqlDatetimeFloor(after.modstamp)}` : ''
  const soql = `SELECT ${fields.join(', ')} FROM ${object}${where} ORDER BY SystemModstamp ASC, Id ASC`
  try {
    const conn = await salesforceConnection(ctx)
    const headers: Record<string, string> =
      ctx.config.pageSize < 2000
        ? { 'Sforce-Query-Options': `batchSize=${ctx.config.pageSize}` }
        : {}
    let result = await conn.query<SoqlRecord>(soql, { autoFetch: false, scanAll: true, headers })
    let position = after
    for (;;) {
      const fresh = result.records.filter((r) => !position || isAfter(r, position))
      const last = result.records[result.records.length - 1]
      if (last && (!position || isAfter(last, position))) {
        position = { modstamp: last.SystemModstamp, id: last.Id }
      }
      if (fresh.length > 0 || result.done) {
        yield { records: fresh, checkpoint: position ? { ...position } : {} }
      }
      if (result.done || !result.nextRecordsUrl) return
      result = await conn.queryMore<SoqlRecord>(result.nextRecordsUrl)
    }
  } catch (error) {
    throw classifySalesforceError(error, `reading ${object}`)
  }
}

interface Position {
  modstamp: string
  id: string
}

function readPosition(checkpoint: StreamCheckpoint | null): Position | null {
  const modstamp = checkpoint?.modstamp
  const id = checkpoint?.id
  return typeof modstamp === 'string' && typeof id === 'string' ? { modstamp, id } : null
}

function isAfter(record: SoqlRecord, position: Position): boolean {
  const a = Date.parse(record.SystemModstamp)
  const b = Date.parse(position.modstamp)
  return a > b || (a === b && record.Id > position.id)
}

/** SOQL wants `YYYY-MM-DDThh:mm:ssZ`, unquoted. */
export function soqlDatetimeFloor(timestamp: string): string {
  const ms = Date.parse(timestamp)
  if (Number.isNaN(ms)) throw new Error(`invalid checkpoint timestamp ${timestamp}`)
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
