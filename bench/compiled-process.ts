// The measured processes, in the layout production runs: compiled JavaScript under plain `node`, no tsx.
//   our bot    `node dist/bot/main.js` (npm run build), configured by environment as in the image
//   echo bot   bench/echo-bot.ts transpiled to dist/bench/echo-bot.js, so the ratio compares like with like
// Each is started with the memory probe preloaded; start-up is timed from spawn to the first 200 of
// /readyz (our bot) or the ready message (echo bot).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { freePort } from '../test/helpers/bot-process.js';
import { processMemory } from './processes.js';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'bench');
const MB = 1024 * 1024;

export interface MemoryPhase {
  process: string;
  phase: string;
  /** From /proc: what the operating system charges the process. */
  rssMb: number;
  /** process.memoryUsage() inside the process, in MB. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** heapUsed after a full collection (asked for after the load): the live heap, garbage apart. */
  liveHeapMb?: number;
}

export interface CompiledProcess {
  url: string;
  pid: number;
  startupMs: number;
  /** `collect`: also read the heap after a full collection (done after the other figures, so they are as found). */
  memory(process: string, phase: string, options?: { collect?: boolean }): Promise<MemoryPhase>;
  request<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  stderr(): string;
  stop(timeoutMs?: number): Promise<void>;
}

/** Transpiles the bench's own helpers (echo bot, memory probe) to dist/bench/: one file each, CommonJS. */
export function compileBenchHelpers(): { echo: string; probe: string } {
  mkdirSync(OUT, { recursive: true });
  const out = (name: string) => {
    const source = readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: `${name}.ts`,
    });
    const file = path.join(OUT, `${name}.js`);
    writeFileSync(file, outputText);
    return file;
  };
  return { echo: out('echo-bot'), probe: out('memory-probe') };
}

function round1(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}

function wrap(child: ChildProcess, url: string, started: number, readyAt: number, output: () => string): CompiledProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let nextId = 0;
  /** A message to the memory probe and its answer. */
  const request = <T>(type: string, payload?: unknown, timeoutMs = 30_000): Promise<T> => {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${type}`)), timeoutMs);
      const onMessage = (m: { type?: string; id?: number }) => {
        if (m?.type !== type || m.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      child.send({ type, id, payload });
    });
  };
  return {
    url,
    pid: child.pid!,
    startupMs: readyAt - started,
    stderr: output,
    request,
    async memory(name, phase, options) {
      const { memory } = await request<{ memory: NodeJS.MemoryUsage }>('memory');
      const rss = processMemory(child.pid!)?.rss ?? memory.rss;
      const collected = options?.collect
        ? (await request<{ memory: NodeJS.MemoryUsage }>('collect-garbage', undefined, 60_000)).memory
        : undefined;
      return {
        process: name,
        phase,
        rssMb: round1(rss),
        heapUsedMb: round1(memory.heapUsed),
        heapTotalMb: round1(memory.heapTotal),
        externalMb: round1(memory.external),
        arrayBuffersMb: round1(memory.arrayBuffers),
        ...(collected ? { liveHeapMb: round1(collected.heapUsed) } : {}),
      };
    },
    async stop(timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function spawnCompiled(entry: string, probe: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = fork(entry, [], {
    cwd: ROOT,
    // Nothing may bring tsx (or another loader) into the measured process.
    execArgv: ['--require', probe],
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/** `node dist/bot/main.js` with `env` (DATABASE_URL or DATA_DIR, DEMO_MODE…); resolves once /readyz says 200. */
export async function startCompiledBot(env: Record<string, string>, readyTimeoutMs = 180_000): Promise<CompiledProcess> {
  const entry = path.join(ROOT, 'dist/bot/main.js');
  if (!existsSync(entry)) throw new Error('dist/bot/main.js is missing: run `npm run build` first');
  const { probe } = compileBenchHelpers();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const { child, output } = spawnCompiled(entry, probe, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    TYPING_INDICATOR: 'false',
    // The load generator speaks as the Emulator does: unsigned requests from loopback.
    BOT_AUTH: 'off',
    NODE_ENV: '',
    TEST_DATABASE_URL: '',
    ...env,
  });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code ?? -1));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`dist/bot/main.js exited with ${exitCode} before it was ready:\n${output()}`);
    if (performance.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`dist/bot/main.js was not ready after ${readyTimeoutMs} ms:\n${output()}`);
    }
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return wrap(child, url, started, performance.now(), output);
}

/** The echo bot, compiled, in the same layout; it reports its URL over IPC. */
export async function startCompiledEcho(): Promise<CompiledProcess> {
  const { echo, probe } = compileBenchHelpers();
  const started = performance.now();
  const { child, output } = spawnCompiled(echo, probe, {});
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`echo bot did not start:\n${output()}`)), 60_000);
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve(m.url!);
      }
    });
    child.once('exit', (code) => reject(new Error(`echo bot exited with ${code}:\n${output()}`)));
  });
  return wrap(child, url, started, performance.now(), output);
}
