// The databases the bench's bots run on: a fresh PostgreSQL database per run (dropped afterwards) or a
// fresh PGlite data directory, migrated and given the bench's directory before the bot starts, so that
// the bot's own start is the start of a replica on a migrated database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../entities/data-source.js';
import { databaseOptions, seedBenchDirectory } from './bot-process.js';
import { scratchPostgres } from '../test/helpers/test-database.js';

export interface BenchDatabase {
  /** Environment for `node dist/bot/main.js`: DATABASE_URL, or DATA_DIR for PGlite. */
  env: Record<string, string>;
  /** The PostgreSQL URL (to read the proposals the setup created); absent on PGlite. */
  url?: string;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const { url, drop } = await scratchPostgres(adminUrl, 'tld_bench');
  return { env: { DATABASE_URL: url }, url, drop };
}

/** PGlite as the product runs it: files under a data directory (not in memory). */
export function createPgliteDirectory(): BenchDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tld-bench-pglite-'));
  return {
    env: { DATA_DIR: dir },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Migrates the database and loads the test directory plus `officers` bench managers, then closes it. */
export async function seedBenchDatabase(db: BenchDatabase, officers: number): Promise<void> {
  const spec = db.url ?? `pglite:${db.env.DATA_DIR}`;
  const opened = await openDatabase(databaseOptions(spec));
  try {
    await seedBenchDirectory(opened.dataSource, officers);
  } finally {
    await opened.close();
  }
}

/** The id of bench officer `email`'s draft (PostgreSQL): what a card button of the wizard carries. */
export async function draftOf(url: string, email: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string }>(
      `SELECT p.id FROM proposal p JOIN officer o ON o.id = p.proposer_id WHERE o.email = $1 AND p.status = 'draft' ORDER BY p.created_at DESC LIMIT 1`,
      [email],
    );
    if (!rows[0]) throw new Error(`no draft of ${email}`);
    return rows[0].id;
  } finally {
    await c.end();
  }
}
