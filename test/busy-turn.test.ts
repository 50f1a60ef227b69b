// A turn that cannot get its conversation in time (another process's turn holds it, or the database does
// not answer) is answered at once with the busy message over HTTP, instead of hanging until Teams gives up.
import assert from 'node:assert/strict';
import pg from 'pg';
import { allText, startHarness } from './helpers/bot-harness.js';
import { testDatabaseKind } from './helpers/test-database.js';
import { seedTestDirectory } from './helpers/test-directory.js';

describe('a busy conversation', () => {
  it('answers the busy message within the lock bound when another process holds the conversation', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip(); // the cross-process lock exists on PostgreSQL only
    const h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), env: { TURN_LOCK_WAIT_MS: '500' } });
    const other = new pg.Client(h.db.pgOptions as pg.ClientConfig);
    try {
      const user = h.user('cv.skhcn@test.invalid');
      await other.connect();
      await other.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`msteams/${user.conversationId}`]);
      const replies = await user.say('xin chào');
      assert.match(allText(replies), /Hệ thống đang bận/);
      await other.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`msteams/${user.conversationId}`]);
      assert.doesNotMatch(allText(await user.say('xin chào')), /Hệ thống đang bận/, 'the next turn runs normally');
    } finally {
      await other.end().catch(() => undefined);
      await h.close();
    }
  });
});
