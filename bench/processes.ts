// Child processes of the bench (and of the resilience tests): each bot runs in its own Node process, so
// its memory is its own and it does not share an event loop with the load generator.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ChildInfo {
  url: string;
  pid: number;
  [key: string]: unknown;
}

export interface BenchChild {
  info: ChildInfo;
  process: ChildProcess;
  /** Asks for a graceful stop; kills after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL: no drain, no cleanup, as a crash or an OOM kill. */
  kill(): Promise<void>;
  /** Lines the child wrote to stderr (kept for error reports). */
  stderr(): string;
  request<T>(type: string, payload?: unknown): Promise<T>;
}

export interface ForkOptions {
  env?: Record<string, string | undefined>;
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
}

const ROOT = path.resolve(__dirname, '..');

/** Starts `entry` (a .ts file under the project) with tsx and waits for its {type:'ready'} message. */
export async function forkChild(entry: string, options: ForkOptions = {}): Promise<BenchChild> {
  const child = fork(path.resolve(ROOT, entry), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<ChildInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in time:\n${stderr}`));
    }, options.readyTimeoutMs ?? 60_000);
    child.on('message', (message: { type?: string } & ChildInfo) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  let nextId = 0;
  return {
    info,
    process: child,
    stderr: () => stderr,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    request<T>(type: string, payload?: unknown): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${type}`)), 10_000);
        const onMessage = (message: { type?: string; id?: number } & Record<string, unknown>) => {
          if (message?.type === type && message.id === id) {
            clearTimeout(timer);
            child.off('message', onMessage);
            resolve(message as T);
          }
        };
        child.on('message', onMessage);
        child.send({ type, id, payload });
      });
    },
  };
}

/** Resident memory of a process from /proc (Linux): current and the high-water mark, in bytes. */
export function processMemory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU time a process has used (user + system, all its threads), in ms, from /proc (Linux; 100 ticks a second). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peakRss: number; hwm: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  const take = () => {
    const m = processMemory(pid);
    if (m && Number.isFinite(m.rss)) {
      peak = Math.max(peak, m.rss);
      samples++;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakRss: peak, hwm: processMemory(pid)?.hwm ?? NaN, samples };
    },
  };
}
