import { Connection } from '@temporalio/client'

const ATTEMPT_TIMEOUT_MS = 2_000
const NOT_FOUND = 5

async function withConnection<T>(
  address: string,
  use: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: ATTEMPT_TIMEOUT_MS })
  try {
    return await connection.withDeadline(Date.now() + ATTEMPT_TIMEOUT_MS, () => use(connection))
  } finally {
    await connection.close()
  }
}

/** Whether `address` answers as a Temporal frontend (as opposed to any other TCP server). */
export async function isTemporalFrontend(address: string): Promise<boolean> {
  try {
    await withConnection(address, (c) => c.workflowService.getSystemInfo({}))
    return true
  } catch {
    return false
  }
}

/** Whether the server at `address` has `namespace`. */
export async function hasNamespace(address: string, namespace: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    try {
      await connection.workflowService.describeNamespace({ namespace })
      return true
    } catch (error) {
      if ((error as { code?: number }).code === NOT_FOUND) return false
      throw error
    }
  })
}

/**
 * Polls until the server at `address` serves `namespace`. `exited` reports a server process that
 * died meanwhile, so a crash fails at once with its output rather than after the timeout.
 */
export async function waitForTemporal(
  address: string,
  namespace: string,
  options: { timeoutMs: number; exited?: () => string | undefined; output?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs
  const lastOutput = () => {
    const text = options.output?.().trim()
    return text ? `; its last output:\n${text}` : ''
  }
  let lastError: unknown
  while (Date.now() < deadline) {
    const exit = options.exited?.()
    if (exit) throw new Error(`the Temporal dev server ${exit}${lastOutput()}`)
    try {
      await withConnection(address, (c) => c.workflowService.describeNamespace({ namespace }))
      return
    } catch (error) {
      lastError = error
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError)
  throw new Error(
    `the Temporal server on ${address} did not serve namespace ${namespace} within ` +
      `${options.timeoutMs / 1000} s (${reason})${lastOutput()}`,
  )
}
