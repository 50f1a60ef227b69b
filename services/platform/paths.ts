// Files the bot reads at run time (config/workflow.yaml, knowledge/, web/, the demo directory, the Teams
// manifest) are found from the package root, not beside the code: the same lookup works when the
// TypeScript sources run through tsx and when `node dist/bot/main.js` runs the compiled output.
import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The directory holding this package's package.json (the repository root, or /app in the image). */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
}

/** A path under the package root, e.g. `assetPath('config', 'workflow.yaml')`. */
export function assetPath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}
