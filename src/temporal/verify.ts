import { Cs360Error } from '../errors.js'
import { temporalClient, type TemporalTarget } from './connect.js'

const DESCRIBE_TIMEOUT_MS = 10_000
/** gRPC status NOT_FOUND. */
const NOT_FOUND = 5

/**
 * Connects to the target and looks its namespace up, so a wrong TEMPORAL_ADDRESS or
 * TEMPORAL_NAMESPACE fails at start-up in one line naming the setting, not as a gRPC dump deep
 * inside a sync. Returns what it reached, for `cs360 check`.
 */
export async function verifyTemporal(target: TemporalTarget): Promise<string> {
  const client = await temporalClient(target)
  try {
    await client.connection.withDeadline(Date.now() + DESCRIBE_TIMEOUT_MS, () =>
      client.workflowService.describeNamespace({ namespace: target.namespace }),
    )
  } catch (error) {
    if ((error as { code?: number }).code === NOT_FOUND) {
      throw new Cs360Error('config', namespaceMissing(target.address, target.namespace), {
        system: 'temporal',
        cause: error,
      })
    }
    throw new Error(
      `Temporal at ${target.address} did not describe namespace ${target.namespace} ` +
        `(${error instanceof Error ? error.message : String(error)}): check TEMPORAL_ADDRESS ` +
        'and the credentials (TEMPORAL_API_KEY, TEMPORAL_TLS_*)',
      { cause: error },
    )
  } finally {
    await client.connection.close()
  }
  return `${target.configured ? 'TEMPORAL_ADDRESS=' : ''}${target.address}, namespace ${target.namespace}`
}

/** The one line for a namespace the server does not have. */
export function namespaceMissing(address: string, namespace: string): string {
  return (
    `the Temporal server at ${address} has no namespace ${namespace} (TEMPORAL_NAMESPACE=${namespace}): ` +
    `set TEMPORAL_NAMESPACE to an existing namespace, or create it with ` +
    `\`temporal operator namespace create --address ${address} --namespace ${namespace}\``
  )
}
