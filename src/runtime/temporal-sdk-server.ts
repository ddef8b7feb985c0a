import { join } from 'node:path'
import { INSTALL_SCRIPT } from './temporal-cli.js'

export interface SdkServerOptions {
  namespace: string
  port: number
  uiPort: number
  /** SQLite state file; in memory when absent. */
  dbFile?: string
  cwd: string
}

/**
 * Last resort when no Temporal CLI could be found or built: @temporalio/testing downloads the
 * CLI itself and runs the same dev server. That needs internet access to temporal.download,
 * which a user's machine usually has.
 */
export async function startSdkDevServer(options: SdkServerOptions) {
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing')
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: join(options.cwd, '.cs360', 'bin') },
        ip: '127.0.0.1',
        port: options.port,
        namespace: options.namespace,
        ui: true,
        uiPort: options.uiPort,
        dbFilename: options.dbFile,
      },
    })
    return { address: env.address, stop: () => env.teardown() }
  } catch (error) {
    throw new Error(
      'no Temporal server: TEMPORAL_ADDRESS is unset, no Temporal CLI is installed, and the ' +
        `Temporal SDK could not download one (${error instanceof Error ? error.message : String(error)}). ` +
        `Install Go (https://go.dev/dl/) and run \`bash ${INSTALL_SCRIPT}\`, or install the ` +
        'Temporal CLI (https://docs.temporal.io/cli) on PATH or at TEMPORAL_CLI_PATH, or set ' +
        'TEMPORAL_ADDRESS to a running Temporal server.',
      { cause: error },
    )
  }
}
