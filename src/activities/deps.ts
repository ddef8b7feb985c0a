import type { Kysely } from 'kysely'
import type { Cs360Config } from '../config/schema.js'
import { loadConnector } from '../connectors/registry.js'
import { waitFor } from '../connectors/wait.js'
import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import type { Database } from '../db/database.js'
import { configError } from '../errors.js'
import type { Logger } from '../logger.js'
import { heartbeat } from './heartbeat.js'

/** What activities need from the process that hosts the worker; built once at start-up. */
export interface ActivityDeps {
  db: Kysely<Database>
  config: Cs360Config
  log: Logger
}

/** Looks a configured connector up by id; workflow inputs carry ids, never configs or secrets. */
export async function configuredConnector(
  deps: Pick<ActivityDeps, 'config' | 'log'>,
  connectorId: string,
): Promise<{ connector: AnyConnector; ctx: ConnectorContext<unknown> }> {
  const config = (deps.config.connectors as Record<string, unknown>)[connectorId]
  if (config === undefined) {
    throw configError(
      `connector "${connectorId}" is not configured under connectors in the config file`,
    )
  }
  const log = deps.log.child({ connector: connectorId })
  return {
    connector: await loadConnector(connectorId),
    ctx: { config, log, wait: waitFor(log, heartbeat) },
  }
}
