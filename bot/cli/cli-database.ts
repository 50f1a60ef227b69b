// CLI commands open the same database the bot uses (DATABASE_URL or the PGlite files under DATA_DIR).
// PGlite allows one process at a time: stop the bot before running a CLI command against ./data.
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../../entities/data-source.js';

export async function withCliDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
