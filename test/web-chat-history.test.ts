// The web chat's events are kept in the database: a stream that reconnects with Last-Event-ID gets exactly
// what it missed (also from a process started after the one that sent it), a reloaded page reads the
// history, and "a browser is connected" is a presence row that a closed or expired stream no longer holds.
// Runs on PGlite (in-process announcements) and on PostgreSQL (LISTEN/NOTIFY), one process. The LISTEN
// test was checked to fail when a reconnection does not make the streams re-read the table.
import assert from 'node:assert/strict';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { WebClient, type StreamEvent } from './helpers/web-client.js';
import { until } from './helpers/until.js';

const ENV = { DEMO_MODE: 'true' };

describe('web chat history and catch-up', function () {
  this.timeout(180_000);
  let db: TestDatabase;
  let h: BotHarness | undefined;
  let p: People;

  before(async function () {
    this.timeout(240_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    await db.dataSource.query(`UPDATE officer SET is_demo = true`);
    h = await startHarness({ db, env: ENV });
  });
  after(async () => {
    await h?.close();
    await db?.dispose();
  });

  const conversation = () => `web:${p.scStaff}`;
  const connected = () => h!.server.container.web.hub.connected(conversation());
  const activities = (events: StreamEvent[]) => events.filter((e) => e.event === 'activity');

  it('a reconnection with Last-Event-ID gets exactly what it missed, from a restarted process; the history has both sides', async () => {
    const c = new WebClient(h!.url);
    assert.equal((await c.signInDemo(p.scStaff!)).status, 200);
    const first = c.openEvents();
    await first.ready;
    await until('the stream to be present', connected);
    const seen = await c.post('/web/api/messages', { text: 'trợ giúp' });
    assert.equal(seen.status, 200);
    assert.ok(seen.body.replies.length > 0);
    const lastSeen = await first.waitFor((e) => e.data?.id === seen.body.replies.at(-1).id);
    assert.match(lastSeen.id, /^\d+$/, 'stored events carry their sequence number as the SSE id');
    assert.deepEqual(
      activities(first.events).map((e) => e.data.id),
      seen.body.replies.map((r: { id: string }) => r.id),
    );
    first.close();
    await until('the closed stream to leave', async () => !(await connected()));

    // Nobody listening: the reply is stored all the same.
    const missed = await c.post('/web/api/messages', { text: 'tro giup' });
    assert.equal(missed.status, 200);
    assert.ok(missed.body.replies.length > 0);

    // A restart: the in-memory state is gone; the session and the events are in the database.
    await h!.close();
    h = undefined;
    h = await startHarness({ db, env: ENV });
    const again = new WebClient(h.url);
    for (const [k, v] of c.cookies) again.cookies.set(k, v);
    const second = again.openEvents({ 'last-event-id': lastSeen.id });
    await second.ready;
    assert.equal(second.status, 200);
    await second.waitFor((e) => e.data?.id === missed.body.replies.at(-1).id);
    second.close();
    assert.deepEqual(
      activities(second.events).map((e) => e.data.id),
      missed.body.replies.map((r: { id: string }) => r.id),
      'the missed replies, each once, and nothing from before the Last-Event-ID',
    );
    assert.ok(second.events.every((e) => Number(e.id) > Number(lastSeen.id)));

    // A reloaded page: the officer's words and the bot's replies, in order.
    const history = await again.get('/web/api/history');
    assert.equal(history.status, 200);
    const events = history.body.events as { seq: number; kind: string; activity: { id: string; text?: string } }[];
    assert.deepEqual(
      events.map((e) => (e.kind === 'user' ? `me:${e.activity.text}` : e.activity.id)),
      [
        'me:trợ giúp',
        ...seen.body.replies.map((r: { id: string }) => r.id),
        'me:tro giup',
        ...missed.body.replies.map((r: { id: string }) => r.id),
      ],
    );
    assert.deepEqual(
      events.map((e) => e.seq),
      [...events.map((e) => e.seq)].sort((a, b) => a - b),
    );
    // Another officer sees none of it.
    const other = new WebClient(h.url);
    await other.signInDemo(p.scHead!);
    const theirs = (await other.get('/web/api/history')).body.events as { seq: number }[];
    const mine = new Set(events.map((e) => e.seq));
    assert.equal(theirs.filter((e) => mine.has(e.seq)).length, 0);
    assert.equal((await new WebClient(h.url).get('/web/api/history')).status, 401);
  });

  it('a stream whose presence expired (its process died) no longer counts as connected; an open one does', async () => {
    const c = new WebClient(h!.url);
    await c.signInDemo(p.scStaff!);
    const stream = c.openEvents();
    await stream.ready;
    try {
      await until('the stream to be present', connected);
      await db.dataSource.query(`UPDATE web_presence SET expires_at = now() - interval '1 second' WHERE conversation_id = $1`, [
        conversation(),
      ]);
      assert.equal(await connected(), false);
    } finally {
      stream.close();
    }
  });

  it('purges events older than the retention period', async () => {
    const { purgeExpiredConversations } = await import('../services/privacy/retention.js');
    const before = Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM web_event`))[0].n);
    assert.ok(before > 0);
    await db.dataSource.query(`UPDATE web_event SET created_at = now() - interval '200 days' WHERE seq = (SELECT min(seq) FROM web_event)`);
    assert.equal((await purgeExpiredConversations(db.dataSource, 180)).webEvents, 1);
    assert.equal(Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM web_event`))[0].n), before - 1);
  });

  it('PostgreSQL: a cut LISTEN connection is opened again, and what was published meanwhile still reaches the stream', async function () {
    if (db.kind !== 'postgres') this.skip();
    const c = new WebClient(h!.url);
    await c.signInDemo(p.scHead!);
    const stream = c.openEvents();
    await stream.ready;
    try {
      await until('the stream to be present', () => h!.server.container.web.hub.connected(`web:${p.scHead}`));
      const cut = await db.dataSource.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN web_event'`,
      );
      assert.equal(cut.length, 1, 'one LISTEN connection, cut');
      const turn = await c.post('/web/api/messages', { text: 'trợ giúp' });
      assert.equal(turn.status, 200);
      await stream.waitFor((e) => e.data?.id === turn.body.replies.at(-1).id);
    } finally {
      stream.close();
    }
  });

  it('erases the officer’s chat history with their personal data, and nobody else’s', async () => {
    const { erasePersonalData } = await import('../services/privacy/erase.js');
    const count = async (id: string) =>
      Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM web_event WHERE conversation_id = $1`, [`web:${id}`]))[0].n);
    const c = new WebClient(h!.url);
    await c.signInDemo(p.scHead!);
    assert.equal((await c.post('/web/api/messages', { text: 'trợ giúp' })).status, 200);
    const staffRows = await count(p.scStaff!);
    assert.ok(staffRows > 0);
    const [{ email }] = await db.dataSource.query(`SELECT email FROM officer WHERE id = $1`, [p.scStaff]);
    const result = await erasePersonalData(db.dataSource, email, { force: true });
    assert.equal(result.status, 'erased');
    assert.equal((result as { removed: Record<string, number> }).removed.web_chat, staffRows);
    assert.equal(await count(p.scStaff!), 0);
    assert.ok((await count(p.scHead!)) > 0, 'another officer’s history stays');
  });
});
