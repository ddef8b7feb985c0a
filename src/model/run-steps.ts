/**
 * The names of a sync run's steps, as `sync_run_steps.step` records them and the workflow's
 * progress query reports them: the CLI joins the two by name.
 */
export const runStep = {
  extract: (connectorId: string, stream: string) => `extract:${connectorId}:${stream}`,
  reconcile: (connectorId: string) => `reconcile:${connectorId}`,
  identity: (crm: string) => `identity:${crm}`,
  compute: (crm: string) => `compute:${crm}`,
  plays: (crm: string) => `plays:${crm}`,
  metrics: (crm: string) => `metrics:${crm}`,
  writeBack: (connectorId: string) => `writeback:${connectorId}`,
  preview: (connectorId: string) => `preview:${connectorId}`,
}

/** The connector and stream of an extract step's name, or undefined for any other step. */
export function extractStepParts(
  step: string,
): { connectorId: string; stream: string } | undefined {
  const match = /^extract:([^:]+):(.+)$/.exec(step)
  return match ? { connectorId: match[1]!, stream: match[2]! } : undefined
}
