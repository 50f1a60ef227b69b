// A fresh database for each test file: in-memory PGlite by default, or a newly created database on
// the real PostgreSQL named by TEST_DATABASE_URL (set by .ci/run), dropped again afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../entities/data-source.js';
import { MIGRATIONS } from '../../entities/index.js';
import { PGLITE_CONF, PGLITE_INITDB_ARGS } from '../../entities/pglite-initdb.js';

export interface TestDatabase extends Database {
  options: DatabaseOptions;
  /** Closes and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

// initdb and the migrations take 5–10 s in PGlite: do them once and clone the result. The data directory is
// kept in the system's temporary folder for the next test process, under a name that changes with PGlite's
// version and the migrations' code, so a changed migration never reuses an old template. Two kinds: migrated
// (most tests), and initialised only (the tests of `db status` and `db migrate` on a database never migrated).
type TemplateKind = 'migrated' | 'initialised';
const pgliteTemplates = new Map<TemplateKind, Promise<Blob>>();

function templateFile(kind: TemplateKind): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const pgliteVersion = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(
    `${pgliteVersion} without template databases ${PGLITE_INITDB_ARGS.join(' ')} ${PGLITE_CONF.join(' ')}`,
  );
  if (kind === 'migrated') for (const m of MIGRATIONS) hash.update(`${m.name}\n${String(m.prototype.up)}\n`);
  return path.join(tmpdir(), `tld-pglite-template-${kind === 'migrated' ? '' : 'initdb-'}${hash.digest('hex').slice(0, 16)}.tar`);
}

function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  let template = pgliteTemplates.get(kind);
  if (template) return template;
  template = (async () => {
    const file = templateFile(kind);
    // Another checkout's run may remove it meanwhile (it counts as stale there): then it is built again.
    if (existsSync(file)) {
      try {
        return new Blob([readFileSync(file)]);
      } catch {
        // built below
      }
    }
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { migrate: kind === 'migrated' });
    try {
      // A smaller, settled copy clones three times faster (0.4 s instead of 1.2): the template databases
      // are never used by an embedded PGlite (it cannot create another database), and after a checkpoint
      // a clone has no write-ahead log to replay.
      await db.dataSource.query(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
      await db.dataSource.query('DROP DATABASE template0');
      await db.dataSource.query('DROP DATABASE template1');
      await db.dataSource.query('CHECKPOINT');
      const blob = await db.dumpPglite!();
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      renameSync(partial, file);
      // Templates of earlier migrations or PGlite versions are of no more use.
      const prefix = path.basename(file).slice(0, -'0123456789abcdef.tar'.length);
      for (const old of readdirSync(tmpdir()))
        if (old.startsWith(prefix) && /^[0-9a-f]{16}\.tar$/.test(old.slice(prefix.length)) && path.join(tmpdir(), old) !== file)
          rmSync(path.join(tmpdir(), old), { force: true });
      return blob;
    } finally {
      await db.close();
    }
  })();
  pgliteTemplates.set(kind, template);
  return template;
}

export function migratedPgliteTemplate(): Promise<Blob> {
  return pgliteTemplate('migrated');
}

/** A PGlite data directory on disk, initialised but never migrated (for the migration commands' tests). */
export async function initialisedPgliteDir(dataDir: string): Promise<DatabaseOptions> {
  const db = await openDatabase({ kind: 'pglite', dataDir, template: await pgliteTemplate('initialised') }, { migrate: false });
  await db.close();
  return { kind: 'pglite', dataDir };
}

/** A PGlite data directory on disk, already migrated (for a CLI command or a bot process to open). */
export async function migratedPgliteDir(dataDir: string): Promise<DatabaseOptions> {
  const db = await openDatabase({ kind: 'pglite', dataDir, template: await migratedPgliteTemplate() });
  await db.close();
  return { kind: 'pglite', dataDir };
}

/** Creates an empty, migrated database and returns its options without opening it. */
export async function createTestDatabaseOptions(): Promise<{ options: DatabaseOptions; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    return { options: { kind: 'pglite', dataDir: 'memory://', template: await migratedPgliteTemplate() }, drop: async () => undefined };
  }
  const { url, drop } = await scratchPostgres(adminUrl, 'tld_test');
  return { options: { kind: 'postgres', url, poolSize: 10 }, drop };
}

/**
 * An empty database (no migrations run) on the PostgreSQL server of `adminUrl`, under a fresh name that
 * starts with `prefix`; drop() removes it, closing whatever is still connected.
 */
export async function scratchPostgres(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
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

/** For test files that share one database: forgets every proposal and all that hangs on it (revisions, votes,
 * notices, audit, codes taken) and the turn state, keeping the directory. */
export async function clearProposals(db: Database): Promise<void> {
  await db.dataSource.query(
    'TRUNCATE proposal, proposal_code_counter, audit_event, bot_state, notification_outbox RESTART IDENTITY CASCADE',
  );
}
