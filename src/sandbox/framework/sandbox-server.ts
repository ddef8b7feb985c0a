import type { CallLog } from './call-log.js'
import type { FaultSwitches } from './faults.js'

export type SandboxSystem = 'salesforce' | 'hubspot' | 'zendesk' | 'stripe' | 'amplitude'

/** What every local stand-in of a SaaS API exposes to tests and the CLI. */
export interface SandboxServer {
  system: SandboxSystem
  url: string
  faults: FaultSwitches
  calls: CallLog
  close(): Promise<void>
}
