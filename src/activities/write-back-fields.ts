import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import { mappedFieldProblems } from '../connectors/write-back-fields.js'
import type { WriteBackOutput } from '../model/outputs.js'

/** The "not scored" mark written into the band field when `whenUnscored` is `mark`. */
export const NOT_SCORED = 'Not scored'

/**
 * Asks the CRM to describe the object cs360 writes to and checks every mapped field against it;
 * empty when the connector writes nothing back. Shared by `cs360 check` and the start of every
 * sync, so a sync refuses to start on exactly what `check` reports.
 */
export async function writeBackFieldProblems(
  connectorId: string,
  connector: AnyConnector,
  ctx: ConnectorContext<unknown>,
): Promise<string[]> {
  const writeBack = connector.writeBack
  if (!writeBack) return []
  const fieldMap = writeBack.fieldMap(ctx.config) as Partial<Record<WriteBackOutput, string>>
  if (Object.keys(fieldMap).length === 0) return []
  return mappedFieldProblems({
    connectorId,
    object: writeBack.object(ctx.config),
    fieldMap,
    fields: await writeBack.describeFields(ctx),
    standardAllowed: writeBack.standardFieldsAllowed(ctx.config),
    howToCreate: writeBack.howToCreate ?? 'create it in the CRM',
    extraBandValues: writeBack.whenUnscored?.(ctx.config) === 'mark' ? [NOT_SCORED] : [],
  })
}
