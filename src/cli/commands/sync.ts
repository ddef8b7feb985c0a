import { readEnvironment } from '../../config/environment.js'
import { loadConfig } from '../../config/load.js'
import { inProcessWorkerLog } from '../verbosity.js'
import { runSyncOnce } from '../run-sync.js'
import { openDatabase, openTemporal } from '../services.js'
import { previewLines } from '../../db/write-previews.js'
import { formatPreview } from '../preview.js'
import { formatSyncSummary } from '../summary.js'
import { recordCrm } from '../../config/schema.js'
import { digestForRun, pointersFor } from '../digest-for-run.js'
import { detailPointerLines } from '../run-digest.js'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'

/** Planned changes a dry run prints; the rest are counted. */
const PREVIEW_LINES = 50

/**
 * `cs360 sync --once`: one syncAll against whatever the config points at. With `dryRun`
 * (`--dry-run`, `cs360 preview`) it computes everything and prints, per account and field, what
 * cs360 last wrote and what it would write now, without one write to the CRM.
 */
export async function syncOnceCommand(
  configPath: string,
  asOf: string | undefined,
  useRunningWorker: boolean,
  dryRun = false,
  reread: { full?: boolean; source?: string } = {},
): Promise<void> {
  const config = await loadConfig(configPath)
  checkRereadOptions(
    reread,
    Object.entries(config.connectors).flatMap(([id, block]) => (block === undefined ? [] : [id])),
  )
  const env = readEnvironment()
  const log = inProcessWorkerLog({ command: 'sync' })
  const say = (message: string) => log.info(message)
  const { db, url } = await openDatabase(env, say)
  const temporal = await openTemporal(env, say)
  const { workflowId, result } = await runSyncOnce(
    temporal.target,
    { db, config, log },
    {
      trigger: dryRun ? 'dry-run' : 'manual',
      asOf,
      dryRun,
      ...(reread.full ? { full: true } : {}),
      ...(reread.source !== undefined ? { source: reread.source } : {}),
    },
    useRunningWorker,
  )
  console.log(formatSyncSummary(result))
  if (dryRun) {
    const lines = await previewLines(db, result.runId, PREVIEW_LINES)
    console.log(formatPreview(lines, result.preview?.fields ?? lines.length))
  }
  console.log((await digestForRun(db, recordCrm(config), result.asOf)).join('\n'))
  // The embedded server stops with this command; its history stays for the next one to show.
  const workflowUrl =
    temporal.uiUrl &&
    `${temporal.uiUrl}/namespaces/${temporal.target.namespace}/workflows/${encodeURIComponent(workflowId)}${temporal.embedded ? '   (while a cs360 command runs the embedded server)' : ''}`
  console.log(detailPointerLines(pointersFor(env, configPath, url, workflowUrl)).join('\n'))
  console.log(`workflow: ${workflowId}${temporal.uiUrl ? ` (${temporal.uiUrl})` : ''}`)
}

/** `--source` narrows `--full`: alone it would mean nothing, and it must name a configured connector. */
function checkRereadOptions(reread: { full?: boolean; source?: string }, configured: string[]) {
  if (reread.source === undefined) return
  if (!reread.full)
    throw new CliExit(
      EXIT_CONFIG,
      `--source ${reread.source}: names the connector --full reads from the beginning; add --full`,
    )
  if (!configured.includes(reread.source))
    throw new CliExit(
      EXIT_CONFIG,
      `--source ${reread.source}: not a configured connector; configured: ${configured.join(', ')}`,
    )
}
