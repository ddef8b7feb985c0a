import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { createLogger } from '../../logger.js'
import { temporalClient } from '../../temporal/connect.js'
import { applySyncSchedule } from '../../temporal/schedule.js'
import { createWorker } from '../../temporal/worker.js'
import { openDatabase, openTemporal } from '../services.js'

/**
 * `cs360 worker`: keeps the sync schedule in line with the config (schedule.every), then polls
 * task queue `cs360` until SIGINT/SIGTERM, drains and exits.
 */
export async function workerCommand(configPath: string): Promise<void> {
  const config = await loadConfig(configPath)
  const env = readEnvironment()
  const log = createLogger({ command: 'worker' })
  const say = (message: string) => log.info(message)
  const { db } = await openDatabase(env, say)
  const temporal = await openTemporal(env, say)
  const client = await temporalClient(temporal.target)
  const schedule = await applySyncSchedule(client, temporal.target, config.schedule.every)
  await client.connection.close()
  log.info(`sync schedule ${schedule}: syncAll every ${config.schedule.every}`)
  const worker = await createWorker(temporal.target, { db, config, log })
  const stop = () => worker.shutdown()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  log.info('worker polling', {
    address: temporal.target.address,
    namespace: temporal.target.namespace,
    taskQueue: temporal.target.taskQueue,
    ui: temporal.uiUrl,
  })
  await worker.run()
}
