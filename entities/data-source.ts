// One schema, one dialect: PostgreSQL. Embedded PGlite (through its node-postgres shim, one shared
// connection) when no DATABASE_URL is set; a real PostgreSQL pool otherwise.
import 'reflect-metadata';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './index.js';
import { runMigrationsLocked } from './migration-lock.js';

export type DatabaseOptions =
  /** `template`: a data directory dump (from `Database.dumpPglite`) to start from instead of initdb. */
  | { kind: 'pglite'; dataDir: string; template?: Blob }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Database {
  dataSource: DataSource;
  kind: DatabaseOptions['kind'];
  /** The pg connection options, for companions that need their own pool (pg-boss, turn locks). */
  pgOptions: Record<string, unknown>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, to clone a migrated database quickly in tests. */
  dumpPglite?(): Promise<Blob>;
}

export async function openDatabase(options: DatabaseOptions, { migrate = true } = {}): Promise<Database> {
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
      mkdirSync(dataDir, { recursive: true });
      releaseLock = lockDataDir(dataDir);
    }
    const instance = options.template
      ? await PGlite.create({ dataDir, loadDataDir: options.template })
      : await PGlite.create(dataDir);
    pglite = instance;
    const cfg = createPgConfig(instance as never);
    // Exactly one connection: PGlite is a single session, so a second one would interleave transactions.
    pgOptions = { ...cfg, connection: cfg.connection, max: 1 };
  } else {
    pgOptions = { connectionString: options.url, max: options.poolSize, connectionTimeoutMillis: 5000 };
  }
  const dataSource = new DataSource({
    type: 'postgres',
    ...(options.kind === 'postgres' ? { url: options.url } : {}),
    extra: pgOptions,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
  });
  try {
    await dataSource.initialize();
    // Under an advisory lock on PostgreSQL: replicas and the migrations Job may start together.
    if (migrate) await runMigrationsLocked(dataSource, options.kind);
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

/**
 * PGlite files may be opened by one process only; a second one (a CLI command while the bot runs)
 * would corrupt them. A pid file refuses the second process with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'tro-ly-doi-moi.pid');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `Thư mục dữ liệu ${dataDir} đang được tiến trình ${holder} sử dụng (có thể bot đang chạy). ` +
          'Cơ sở dữ liệu nhúng (PGlite) chỉ cho phép một tiến trình: hãy dừng bot trước, hoặc dùng PostgreSQL qua DATABASE_URL.',
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
