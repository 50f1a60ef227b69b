// PGlite's initdb, run on a first start in a short-lived process of its own: initdb grows the WASM
// memory of its PGlite to ~600 MB, and WASM memory is never given back while the process lives (closing
// the instance in the bot's own process still left ~110 MB more resident than a restart). The migrations
// run there too (`migrate`): the bot then opens the initialised, migrated directory exactly like a
// restart, and their garbage is not left in its heap (12 interleaved fresh demo starts, loaded machine:
// median idle RSS 305 → 292 MB; PGlite's WASM memory 140 MB either way; the child's import of TypeORM
// adds about 0.2 s to a first start).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** PostgreSQL's server defaults (128 MB shared buffers) are sized for a shared server, not an embedded one. */
export const PGLITE_CONF = ['shared_buffers=16MB', 'wal_buffers=1MB', 'maintenance_work_mem=16MB'];

/**
 * initdb's arguments: 1 MB write-ahead-log segments instead of 16 MB, for an embedded database that writes
 * little. A new data directory is 9 MB smaller, initdb writes less, and a tarball clone (tests) loads
 * about a quarter faster. Fixed at initdb: an existing directory keeps its segments.
 */
export const PGLITE_INITDB_ARGS = ['--wal-segsize=1'];

/** Initialises `dataDir` (empty) in a child process, and migrates it with `migrate`; rejects with its error output if it fails. */
export function initdbInChild(dataDir: string, { migrate = false }: { migrate?: boolean } = {}): Promise<void> {
  const entry = __filename;
  // Under tsx (npm start, tests) the child needs the loader too; compiled, plain node.
  const execArgv = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return new Promise((resolve, reject) => {
    const child = fork(entry, [dataDir, ...(migrate ? ['--migrate'] : [])], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`PGlite initdb failed (exit ${code}): ${errors.trim()}`))));
  });
}

/**
 * PGlite files may be opened by one process only; a second one (a CLI command while the bot runs)
 * would corrupt them. A pid file refuses the second process with a clear message.
 */
export function lockDataDir(dataDir: string): () => void {
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

/** A first start's initdb begun before the rest of the bot loaded, and the directory's lock it holds. */
export interface EarlyInitdb {
  dataDir: string;
  ready: Promise<void>;
  release: () => void;
}

/**
 * Starts a first start's initdb and migrations now, under the directory's lock, when `dataDir` is not
 * initialised: main.ts calls it before loading the rest of the bot, so that loading and initdb overlap
 * (two cores), and hands the result to openDatabase.
 */
export function startEarlyInitdb(dataDir: string): EarlyInitdb | undefined {
  if (dataDir.startsWith('memory://')) return undefined;
  const dir = path.resolve(dataDir);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return undefined;
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir);
  const ready = initdbInChild(dir, { migrate: true });
  // Observed by openDatabase; until then a failure must not be an unhandled rejection.
  ready.catch(() => undefined);
  return { dataDir: dir, ready, release };
}

if (require.main === module) {
  void (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({
      dataDir: path.resolve(process.argv[2]),
      postgresqlconf: PGLITE_CONF,
      initDbStartParams: PGLITE_INITDB_ARGS,
    });
    if (process.argv.includes('--migrate')) {
      const { migratePglite } = await import('./data-source.js');
      await migratePglite(db);
    }
    await db.close();
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
