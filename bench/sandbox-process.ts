/**
 * The benchmark's sandbox, in a process of its own so the engine's time and memory are measured
 * alone. Serves the dataset file given as the first argument; prints one JSON line when ready
 * (`{ready, env, configYaml}`), then answers JSON commands on stdin, one per line:
 * `{"cmd":"calls"}` → requests answered per system since the last reset; `{"cmd":"reset"}`;
 * `{"cmd":"change","fraction":0.01}` → `{changed}`, records changed per system and object (see
 * src/sandbox/change-records.ts); `{"cmd":"close"}`.
 * `--rate-limits <time scale>` switches the sandboxes' rate limits on, their windows multiplied
 * by the scale; `--latency-ms <ms>` delays every response.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { changeRecords } from '../src/sandbox/change-records.js'
import type { CallLog } from '../src/sandbox/framework/call-log.js'
import { loadDataset } from '../src/sandbox/dataset/schema.js'
import { startSandbox } from '../src/sandbox/start-sandbox.js'
import type { RequestCounts } from './overhead-model.js'
import { requestClass } from './service-limits.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'rate-limits': { type: 'string' }, 'latency-ms': { type: 'string', default: '0' } },
})
const [datasetPath] = positionals
if (!datasetPath)
  throw new Error(
    'usage: sandbox-process.ts <dataset.json> [--rate-limits <scale>] [--latency-ms <ms>]',
  )
// Requests are what the benchmark counts, against the APIs' minimum; time at the services' real
// rate limits follows from those counts (bench/service-limits.ts). So by default the sandboxes
// refuse nothing, and paced connectors pace to windows a hundred times shorter (their configs
// follow the sandbox's scale).
const limited = values['rate-limits'] !== undefined
const sandbox = await startSandbox(await loadDataset(datasetPath), 0, {
  rateLimits: limited,
  rateLimitTimeScale: limited ? Number(values['rate-limits']) : 0.01,
  latencyMs: Number(values['latency-ms']),
})
const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`)
reply({ ready: true, env: sandbox.env, configYaml: sandbox.configYaml() })

let changes = 0
for await (const line of createInterface({ input: process.stdin })) {
  const { cmd, fraction } = JSON.parse(line) as { cmd: string; fraction?: number }
  if (cmd === 'calls') {
    reply({
      calls: Object.fromEntries(
        sandbox.servers.map((s) => [
          s.system,
          {
            reads: s.calls.reads().length,
            writes: s.calls.writes().length,
            all: s.calls.count(),
            classes: byRequestClass(s.system, s.calls),
          },
        ]),
      ),
    })
  } else if (cmd === 'reset') {
    for (const s of sandbox.servers) s.calls.reset()
    reply({ ok: true })
  } else if (cmd === 'change') {
    changes += 1
    reply({ changed: changeRecords(sandbox, fraction ?? 0.01, `cs360 bench change ${changes}`) })
  } else if (cmd === 'close') {
    await sandbox.close()
    reply({ ok: true })
    process.exit(0)
  }
}

/** Requests answered, by the allowance each counts against (bench/service-limits.ts). */
function byRequestClass(system: string, calls: CallLog): RequestCounts[string] {
  const writes = new Set(calls.writes())
  const counts: RequestCounts[string] = {}
  for (const call of calls.calls) {
    const name = requestClass(system, call.method, call.path)
    const count = (counts[name] ??= { reads: 0, writes: 0, refused: 0 })
    if (call.status === 429) count.refused += 1
    else if (writes.has(call)) count.writes += 1
    else count.reads += 1
  }
  return counts
}
