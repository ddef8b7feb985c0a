import type { FieldChange, WriteBack, WriteResult } from '../types.js'
import { salesforceConnection } from './client.js'
import type { SalesforceConfig } from './config.js'
import { describedFields } from './describe-fields.js'
import { classifySalesforceError } from './errors.js'

/** sObject Collections accept at most 200 records per request. */
const COLLECTION_LIMIT = 200

interface SaveResult {
  id?: string
  success: boolean
  errors?: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[]
}

/**
 * Writes cs360's fields onto Accounts with sObject Collections update, allOrNone false, so one
 * bad record (deleted in the meantime, a validation rule) fails alone and is reported per record.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
 */
export const salesforceWriteBack: WriteBack<SalesforceConfig> = {
  object: () => 'Account',
  fieldMap: (config) => (config.writeBack.enabled ? { ...config.writeBack.fields } : {}),
  standardFieldsAllowed: (config) => config.writeBack.standardFields,
  whenUnscored: (config) => config.writeBack.whenUnscored,
  ownedFields: () => 'custom fields, named …__c',
  howToCreate: 'create it in Setup → Object Manager → Account → Fields & Relationships',
  async describeFields(ctx) {
    try {
      const conn = await salesforceConnection(ctx)
      return describedFields((await conn.sobject('Account').describe()).fields)
    } catch (error) {
      throw classifySalesforceError(error, 'describing Account')
    }
  },
  maxBatchSize: COLLECTION_LIMIT,
  async readCurrent(ctx, recordIds, fields) {
    const current = new Map<string, Record<string, string | number | boolean | null>>()
    if (recordIds.length === 0) return current
    try {
      const conn = await salesforceConnection(ctx)
      // Ids are 15–18 alphanumerics (checked on the way in): safe inside the SOQL literal.
      const ids = recordIds.filter((id) => /^\w{15,18}$/.test(id))
      const soql = `SELECT Id, ${fields.join(', ')} FROM Account WHERE Id IN ('${ids.join("','")}')`
      const result = await conn.query<Record<string, unknown>>(soql, { autoFetch: true })
      for (const record of result.records) {
        const values: Record<string, string | number | boolean | null> = {}
        for (const field of fields) {
          const value = record[field]
          values[field] =
            typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
              ? value
              : null
        }
        current.set(String(record.Id), values)
      }
    } catch (error) {
      throw classifySalesforceError(error, 'reading the current Account values for a preview')
    }
    return current
  },
  async write(ctx, changes: FieldChange[]): Promise<WriteResult> {
    const result: WriteResult = { written: [], failed: [] }
    if (changes.length === 0) return result
    try {
      const conn = await salesforceConnection(ctx)
      for (let i = 0; i < changes.length; i += COLLECTION_LIMIT) {
        const batch = changes.slice(i, i + COLLECTION_LIMIT)
        const records = batch.map((c) => ({ Id: c.recordId, ...c.fields }))
        const saved = (await conn
          .sobject('Account')
          .update(records, { allOrNone: false })) as unknown as SaveResult[]
        saved.forEach((outcome, index) => {
          const recordId = batch[index]!.recordId
          if (outcome.success) {
            result.written.push(recordId)
          } else {
            const first = outcome.errors?.[0]
            result.failed.push({
              recordId,
              code: first?.statusCode ?? first?.errorCode ?? 'UNKNOWN',
              message: first?.message ?? 'Salesforce rejected the update without a message',
            })
          }
        })
      }
    } catch (error) {
      throw classifySalesforceError(error, 'writing Account fields')
    }
    return result
  },
}
