import type { LiveIds } from '../types.js'
import { salesforceConnection } from './client.js'
import type { SalesforceConfig } from './config.js'
import { classifySalesforceError } from './errors.js'

/**
 * The live records of an object: `SELECT COUNT()` first (one cheap request), and the ids only
 * when the counts disagree. `/query` leaves the recycle bin out; what the org purged (emptied
 * from the bin, or deleted past it) shows nowhere else.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_count.htm
 */
export function liveIdsOf(object: string): LiveIds<SalesforceConfig> {
  return {
    async count(ctx) {
      try {
        const conn = await salesforceConnection(ctx)
        return (await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize
      } catch (error) {
        throw classifySalesforceError(error, `counting ${object}`)
      }
    },
    async *ids(ctx) {
      try {
        const conn = await salesforceConnection(ctx)
        let page = await conn.query<{ Id: string }>(`SELECT Id FROM ${object}`, {
          autoFetch: false,
        })
        for (;;) {
          yield page.records.map((r) => r.Id)
          if (page.done || !page.nextRecordsUrl) return
          page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl)
        }
      } catch (error) {
        throw classifySalesforceError(error, `listing ${object} ids`)
      }
    },
  }
}
