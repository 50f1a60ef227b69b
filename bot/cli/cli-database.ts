// CLI commands open the same database the bot uses (DATABASE_URL or the PGlite files under DATA_DIR), with
// the same validated configuration. PGlite allows one process at a time: stop the bot before running a CLI
// command against ./data.
import { openDatabase, type Database } from '../../entities/data-source.js';
import { loadConfiguration, type Configuration } from '../configuration.js';

export async function withCliDatabase<T>(fn: (db: Database, configuration: Configuration) => Promise<T>): Promise<T> {
  const configuration = loadConfiguration(process.env, { serving: false });
  const db = await openDatabase(configuration.app.database);
  try {
    return await fn(db, configuration);
  } finally {
    await db.close();
  }
}
