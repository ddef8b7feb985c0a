import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { salesforceConnection } from './client.js'
import type { SalesforceConfig } from './config.js'
import { classifySalesforceError } from './errors.js'
import { withConcurrencyWaits } from './request-limits.js'

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
 * SystemModstamp has whole seconds only, so a record saved later in the same second as the last
 * one read can sort before it by Id. The position therefore keeps the ids already read in its
 * second, and the next read skips only those ids there. The read starts `lookbackSeconds` before
 * that second and yields that window again: a transaction that committed late, with a stamp
 * older than the cursor, is caught there (the loader makes records already held no-ops).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
 */
export async function* readSoqlIncrementally(
  ctx: ConnectorContext<SalesforceConfig>,
  object: string,
  fields: string[],
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  let position = readPosition(from)
  const start = position ? position.second - ctx.config.lookbackSeconds * 1000 : null
  const where = start !== null ? ` WHERE SystemModstamp >= ${soqlDatetimeFloor(start)}` : ''
  const soql = `SELECT ${fields.join(', ')} FROM ${object}${where} ORDER BY SystemModstamp ASC, Id ASC`
  try {
    const conn = await salesforceConnection(ctx)
    const headers: Record<string, string> =
      ctx.config.pageSize < 2000
        ? { 'Sforce-Query-Options': `batchSize=${ctx.config.pageSize}` }
        : {}
    type Page = Awaited<ReturnType<typeof conn.queryMore<SoqlRecord>>>
    let result: Page = await withConcurrencyWaits(
      ctx,
      async () =>
        (await conn.query<SoqlRecord>(soql, { autoFetch: false, scanAll: true, headers })) as Page,
    )
    for (;;) {
      const fresh = result.records.filter((r) => !position || isUnread(r, position))
      for (const record of fresh) position = advance(position, record)
      if (fresh.length > 0 || result.done) {
        yield {
          records: fresh,
          checkpoint: position ? writePosition(position) : {},
          // Counts the look-back window's records read again too: a little over, never under.
          total: result.totalSize,
        }
      }
      if (result.done || !result.nextRecordsUrl) return
      const next = result.nextRecordsUrl
      result = await withConcurrencyWaits(ctx, async () => await conn.queryMore<SoqlRecord>(next))
    }
  } catch (error) {
    throw classifySalesforceError(error, `reading ${object}`)
  }
}

/** The last second read (epoch ms) and the ids read within it. */
interface Position {
  second: number
  ids: Set<string>
}

const secondOf = (timestamp: string) => Math.floor(Date.parse(timestamp) / 1000) * 1000

function readPosition(checkpoint: StreamCheckpoint | null): Position | null {
  const modstamp = checkpoint?.modstamp
  if (typeof modstamp !== 'string' || Number.isNaN(Date.parse(modstamp))) return null
  const ids = typeof checkpoint?.ids === 'string' ? checkpoint.ids.split(',') : []
  // Checkpoints written before `ids` existed hold the single last id.
  if (ids.length === 0 && typeof checkpoint?.id === 'string') ids.push(checkpoint.id)
  return { second: secondOf(modstamp), ids: new Set(ids.filter(Boolean)) }
}

function writePosition(position: Position): StreamCheckpoint {
  return { modstamp: new Date(position.second).toISOString(), ids: [...position.ids].join(',') }
}

/** Everything but the ids already read in the cursor's own second (the lookback included). */
function isUnread(record: SoqlRecord, position: Position): boolean {
  return !(secondOf(record.SystemModstamp) === position.second && position.ids.has(record.Id))
}

/** The cursor only moves forward; records of the lookback window leave it where it is. */
function advance(position: Position | null, record: SoqlRecord): Position {
  const second = secondOf(record.SystemModstamp)
  if (position && second < position.second) return position
  if (position && second === position.second) {
    position.ids.add(record.Id)
    return position
  }
  return { second, ids: new Set([record.Id]) }
}

/** SOQL wants `YYYY-MM-DDThh:mm:ssZ`, unquoted. */
export function soqlDatetimeFloor(timestamp: string | number): string {
  const ms = typeof timestamp === 'number' ? timestamp : Date.parse(timestamp)
  if (Number.isNaN(ms)) throw new Error(`invalid checkpoint timestamp ${timestamp}`)
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
