// A web session is bound to the mode it was made in: a demo sign-in (pick any officer) is refused once the
// same database runs in production.
import assert from 'node:assert/strict';
import { SessionStore } from '../bot/web/session-store.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedTestDirectory } from './helpers/test-directory.js';

describe('web sessions and the mode they were made in', () => {
  let db: TestDatabase;
  before(async () => {
    db = await openTestDatabase();
    await seedTestDirectory(db.dataSource);
  });
  after(async () => db?.dispose());

  it('a demo session works in demo, and not after the switch to production; an Entra session works in both', async () => {
    const [{ id }] = (await db.dataSource.query(`SELECT id FROM officer ORDER BY email LIMIT 1`)) as { id: string }[];
    const demo = new SessionStore(db.dataSource, 12, true);
    const production = new SessionStore(db.dataSource, 12, false);
    const made = await demo.create(id!, 'demo');
    assert.ok(await demo.get(made.token));
    assert.equal(await production.get(made.token), undefined);
    const entra = await production.create(id!, 'entra');
    assert.ok(await production.get(entra.token));
  });
});
