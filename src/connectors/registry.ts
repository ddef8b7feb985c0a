import { configError } from '../errors.js'
import { amplitudeManifest } from './amplitude/manifest.js'
import { hubspotManifest } from './hubspot/manifest.js'
import { salesforceManifest } from './salesforce/manifest.js'
import { stripeManifest } from './stripe/manifest.js'
import type { AnyConnector, ConnectorManifest } from './types.js'
import { zendeskManifest } from './zendesk/manifest.js'

/**
 * Every connector cs360 ships; a new system adds one line here and its own folder. Manifests
 * carry no SDK: parsing a config loads none, a run loads only the connectors it uses.
 */
export const connectorManifests: readonly ConnectorManifest<any>[] = [
  salesforceManifest,
  hubspotManifest,
  zendeskManifest,
  amplitudeManifest,
  stripeManifest,
]

export function findManifest(id: string): ConnectorManifest<any> {
  const manifest = connectorManifests.find((c) => c.id === id)
  if (!manifest)
    // A config (or `cs360 reset <connector>`) mistake, not worth a retry.
    throw configError(
      `unknown connector "${id}"; known: ${connectorManifests.map((c) => c.id).join(', ')}`,
    )
  return manifest
}

const loaded = new Map<string, Promise<AnyConnector>>()

/** The connector's implementation, imported once per process. */
export function loadConnector(id: string): Promise<AnyConnector> {
  let connector = loaded.get(id)
  if (!connector) {
    connector = findManifest(id).load()
    loaded.set(id, connector)
  }
  return connector
}
