import { access, constants } from 'node:fs/promises'
import { chromium, type Browser } from 'playwright-core'

/** Debian's chromium package; CHROMIUM_PATH for a browser elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// A closed network: nothing a browser would fetch on its own (updates, sync, QUIC probes).
// playwright-core gives every launch a fresh temporary profile (--user-data-dir) of its own.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Headless Chromium driven by playwright-core. A missing browser fails the test with the fix:
 * the report's rendering is what the test is for, so it never skips.
 */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK)
  } catch {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (Debian/Ubuntu; .ci/run does) or set CHROMIUM_PATH to a Chromium binary`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS })
}
