import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { createLogger } from '../../logger.js'
import { runSyncOnce } from '../run-sync.js'
import { openDatabase, openTemporal } from '../services.js'
import { formatSyncSummary } from '../summary.js'

/** `cs360 sync --once`: one syncAll against whatever the config points at. */
export async function syncOnceCommand(
  configPath: string,
  asOf: string | undefined,
  useRunningWorker: boolean,
): Promise<void> {
  const config = await loadConfig(configPath)
  const env = readEnvironment()
  const log = createLogger({ command: 'sync' })
  const say = (message: string) => log.info(message)
  const { db } = await openDatabase(env, say)
  const temporal = await openTemporal(env, say)
  const { workflowId, result } = await runSyncOnce(
    temporal.target,
    { db, config, log },
    { trigger: 'manual', asOf },
    useRunningWorker,
  )
  console.log(formatSyncSummary(result))
  console.log(`workflow: ${workflowId}${temporal.uiUrl ? ` (${temporal.uiUrl})` : ''}`)
}
