// Start-up of a fresh PGlite demo, as a newcomer's first start (`node dist/bot/main.js` with DEMO_MODE=true
// on an empty data directory: every migration, the demo directory), to ready; then its idle memory. Then
// the same demo started again on the data it left (the everyday `npm start`), for comparison.
import { createPgliteDirectory } from './bench-database.js';
import { startCompiledBot, type MemoryPhase } from './compiled-process.js';

export interface DemoStart {
  startupMs: number;
  idle: MemoryPhase;
  restart: { startupMs: number; idle: MemoryPhase };
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
    return { ...first, restart };
  } finally {
    await dir.drop();
  }
}
