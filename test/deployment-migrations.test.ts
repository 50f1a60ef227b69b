// Migrations as a rollout runs them: the Job's `db migrate` and `db status` on a real database, and
// several processes starting together on an empty PostgreSQL (the advisory lock lets one migrate while
// the others wait, then find nothing pending).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../entities/data-source.js';
import { MIGRATIONS } from '../entities/index.js';
import { pendingMigrations } from '../entities/migration-lock.js';
import { createTestDatabaseOptions, initialisedPgliteDir, scratchPostgres, testDatabaseKind } from './helpers/test-database.js';
import { runCliInProcess, spawnCli } from './helpers/cli.js';

const cliEnv = (env: Record<string, string>) => ({ ...process.env, LOG_LEVEL: 'silent', ...env });

/** An empty database (no migrations run) on the PostgreSQL of TEST_DATABASE_URL. */
const emptyPostgres = () => scratchPostgres(process.env.TEST_DATABASE_URL!, 'tld_mig');

describe('deployment: migrations before and during a rollout', function () {
  this.timeout(240_000);

  it('a migrated test database has nothing pending', async () => {
    const { options, drop } = await createTestDatabaseOptions();
    const db = await openDatabase(options);
    try {
      assert.deepEqual(await pendingMigrations(db.dataSource), []);
    } finally {
      await db.close();
      await drop();
    }
  });

  it('four processes opening one empty PostgreSQL at once all start, and each migration runs once', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip();
    const { url, drop } = await emptyPostgres();
    const dbs: Database[] = [];
    try {
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url, poolSize: 4 })));
      for (const r of results) if (r.status === 'fulfilled') dbs.push(r.value);
      const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      assert.deepEqual(failures, []);
      const rows: { name: string; n: number }[] = await dbs[0].dataSource.query(
        'SELECT name, count(*)::int AS n FROM typeorm_migrations GROUP BY name ORDER BY name',
      );
      assert.equal(rows.length, MIGRATIONS.length);
      assert.ok(rows.every((r) => r.n === 1));
    } finally {
      for (const db of dbs) await db.close();
      await drop();
    }
  });

  it('`db status` reports pending migrations (exit 3), `db migrate` applies them, then status is clean', async () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (testDatabaseKind() === 'postgres') {
      const { url, drop } = await emptyPostgres();
      env = { DATABASE_URL: url };
      cleanup = drop;
    } else {
      // Initialised but never migrated (the tests' template: initdb's own ~8 s of CPU is not what this tests).
      const dir = await mkdtemp(path.join(tmpdir(), 'tld-migrate-'));
      await initialisedPgliteDir(dir);
      env = { DATABASE_URL: '', DATA_DIR: dir };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    try {
      const before = await spawnCli(['db', 'status'], cliEnv(env));
      assert.equal(before.code, 3, before.stderr);
      assert.match(before.stdout, new RegExp(`còn ${MIGRATIONS.length} chưa chạy`));
      const migrate = await runCliInProcess(['db', 'migrate'], cliEnv(env));
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, new RegExp(`Đã chạy ${MIGRATIONS.length} migration`));
      const after = await runCliInProcess(['db', 'status'], cliEnv(env));
      assert.equal(after.code, 0, after.stderr);
      assert.match(after.stdout, /không có migration nào cần chạy/);
    } finally {
      await cleanup();
    }
  });
});
