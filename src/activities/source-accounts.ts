import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import { heldSourceAccount, holdsData, rememberSourceAccount } from '../db/connector-accounts.js'
import { configError } from '../errors.js'
import type { ActivityDeps } from './deps.js'

/**
 * A connector's records, cursors and written values belong to one org or portal. When its
 * credentials now reach another (a sandbox org swapped for production), the run stops before
 * reading anything: continuing would hide the new org's records behind the old cursor and mix
 * both in the customer-360. The first org seen is remembered.
 */
export async function guardSourceAccount(
  deps: Pick<ActivityDeps, 'db'>,
  connectorId: string,
  connector: AnyConnector,
  ctx: ConnectorContext<unknown>,
): Promise<void> {
  if (!connector.sourceAccount) return
  const reached = await connector.sourceAccount(ctx)
  const held = await heldSourceAccount(deps.db, connectorId)
  if (held && held.account_id !== reached.id)
    throw configError(
      `connectors.${connectorId} now reaches ${reached.name ?? reached.id} (${reached.id}), but the customer-360 holds the data of ${held.account_name ?? held.account_id} (${held.account_id}); cs360 never mixes two. Point the credentials back, or forget the old data with \`cs360 reset ${connectorId} --yes\` and sync again`,
      connectorId,
    )
  if (!held && (await holdsData(deps.db, connectorId)))
    ctx.log.info('remembering the org this connector reads', { account: reached.id })
  await rememberSourceAccount(deps.db, connectorId, reached)
}
