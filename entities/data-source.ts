// One schema, one dialect: PostgreSQL. Embedded PGlite (through its node-postgres shim, one shared
// connection) when no DATABASE_URL is set; a real PostgreSQL pool otherwise.
import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './index.js';
import { runMigrationsLocked } from './migration-lock.js';
import { initdbInChild, lockDataDir, PGLITE_CONF, PGLITE_INITDB_ARGS, type EarlyInitdb } from './pglite-initdb.js';

export type DatabaseOptions =
  /** `template`: a data directory dump (from `Database.dumpPglite`) to start from instead of initdb. */
  | { kind: 'pglite'; dataDir: string; template?: Blob }
  | { kind: 'postgres'; url: string; poolSize: number; timeouts?: Partial<DatabaseTimeouts> };

/**
 * Bounds on every wait for PostgreSQL, so that a paused or unreachable server fails a turn in seconds
 * instead of hanging it for the whole outage (Teams gives up after about 15 s and retries).
 */
export interface DatabaseTimeouts {
  /** Server side: PostgreSQL cancels a statement running longer (`statement_timeout`). */
  statementTimeoutMs: number;
  /** Client side: a query without any answer is abandoned (a server paused behind a proxy, a black hole). */
  queryTimeoutMs: number;
  /** Opening a connection, and waiting for a free one in the pool. */
  connectionTimeoutMs: number;
  /** TCP keepalive probes start after this idle time, so a dead peer is noticed on an idle connection. */
  keepAliveDelayMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementTimeoutMs: 10_000,
  queryTimeoutMs: 15_000,
  connectionTimeoutMs: 5_000,
  keepAliveDelayMs: 10_000,
};

/** pg pool options carrying the bounds; 0 switches a server/client timeout off. */
export function boundedPgOptions(url: string, poolSize: number, timeouts: Partial<DatabaseTimeouts> = {}): Record<string, unknown> {
  const t = { ...DEFAULT_DATABASE_TIMEOUTS, ...timeouts };
  return {
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: t.connectionTimeoutMs,
    ...(t.statementTimeoutMs > 0 ? { statement_timeout: t.statementTimeoutMs } : {}),
    ...(t.queryTimeoutMs > 0 ? { query_timeout: t.queryTimeoutMs } : {}),
    // An open transaction left idle (a crashed turn) must not hold its row locks for ever.
    idle_in_transaction_session_timeout: Math.max(t.statementTimeoutMs, t.queryTimeoutMs, 60_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: t.keepAliveDelayMs,
  };
}

export interface Database {
  dataSource: DataSource;
  kind: DatabaseOptions['kind'];
  /** The pg connection options, for companions that need their own pool (pg-boss, turn locks). */
  pgOptions: Record<string, unknown>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, to clone a migrated database quickly in tests. */
  dumpPglite?(): Promise<Blob>;
}

/** `earlyInitdb`: the initdb main.ts began for this data directory (startEarlyInitdb), taken over here. */
export async function openDatabase(
  options: DatabaseOptions,
  { migrate = true, earlyInitdb }: { migrate?: boolean; earlyInitdb?: EarlyInitdb } = {},
): Promise<Database> {
  // Typed loosely: PGlite ships separate ESM/CJS typings that TypeScript treats as different classes.
  let pglite: { close(): Promise<void>; dumpDataDir(compression: 'none'): Promise<Blob | File> } | undefined;
  let pgOptions: Record<string, unknown>;
  let releaseLock: () => void = () => undefined;
  if (options.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    let dataDir = options.dataDir;
    if (!dataDir.startsWith('memory://')) {
      dataDir = path.resolve(dataDir);
      // main.ts may have started a first start's initdb already, under the directory's lock.
      const early = earlyInitdb?.dataDir === dataDir ? earlyInitdb : undefined;
      if (early) releaseLock = early.release;
      else {
        mkdirSync(dataDir, { recursive: true });
        releaseLock = lockDataDir(dataDir);
      }
      // A first start initialises (and migrates) the directory in a short-lived process (entities/pglite-initdb.ts).
      const initdb =
        early?.ready ??
        (options.template || existsSync(path.join(dataDir, 'PG_VERSION')) ? undefined : initdbInChild(dataDir, { migrate }));
      await initdb?.catch((err: unknown) => {
        releaseLock();
        throw err;
      });
    }
    const instance = await PGlite.create({
      dataDir,
      postgresqlconf: PGLITE_CONF,
      initDbStartParams: PGLITE_INITDB_ARGS,
      ...(options.template ? { loadDataDir: options.template } : {}),
    });
    pglite = instance;
    const cfg = createPgConfig(instance as never);
    // Exactly one connection: PGlite is a single session, so a second one would interleave transactions.
    pgOptions = { ...cfg, connection: cfg.connection, max: 1 };
  } else {
    pgOptions = boundedPgOptions(options.url, options.poolSize, options.timeouts);
    // Migrations may run (and wait for another replica's migrations) longer than a turn's statement:
    // they run first, on a short-lived pool of their own without the statement bounds.
    if (migrate) await migrateUnbounded(options.url, options.timeouts);
  }
  const dataSource = newDataSource(pgOptions, options.kind === 'postgres' ? options.url : undefined);
  try {
    await dataSource.initialize();
    if (migrate && options.kind === 'pglite') await runMigrationsLocked(dataSource, options.kind);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await pglite?.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
  return {
    dataSource,
    kind: options.kind,
    pgOptions,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await pglite?.close();
      releaseLock();
    },
    ...(pglite ? { dumpPglite: () => pglite!.dumpDataDir('none') } : {}),
  };
}

/** The migrations on a PGlite instance of its own: initdb's process runs them on a first start. */
export async function migratePglite(instance: unknown): Promise<void> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const cfg = createPgConfig(instance as never);
  const dataSource = newDataSource({ ...cfg, connection: cfg.connection, max: 1 });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource, 'pglite');
  } finally {
    await dataSource.destroy();
  }
}

function newDataSource(extra: Record<string, unknown>, url?: string): DataSource {
  return new DataSource({
    type: 'postgres',
    ...(url ? { url } : {}),
    extra,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
  });
}

/** The same database without the statement bounds: for migrations and batch jobs that may run long. */
export function withoutStatementBounds(options: DatabaseOptions): DatabaseOptions {
  return options.kind === 'postgres'
    ? { ...options, timeouts: { ...options.timeouts, statementTimeoutMs: 0, queryTimeoutMs: 0 } }
    : options;
}

async function migrateUnbounded(url: string, timeouts: Partial<DatabaseTimeouts> = {}): Promise<void> {
  const extra = boundedPgOptions(url, 2, { ...timeouts, statementTimeoutMs: 0, queryTimeoutMs: 0 });
  delete extra.idle_in_transaction_session_timeout;
  const dataSource = newDataSource(extra, url);
  await dataSource.initialize();
  try {
    // Under an advisory lock: replicas and the migrations Job may start together.
    await runMigrationsLocked(dataSource, 'postgres');
  } finally {
    await dataSource.destroy();
  }
}

/** True when the database answers and no migration is pending. */
export async function isDatabaseReady(db: Database): Promise<boolean> {
  try {
    if (!db.dataSource.isInitialized) return false;
    await db.dataSource.query('SELECT 1');
    return !(await db.dataSource.showMigrations());
  } catch {
    return false;
  }
}
