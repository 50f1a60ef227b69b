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
  const db = (options.kind === 'pglite' && idlePglite.pop()) || (await openDatabase(options));
  let disposed = false;
  return {
    ...db,
    options,
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (options.kind === 'pglite' && idlePglite.length < MAX_IDLE_PGLITE && (await resetToTemplate(db))) idlePglite.push(db);
      else await db.close();
      await drop();
    },
  };
}

// A disposed PGlite database is reset to the migrated template's state and handed to the next test file of
// the same process: a new clone costs ~0.5 s of CPU (a WASM instance, a 17 MB tarball unpacked), a reset a few
// milliseconds. Only an idle database whose schema is still the template's is kept; any doubt closes it.
const MAX_IDLE_PGLITE = 2;
const idlePglite: Database[] = [];

interface TemplateState {
  schema: string;
  /** Every table but the migrations' own bookkeeping. */
  tables: string[];
  /** Rows the migrations wrote (other than their own bookkeeping), by table. */
  rows: Record<string, unknown[]>;
  /** The sequences' positions: [name, start, last value or null]. */
  sequences: [string, string, string | null][];
}
let templateState: Promise<TemplateState> | undefined;

const SCHEMA_SQL = `SELECT md5(string_agg(x, ',' ORDER BY x)) AS schema FROM (
  SELECT table_name || '.' || column_name || ':' || data_type || ':' || coalesce(column_default, '') AS x
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT 'migrations:' || count(*) FROM typeorm_migrations) s`;

/** The schema, rows and sequences of a database, as the reset compares and restores them (exported for its test). */
export async function stateOf(db: Database): Promise<TemplateState> {
  const q = (sql: string) => db.dataSource.query(sql) as Promise<Record<string, unknown>[]>;
  const [{ schema }] = (await q(SCHEMA_SQL)) as { schema: string }[];
  const tables = (
    await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY tablename`)
  ).map((t) => String(t.tablename));
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    const content = await q(`SELECT * FROM "${table}"`);
    if (content.length) rows[table] = content;
  }
  const sequences = (await q(
    `SELECT sequencename AS name, start_value::text AS start, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  )) as {
    name: string;
    start: string;
    value: string | null;
  }[];
  return { schema, tables, rows, sequences: sequences.map((s) => [s.name, s.start, s.value]) };
}

async function resetToTemplate(db: Database): Promise<boolean> {
  try {
    if (!db.dataSource.isInitialized) return false;
    templateState ??= (async () => {
      const fresh = await openDatabase({ kind: 'pglite', dataDir: 'memory://', template: await migratedPgliteTemplate() });
      try {
        return await stateOf(fresh);
      } finally {
        await fresh.close();
      }
    })();
    const template = await templateState;
    const q = (sql: string, params?: unknown[]) => db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
    const [{ schema }] = (await q(SCHEMA_SQL)) as { schema: string }[];
    // The same schema: the same tables as the template's.
    if (schema !== template.schema) return false;
    await q(`TRUNCATE ${template.tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    for (const [table, rows] of Object.entries(template.rows))
      await q(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1)`, [JSON.stringify(rows)]);
    // Restarting identities is not enough: the migrations' rows above had moved their sequences on.
    const sequences = template.sequences.map(([name, start, value]) => ({ name, at: value ?? start, called: value !== null }));
    await q(
      `SELECT setval(quote_ident(s.name)::regclass, s.at, s.called) FROM json_to_recordset($1) AS s(name text, at bigint, called boolean)`,
      [JSON.stringify(sequences)],
    );
    await q('SELECT pg_advisory_unlock_all()');
    return true;
  } catch {
    return false;
  }
}

/** For test files that share one database: forgets every proposal and all that hangs on it (revisions, votes,
 * notices, audit, codes taken) and the turn state, keeping the directory. */
export async function clearProposals(db: Database): Promise<void> {
  await db.dataSource.query(
    'TRUNCATE proposal, proposal_code_counter, audit_event, bot_state, notification_outbox RESTART IDENTITY CASCADE',
  );
}
