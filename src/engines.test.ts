import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string }
  devDependencies: { node: string }
}
const readme = readFileSync(new URL('README.md', root), 'utf8')

/**
 * npm prints EBADENGINE on every `npx cs360` when it runs on a Node below package.json's
 * `engines`; the README must ask for that same Node, not an older one.
 */
describe('the Node version the README asks for', () => {
  it('is the minimum package.json engines declares', () => {
    const minimum = /^>=(\d+\.\d+)$/.exec(packageJson.engines.node)?.[1]
    expect(minimum, packageJson.engines.node).toBeDefined()
    expect(readme).toContain(`Node.js ≥ ${minimum}`)
    expect(readme).not.toMatch(/Node\.js from \d+ on/)
  })

  it('names the bundled Node the scripts run on', () => {
    const major = /^\^(\d+)\./.exec(packageJson.devDependencies.node)?.[1]
    expect(major).toBeDefined()
    expect(readme).toContain(`the Node ${major} the project brings as a dev dependency`)
  })
})
