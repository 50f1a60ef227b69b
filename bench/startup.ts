// Start-up of a fresh PGlite demo, as a newcomer's first start (`node dist/bot/main.js` with DEMO_MODE=true
// on an empty data directory: every migration, the demo directory), to ready; then its idle memory.
import { createPgliteDirectory } from './bench-database.js';
import { startCompiledBot, type MemoryPhase } from './compiled-process.js';

export interface DemoStart {
  startupMs: number;
  idle: MemoryPhase;
}

export async function measureDemoStart(settleMs: number): Promise<DemoStart> {
  const dir = createPgliteDirectory();
  try {
    const bot = await startCompiledBot({ ...dir.env, DEMO_MODE: 'true' });
    try {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      return { startupMs: Math.round(bot.startupMs), idle: await bot.memory('bot on PGlite demo', 'idle after a fresh start') };
    } finally {
      await bot.stop();
    }
  } finally {
    await dir.drop();
  }
}
