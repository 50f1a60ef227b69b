// The container image. Its size needs a Docker engine; without one the bench says so rather than guess.
// What can be read from deployment/Dockerfile is checked statically: no `# syntax` line (BuildKit would
// fetch a frontend image), the base image a build argument in every FROM, production dependencies only in
// the runtime stage, and compiled JavaScript run by plain node.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Measured } from './report-table.js';

const ROOT = path.resolve(__dirname, '..');

export function dockerfileChecks(dockerfile: string): { check: string; ok: boolean }[] {
  const lines = dockerfile.split('\n');
  const froms = lines.filter((l) => /^FROM\s/i.test(l));
  const runtime = dockerfile.slice(dockerfile.search(/^FROM\s.*\bAS runtime\b/im));
  return [
    { check: 'no “# syntax=” line', ok: !/^#\s*syntax\s*=/im.test(dockerfile) },
    { check: 'every FROM uses the NODE_IMAGE build argument', ok: froms.length > 0 && froms.every((l) => /\$\{?NODE_IMAGE\}?/.test(l)) },
    {
      check: 'devDependencies pruned before node_modules reaches the runtime stage',
      ok: /npm prune --omit=dev|npm ci --omit=dev/.test(dockerfile),
    },
    {
      check: 'runtime runs node dist/bot/main.js (no tsx)',
      ok: /CMD \["node", "dist\/bot\/main\.js"\]/.test(runtime) && !/tsx/.test(runtime.replace(/^#.*$/gm, '')),
    },
  ];
}

function dockerEngine(): string | undefined {
  try {
    return execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/** The image's size when an engine and a built image (IMAGE, tro-ly-doi-moi:latest by default) exist. */
export function measureImage(image = process.env.BENCH_IMAGE ?? 'tro-ly-doi-moi:latest'): Measured<{ sizeMb: number }> & {
  checks: { check: string; ok: boolean }[];
} {
  const checks = dockerfileChecks(readFileSync(path.join(ROOT, 'deployment/Dockerfile'), 'utf8'));
  if (!dockerEngine()) return { missing: 'not measured here: no Docker engine', checks };
  try {
    const bytes = Number(
      execFileSync('docker', ['image', 'inspect', '--format', '{{.Size}}', image], { stdio: ['ignore', 'pipe', 'ignore'] }).toString(),
    );
    return { value: { sizeMb: Math.round(bytes / 1024 / 1024) }, note: image, checks };
  } catch {
    return { missing: `no image ${image} (docker build -f deployment/Dockerfile -t ${image} .)`, checks };
  }
}
