// PGlite's initdb, run on a first start in a short-lived process of its own: initdb grows the WASM
// memory of its PGlite to ~600 MB, and WASM memory is never given back while the process lives (closing
// the instance in the bot's own process still left ~110 MB more resident than a restart). The bot then
// opens the initialised directory like a restart.
import { fork } from 'node:child_process';
import path from 'node:path';

/** PostgreSQL's server defaults (128 MB shared buffers) are sized for a shared server, not an embedded one. */
export const PGLITE_CONF = ['shared_buffers=16MB', 'wal_buffers=1MB', 'maintenance_work_mem=16MB'];

/** Initialises `dataDir` (empty) in a child process; rejects with its error output if it fails. */
export function initdbInChild(dataDir: string): Promise<void> {
  const entry = __filename;
  // Under tsx (npm start, tests) the child needs the loader too; compiled, plain node.
  const execArgv = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return new Promise((resolve, reject) => {
    const child = fork(entry, [dataDir], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`PGlite initdb failed (exit ${code}): ${errors.trim()}`))));
  });
}

if (require.main === module) {
  void (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ dataDir: path.resolve(process.argv[2]), postgresqlconf: PGLITE_CONF });
    await db.close();
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
