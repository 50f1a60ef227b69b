// `npm start`: validate configuration, open the database (PGlite under ./data or DATABASE_URL), apply
// migrations, load the demo directory on an empty database, build the process (bot/container.ts),
// serve, and drain on SIGTERM/SIGINT.
// The rest of the bot is imported only after the configuration is checked and, on a first PGlite start,
// initdb has begun in its own process: loading the modules (about 1.3 s) then overlaps initdb.
import { startEarlyInitdb } from '../entities/pglite-initdb.js';
import { ConfigError } from '../services/platform/config-error.js';
import { logger } from '../services/platform/logger.js';
import { operations as text } from '../services/platform/messages/index.js';
import { loadConfiguration, type Configuration } from './configuration.js';

/**
 * Every section is checked before anything starts: a wrong value stops start-up naming the variable.
 * `--demo` (what `npm start` passes) chooses demo mode when DEMO_MODE is not set.
 */
function validateConfiguration(): Configuration {
  const demoFlag = process.argv.includes('--demo') && process.env.DEMO_MODE === undefined ? { DEMO_MODE: 'true' } : {};
  try {
    return loadConfiguration({ ...process.env, ...demoFlag });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const configuration = validateConfiguration();
  const config = configuration.app;
  logger.level = config.LOG_LEVEL;
  if (!config.authEnabled) {
    // Said loudly: without Bot Framework authentication anyone who reaches /api/messages can act as anyone.
    console.warn(config.demo ? text.demoWarning : text.noAuthWarning);
    logger.warn({ demo: config.demo }, 'Bot Framework authentication is off');
  }
  const earlyInitdb = config.database.kind === 'pglite' ? startEarlyInitdb(config.database.dataDir) : undefined;
  const [{ openDatabase }, { startBackgroundJobs }, { buildContainer }, { printDemoInstructions, prepareDemo }, { startBotServer }] =
    await Promise.all([
      import('../entities/data-source.js'),
      import('./background-jobs.js'),
      import('./container.js'),
      import('./demo.js'),
      import('./server.js'),
    ]);
  const db = await openDatabase(config.database, { earlyInitdb });
  logger.info({ database: db.kind, demo: config.demo, auth: config.authEnabled }, 'database ready');
  const demo = config.demo ? await prepareDemo(db.dataSource) : undefined;
  const container = buildContainer({ configuration, db });
  const bot = await startBotServer(container);
  const jobs = await startBackgroundJobs(container);
  logger.info({ url: bot.url }, 'listening');
  // The knowledge index, its question memory and refusal model are built now, off the first asker's turn: a few seconds
  // on two cores, which a turn holding its conversation's lock would make the person's next message wait for.
  void container.answerer.ensureFresh().catch((err: unknown) => logger.warn({ err }, 'knowledge index not built at start'));
  if (demo) printDemoInstructions(bot.url, demo);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await bot.close();
      await jobs.stop();
      await db.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  logger.fatal({ err }, 'start-up failed');
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
