import { amplitudeSandboxSystem } from './amplitude/system.js'
import type { SandboxSystem } from './framework/sandbox-system.js'
import { hubspotSandboxSystem } from './hubspot/system.js'
import { salesforceSandboxSystem } from './salesforce/system.js'
import { stripeSandboxSystem } from './stripe/system.js'
import { zendeskSandboxSystem } from './zendesk/system.js'

/**
 * Every local stand-in cs360 ships, in start-up order. `cs360 sandbox`, the demo, tests and the
 * benchmark start, configure and describe servers through this list only.
 */
export const sandboxSystems: SandboxSystem<any, any>[] = [
  salesforceSandboxSystem,
  hubspotSandboxSystem,
  zendeskSandboxSystem,
  stripeSandboxSystem,
  amplitudeSandboxSystem,
]

export function findSandboxSystem(system: string): SandboxSystem<any, any> | undefined {
  return sandboxSystems.find((s) => s.system === system)
}
