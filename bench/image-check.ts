// The container image. Its size needs a Docker engine; without one the bench says so rather than guess.
// What can be read from deployment/Dockerfile is checked statically: no `# syntax` line (BuildKit would
// fetch a frontend image), the base image a build argument in every FROM, production dependencies only in
// the runtime stage, and compiled JavaScript run by plain node. And the image's own layers are measured
// without an engine: the production dependencies as the Dockerfile leaves them (`npm ci --omit=dev` into a
// temporary copy of package.json and package-lock.json, source maps and type declarations deleted), and
// what the runtime stage copies beside them (dist/ as `npm run build` makes it, config, knowledge…); the
// base image is the rest, which needs an engine (or a registry) to know.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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

const run = promisify(execFile);
const MB = 1024 * 1024;

/** Apparent size of files and directories, in bytes (what a layer's tar holds). */
async function bytes(paths: string[]): Promise<number> {
  if (!paths.length) return 0;
  const { stdout } = await run('du', ['-sbc', ...paths], { cwd: ROOT });
  return Number(/^(\d+)\s+total$/m.exec(stdout)?.[1] ?? NaN);
}

/** What the runtime stage copies from the build context (not --from=build): config, knowledge/curated, web… */
export function copiedSources(dockerfile: string): string[] {
  const runtime = dockerfile.slice(dockerfile.search(/^FROM\s.*\bAS runtime\b/im));
  return [...runtime.matchAll(/^COPY\s+(?!--from)(.+)\s+\S+\s*$/gm)].flatMap((m) => m[1].trim().split(/\s+/));
}

/** The production dependencies as the image holds them, in bytes; cached per package-lock.json. */
async function productionDependencies(): Promise<number> {
  const lock = readFileSync(path.join(ROOT, 'package-lock.json'));
  const cacheDir = path.join(os.tmpdir(), 'tro-ly-doi-moi-bench');
  const cache = path.join(cacheDir, `production-dependencies-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}.json`);
  if (existsSync(cache)) return (JSON.parse(readFileSync(cache, 'utf8')) as { bytes: number }).bytes;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-prod-deps-'));
  try {
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(path.join(ROOT, f), path.join(dir, f));
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      timeout: 600_000,
      maxBuffer: 16 * MB,
    });
    // As the Dockerfile does: source maps and type declarations are never read at run time.
    await run(
      'find',
      [
        'node_modules',
        '-type',
        'f',
        '(',
        '-name',
        '*.map',
        '-o',
        '-name',
        '*.d.ts',
        '-o',
        '-name',
        '*.d.cts',
        '-o',
        '-name',
        '*.d.mts',
        ')',
        '-delete',
      ],
      {
        cwd: dir,
      },
    );
    const total = await bytes([path.join(dir, 'node_modules')]);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cache, JSON.stringify({ bytes: total }));
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The image's own layers, measured without an engine (dist/ must be built). */
export async function measureImageParts(): Promise<Measured<{ dependenciesMb: number; appFilesMb: number }>> {
  try {
    const dockerfile = readFileSync(path.join(ROOT, 'deployment/Dockerfile'), 'utf8');
    // dist/ as `npm run build` makes it (tsconfig.build.json), not the bench's own helpers under dist/bench.
    const compiled = ['bot', 'dialogs', 'services', 'entities']
      .map((d) => path.join('dist', d))
      .filter((d) => existsSync(path.join(ROOT, d)));
    const [dependencies, app] = await Promise.all([productionDependencies(), bytes([...compiled, ...copiedSources(dockerfile)])]);
    return { value: { dependenciesMb: Math.round(dependencies / MB), appFilesMb: Math.round((app / MB) * 10) / 10 } };
  } catch (err) {
    return { missing: `could not measure: ${(err as Error).message.split('\n')[0]}` };
  }
}
