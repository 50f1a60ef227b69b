// `npm start`: validate configuration, open the database (PGlite under ./data or DATABASE_URL),
// apply migrations, load the demo directory on an empty database, serve, and drain on SIGTERM/SIGINT.
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { KnowledgeConfigError, loadKnowledgeConfig } from '../services/knowledge/knowledge-config.js';
import { loadZaloConfig, ZaloConfigError } from '../services/zalo/zalo-config.js';
import { loadWebConfig, WebConfigError } from './web/web-config.js';
import { loadGraphConfig } from '../services/notifications/graph-config.js';
import { loadWorkflowConfig, setWorkflowConfig, WorkflowConfigError } from '../services/workflow/workflow-config.js';
import { openDatabase } from '../entities/data-source.js';
import { logger } from '../services/platform/logger.js';
import { startBotServer } from './server.js';
import { startBackgroundJobs } from './background-jobs.js';
import { printDemoInstructions, prepareDemo } from './demo.js';

const CONFIG_ERRORS = [ConfigError, WorkflowConfigError, KnowledgeConfigError, ZaloConfigError, WebConfigError];

/** Every configuration is checked before anything starts: a wrong value stops start-up naming it. */
function validateConfiguration(): AppConfig {
  try {
    const config = loadConfig();
    // A wrong rules file must stop start-up, not the first deadline computed weeks later.
    setWorkflowConfig(loadWorkflowConfig());
    loadKnowledgeConfig();
    loadZaloConfig({ ...process.env, ...config });
    loadWebConfig(config);
    loadGraphConfig();
    return config;
  } catch (err) {
    if (CONFIG_ERRORS.some((type) => err instanceof type)) {
      console.error((err as Error).message);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = validateConfiguration();
  logger.level = config.LOG_LEVEL;
  const db = await openDatabase(config.database);
  logger.info({ database: db.kind, demo: config.demo, auth: config.authEnabled }, 'database ready');
  const demo = config.demo ? await prepareDemo(db.dataSource) : undefined;
  const bot = await startBotServer({ config, db });
  const jobs = await startBackgroundJobs(bot, db);
  logger.info({ url: bot.url }, 'listening');
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
