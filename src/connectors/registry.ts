import { salesforceConnector } from './salesforce/index.js'
import type { AnyConnector } from './types.js'

/** Every connector cs360 ships; a new system adds one line here and its own folder. */
export const connectors: readonly AnyConnector[] = [salesforceConnector]

export function findConnector(id: string): AnyConnector {
  const connector = connectors.find((c) => c.id === id)
  if (!connector)
    throw new Error(`unknown connector "${id}"; known: ${connectors.map((c) => c.id).join(', ')}`)
  return connector
}
