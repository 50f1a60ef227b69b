// Debian's Chromium for the browser tests (CHROMIUM_PATH to use another).
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Outside CI a missing Chromium skips the file's tests, saying why; in CI it is a failure (.ci/run installs it). */
export function requireChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium (apt-get install -y chromium)`);
  console.log(`      skipped: ${CHROMIUM} is not installed (apt-get install -y chromium); CI runs these tests`);
  context.skip();
}
