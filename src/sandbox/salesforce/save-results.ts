import type { SaveError } from './errors.js'
import { checkCreate, checkUpdate, type WriteRecord } from './record-writes.js'
import type { SalesforceStore } from './store.js'

export interface SaveResult {
  id?: string
  success: boolean
  errors: SaveError[]
}

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
}

/**
 * Saves each record, or with `allOrNone` none of them once one fails: every good record then
 * reports ALL_OR_NONE_OPERATION_ROLLED_BACK. Results are in request order.
 */
export function saveAll(
  store: SalesforceStore,
  writes: WriteRecord[],
  mode: 'create' | 'update',
  allOrNone: boolean,
): SaveResult[] {
  const check = mode === 'create' ? checkCreate : checkUpdate
  if (allOrNone) {
    const checks = writes.map((w) => check(store, w))
    if (checks.some((c) => !c.ok))
      return checks.map((c) =>
        c.ok
          ? { ...(c.record ? { id: c.record.Id } : {}), success: false, errors: [ROLLED_BACK] }
          : { success: false, errors: [c.error] },
      )
  }
  // Saved one by one, so a record changed twice in one request sees its first change.
  return writes.map((write) => {
    const checked = check(store, write)
    if (!checked.ok) return { success: false, errors: [checked.error] }
    if (checked.record) {
      store.apply(write.table, checked.record, write.values)
      store.writes.record(write.table.name, checked.record.Id, write.values)
      return { id: checked.record.Id, success: true, errors: [] }
    }
    return { id: store.create(write.table, write.values).Id, success: true, errors: [] }
  })
}
