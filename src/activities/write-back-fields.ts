import type {
  AnyConnector,
  ConnectorContext,
  ProvisionField,
  ProvisionResult,
} from '../connectors/types.js'
import { csmHealthFieldProblems } from '../connectors/csm-health-field.js'
import { mappedFieldProblems } from '../connectors/write-back-fields.js'
import { WRITE_BACK_OUTPUT_KINDS, type WriteBackOutput } from '../model/outputs.js'

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
    ownedFields: writeBack.ownedFields(ctx.config),
    extraBandValues: writeBack.whenUnscored?.(ctx.config) === 'mark' ? [NOT_SCORED] : [],
  })
}

/**
 * Asks the CRM to describe the account object and checks the field the config names for the
 * CSMs' own health view: it exists, cs360 can read it, and it can hold what CSMs type. Empty
 * when none is configured. Run by `cs360 check` and at the start of every sync.
 */
export async function csmFieldProblems(
  connectorId: string,
  connector: AnyConnector,
  ctx: ConnectorContext<unknown>,
): Promise<string[]> {
  const field = connector.csmHealthField?.(ctx.config)
  const writeBack = connector.writeBack
  if (!field || !writeBack) return []
  return csmHealthFieldProblems({
    connectorId,
    object: writeBack.object(ctx.config),
    field,
    fields: await writeBack.describeFields(ctx),
    howToCreate: writeBack.howToCreate ?? 'create it in the CRM',
  })
}

export interface ProvisionOutcome extends ProvisionResult {
  /** What still stands in the way of a write-back after provisioning (one line per field). */
  problems: string[]
}

/**
 * Creates, in the CRM, every mapped field that is missing (`cs360 crm provision`, run by the
 * demo): HubSpot properties in cs360's group through the properties API. A CRM whose fields
 * cannot be created through its API (Salesforce custom fields need the Metadata API and an
 * admin) gets one line per missing field saying where to create it and with which type.
 * Idempotent: what exists is left alone.
 */
export async function provisionWriteBackFields(
  connectorId: string,
  connector: AnyConnector,
  ctx: ConnectorContext<unknown>,
): Promise<ProvisionOutcome> {
  const writeBack = connector.writeBack
  if (!writeBack) return { created: [], existing: [], manual: [], problems: [] }
  const fieldMap = writeBack.fieldMap(ctx.config) as Partial<Record<WriteBackOutput, string>>
  const marks = writeBack.whenUnscored?.(ctx.config) === 'mark' ? [NOT_SCORED] : []
  const wanted: ProvisionField[] = (Object.entries(fieldMap) as [WriteBackOutput, string][]).map(
    ([output, name]) => {
      const spec: { kind: ProvisionField['type']; label: string; options?: readonly string[] } =
        WRITE_BACK_OUTPUT_KINDS[output]
      return {
        name,
        label: spec.label,
        type: spec.kind,
        ...(spec.options
          ? { options: [...spec.options, ...(output === 'healthBand' ? marks : [])] }
          : {}),
      }
    },
  )
  let result: ProvisionResult
  if (writeBack.provision) {
    result = await writeBack.provision(ctx, wanted)
  } else {
    const present = new Set((await writeBack.describeFields(ctx)).map((f) => f.name.toLowerCase()))
    const missing = wanted.filter((f) => !present.has(f.name.toLowerCase()))
    result = {
      created: [],
      existing: wanted.filter((f) => present.has(f.name.toLowerCase())).map((f) => f.name),
      manual: missing.map(
        (f) =>
          `${writeBack.object(ctx.config)}.${f.name} (${f.type}${f.options ? `: ${f.options.join(', ')}` : ''}): ${writeBack.howToCreate ?? 'create it in the CRM'}`,
      ),
    }
  }
  return { ...result, problems: await writeBackFieldProblems(connectorId, connector, ctx) }
}
