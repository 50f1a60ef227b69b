// Start-up of a fresh PGlite demo, as a newcomer's first start (`node dist/bot/main.js` with DEMO_MODE=true
// on an empty data directory: every migration, the demo directory), to ready; then its idle memory. Then
// the same demo started again on the data it left (the everyday `npm start`), for comparison. Then PGlite's
// initdb alone, as the bot runs it on a first start (dist/entities/pglite-initdb.js in a process of its
// own): the part of a first start that no code of ours can shorten.
import { fork } from 'node:child_process';
import path from 'node:path';
import { createPgliteDirectory } from './bench-database.js';
import { startCompiledBot, type MemoryPhase } from './compiled-process.js';

export interface DemoStart {
  startupMs: number;
  idle: MemoryPhase;
  restart: { startupMs: number; idle: MemoryPhase };
  /** PGlite's initdb alone, in its own process, as on a first start. */
  initdbMs: number;
}

async function timeInitdb(): Promise<number> {
  const dir = createPgliteDirectory();
  const entry = path.resolve(__dirname, '..', 'dist', 'entities', 'pglite-initdb.js');
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = fork(entry, [dir.env.DATA_DIR], { execArgv: [], stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${entry} exited with ${code}`))));
    });
    return Math.round(performance.now() - started);
  } finally {
    await dir.drop();
  }
}

async function startOnce(env: Record<string, string>, settleMs: number, phase: string): Promise<{ startupMs: number; idle: MemoryPhase }> {
  const bot = await startCompiledBot({ ...env, DEMO_MODE: 'true' });
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return { startupMs: Math.round(bot.startupMs), idle: await bot.memory('bot on PGlite demo', phase) };
  } finally {
    await bot.stop();
  }
}

export async function measureDemoStart(settleMs: number): Promise<DemoStart> {
  const dir = createPgliteDirectory();
  try {
    const first = await startOnce(dir.env, settleMs, 'idle after a fresh start');
    const restart = await startOnce(dir.env, settleMs, 'idle after a restart on its data');
    return { ...first, restart, initdbMs: await timeInitdb() };
  } finally {
    await dir.drop();
  }
}
