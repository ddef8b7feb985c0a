import type { CallLog } from './call-log.js'
import type { FaultSwitches } from './faults.js'

/** The system's id, also its connector's id and its dataset section's key. */
export type SandboxSystemId = string

/** What every local stand-in of a SaaS API exposes to tests and the CLI. */
export interface SandboxServer {
  system: SandboxSystemId
  url: string
  faults: FaultSwitches
  calls: CallLog
  close(): Promise<void>
}
