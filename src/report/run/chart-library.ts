import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * chart.js's UMD build with its MIT licence in front, as one script body: the page carries its
 * charting library so it opens from a file, offline, years later. chart.js does not export
 * its UMD file, so it is found beside the package's entry point.
 */
export async function chartLibraryScript(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('chart.js')
  const packageDir = join(dirname(entry), '..')
  const [code, licence] = await Promise.all([
    readFile(join(dirname(entry), 'chart.umd.min.js'), 'utf8'),
    readFile(join(packageDir, 'LICENSE.md'), 'utf8'),
  ])
  const script = `/*\n${licence.replaceAll('*/', '* /')}\n*/\n${code}`
  // An HTML parser ends (or, for `<!--`, derails) a script element at these, whatever the JS.
  if (/<\/script|<!--|<script/i.test(script))
    throw new Error('chart.js build contains text that cannot be inlined in a <script> element')
  return script
}
