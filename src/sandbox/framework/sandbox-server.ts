import type { CallLog } from './call-log.js'
import type { FaultSwitches } from './faults.js'
import type { WriteLedger } from './write-ledger.js'

/** The system's id, also its connector's id and its dataset section's key. */
export type SandboxSystemId = string

/** What every local stand-in of a SaaS API exposes to tests and the CLI. */
export interface SandboxServer {
  system: SandboxSystemId
  url: string
  faults: FaultSwitches
  calls: CallLog
  /** Record updates with the values written, where the system keeps them (CRMs). */
  writes?: WriteLedger
  close(): Promise<void>
}
