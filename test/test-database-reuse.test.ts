// The test helper that hands a disposed PGlite database to the next test file (test/helpers/test-database.ts):
// what the next file gets must be exactly a fresh clone of the migrated template.
import assert from 'node:assert/strict';
import { openDatabase } from '../entities/data-source.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { migratedPgliteTemplate, openTestDatabase, stateOf, testDatabaseKind } from './helpers/test-database.js';

describe('test databases: a disposed PGlite database comes back as the template', function () {
  before(function () {
    if (testDatabaseKind() !== 'pglite') this.skip();
  });

  it('is reset to the template (rows, sequences, schema) after a test wrote to it', async () => {
    const fresh = await openDatabase({ kind: 'pglite', dataDir: 'memory://', template: await migratedPgliteTemplate() });
    const template = await stateOf(fresh);
    await fresh.close();

    const used = await openTestDatabase();
    await seedTestDirectory(used.dataSource);
    await used.dataSource.query(`SELECT pg_advisory_lock(42)`);
    assert.notDeepEqual(await stateOf(used), template);
    await used.dispose();

    const next = await openTestDatabase();
    try {
      assert.equal(next.dataSource, used.dataSource, 'the same database came back');
      assert.deepEqual(await stateOf(next), template);
      const [{ locked }] = (await next.dataSource.query(`SELECT count(*)::int AS locked FROM pg_locks WHERE locktype = 'advisory'`)) as {
        locked: number;
      }[];
      assert.equal(locked, 0);
    } finally {
      await next.dispose();
    }
  });

  it('closes instead of keeping a database whose schema a test changed', async () => {
    const changed = await openTestDatabase();
    await changed.dataSource.query(`CREATE TABLE scratch (id int)`);
    await changed.dispose();
    const next = await openTestDatabase();
    try {
      assert.notEqual(next.dataSource, changed.dataSource);
      const [{ n }] = (await next.dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'scratch'`)) as {
        n: number;
      }[];
      assert.equal(n, 0);
    } finally {
      await next.dispose();
    }
  });
});
