// A real bot process, started exactly as in production (`node --import tsx bot/main.ts`) with its
// configuration in the environment, for tests that need several processes on one database. Ready means
// /readyz answers 200 and the process has logged that its start-up (server and background jobs) is done.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface BotProcessOptions {
  databaseUrl: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Extra Node flags before the entry point (e.g. another `--import`). */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
}

/** The log line bot/main.ts writes once the server AND the background jobs have started. */
const STARTED_MESSAGE = '"msg":"listening"';

export interface BotProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** What the process wrote (pino JSON lines on stdout, anything else on stderr), most recent 200 kB. */
  output(): string;
  /** Parsed log lines at `minLevel` or above (pino: 40 warn, 50 error, 60 fatal), logged at or after `since` (ms). */
  logs(minLevel?: number, since?: number): Record<string, unknown>[];
  exited(): boolean;
  /** SIGKILL: no drain, no cleanup, as a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM (graceful drain); SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** A port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_MODE: 'false',
    // The processes are driven from loopback, as the Emulator would.
    BOT_AUTH: 'off',
    // info, not warn: the "listening" line says start-up is complete. /readyz answers as soon as the HTTP
    // server is up, before the background jobs start, and a start-up failure there still ends the process.
    LOG_LEVEL: 'info',
    TYPING_INDICATOR: 'false',
    ...options.env,
  };
  // The test process's own database setting must not leak into the child.
  delete env.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeFlags ?? []), 'bot/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (hasExited())
      throw new Error(`bot process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot process not ready in time:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200 && output.includes(STARTED_MESSAGE)) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  return {
    url,
    port,
    pid: child.pid!,
    child,
    output: () => output,
    logs(minLevel = 40, since = 0) {
      const lines: Record<string, unknown>[] = [];
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (typeof parsed.level === 'number' && parsed.level >= minLevel && Number(parsed.time ?? 0) >= since) lines.push(parsed);
        } catch {
          // a partial line at the buffer's start
        }
      }
      return lines;
    },
    exited: hasExited,
    async kill() {
      if (hasExited()) return;
      child.kill('SIGKILL');
      await exitedPromise;
    },
    async stop(timeoutMs = 10_000) {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/** Runs the command line (`npm run cli -- …`, i.e. `tsx bot/cli.ts …`) as a child process; resolves when it ends. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  delete childEnv.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
