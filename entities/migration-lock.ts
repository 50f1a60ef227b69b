// Two replicas (or a replica and the migrations Job) starting together must not run the same
// migrations at once: one takes a PostgreSQL advisory lock on a dedicated connection, migrates, and
// releases it; the other waits, then finds nothing pending. PGlite is one process with one connection,
// so it needs (and could not take) no such lock.
import type { DataSource, Migration } from 'typeorm';

/** A fixed 64-bit key, the same in every process of this application ("tld-migrations"). */
export const MIGRATION_LOCK_KEY = 7_164_425_091_337_210n;

export async function runMigrationsLocked(dataSource: DataSource, kind: 'pglite' | 'postgres'): Promise<Migration[]> {
  if (kind !== 'postgres') return dataSource.runMigrations();
  // A connection of its own holds the lock; the migrations run on others from the pool.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      return await dataSource.runMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
  }
}

/** Names of migrations known to the code and not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = new Set<string>();
  const exists: { t: string | null }[] = await dataSource.query(`SELECT to_regclass('typeorm_migrations')::text AS t`);
  if (exists[0]?.t) {
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM typeorm_migrations');
    for (const row of rows) applied.add(row.name);
  }
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}
