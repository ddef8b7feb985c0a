/**
 * The benchmark's sandbox, in a process of its own so the engine's time and memory are measured
 * alone. Serves the dataset file given as the first argument; prints one JSON line when ready
 * (`{ready, env, configYaml}`), then answers JSON commands on stdin, one per line:
 * `{"cmd":"calls"}` → requests answered per system since the last reset; `{"cmd":"reset"}`;
 * `{"cmd":"close"}`.
 */
import { createInterface } from 'node:readline'
import { loadDataset } from '../src/sandbox/dataset/schema.js'
import { startSandbox } from '../src/sandbox/start-sandbox.js'

const [datasetPath] = process.argv.slice(2)
if (!datasetPath) throw new Error('usage: sandbox-process.ts <dataset.json>')
// Requests are what the benchmark counts, against the APIs' minimum; time at the services' real rate
// limits follows from those counts. So the sandboxes refuse nothing, and paced connectors pace to
// windows a hundred times shorter (their configs follow the sandbox's scale).
const sandbox = await startSandbox(await loadDataset(datasetPath), 0, {
  rateLimits: false,
  rateLimitTimeScale: 0.01,
})
const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`)
reply({ ready: true, env: sandbox.env, configYaml: sandbox.configYaml() })

for await (const line of createInterface({ input: process.stdin })) {
  const { cmd } = JSON.parse(line) as { cmd: string }
  if (cmd === 'calls') {
    reply({
      calls: Object.fromEntries(
        sandbox.servers.map((s) => [
          s.system,
          { reads: s.calls.reads().length, writes: s.calls.writes().length, all: s.calls.count() },
        ]),
      ),
    })
  } else if (cmd === 'reset') {
    for (const s of sandbox.servers) s.calls.reset()
    reply({ ok: true })
  } else if (cmd === 'close') {
    await sandbox.close()
    reply({ ok: true })
    process.exit(0)
  }
}
