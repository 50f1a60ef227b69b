// A fresh database for each test file: in-memory PGlite by default, or a newly created database on
// the real PostgreSQL named by TEST_DATABASE_URL (set by .ci/run), dropped again afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../entities/data-source.js';

export interface TestDatabase extends Database {
  options: DatabaseOptions;
  /** Closes and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

// initdb and the migrations take seconds in PGlite: do them once per test process and clone the result.
let pgliteTemplate: Promise<Blob> | undefined;

function migratedPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      return await db.dumpPglite!();
    } finally {
      await db.close();
    }
  })();
  return pgliteTemplate;
}

/** Creates an empty, migrated database and returns its options without opening it. */
export async function createTestDatabaseOptions(): Promise<{ options: DatabaseOptions; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    return { options: { kind: 'pglite', dataDir: 'memory://', template: await migratedPgliteTemplate() }, drop: async () => undefined };
  }
  const name = `tld_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    options: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const { options, drop } = await createTestDatabaseOptions();
  const db = await openDatabase(options);
  return {
    ...db,
    options,
    async dispose() {
      await db.close();
      await drop();
    },
  };
}
