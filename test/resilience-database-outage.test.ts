// PostgreSQL stopped under traffic: the bot reaches the database through a loopback TCP proxy that the
// test cuts (every connection dropped, new ones refused) and restores. While it is cut, a message gets the
// clear "hệ thống đang bận" answer or HTTP 503 (never a 500, never a crash); once it is back the bot
// recovers by itself, and a turn cut half-way has left nothing half-written.
// Real PostgreSQL only (TEST_DATABASE_URL): PGlite runs inside the process and cannot be cut off.
import assert from 'node:assert/strict';
import type { BotApplication } from '../bot/app.js';
import { messageActivity } from '../tools/chat/activity-factory.js';
import { registerFeatures } from '../bot/features.js';
import { core } from '../services/platform/messages/index.js';
import { openDatabase } from '../entities/data-source.js';
import { startHarness, allText, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { createTestDatabaseOptions, type TestDatabase } from './helpers/test-database.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const other = TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!;

/** "đếm": counts in the conversation state; waits for `gate` first when a test sets one. */
let gate: Promise<void> | undefined;
let reachedGate: (() => void) | undefined;
function counterFeature(bot: BotApplication): void {
  bot.commands.register(
    'test.count',
    async (turn) => {
      if (gate) {
        reachedGate?.();
        await gate;
      }
      const count = Number(turn.conversation.count ?? 0) + 1;
      turn.conversation.count = count;
      return `đã đếm ${count}`;
    },
    'own',
  );
  bot.commands.registerText({ keywords: ['đếm'], verb: 'test.count', parse: () => ({}) });
}

async function stored(h: BotHarness, user: TestUser): Promise<number | undefined> {
  const rows: { count: number | null }[] = await h.db.dataSource.query(
    `SELECT (data->>'count')::int AS count FROM bot_state WHERE key LIKE '%/conversations/' || $1`,
    [user.conversationId],
  );
  return rows[0]?.count ?? undefined;
}

/** Sends until the bot answers normally again; returns the first normal reply's text. */
async function untilAnswered(user: TestUser, text: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const { status, replies } = await user.post(messageActivity(user.session, text));
    assert.notEqual(status, 500);
    last = `${status} ${allText(replies)}`;
    if (status === 200 && !allText(replies).includes(core.busy)) return allText(replies);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no normal answer within ${timeoutMs} ms; last: ${last}`);
}

describe('resilience: PostgreSQL stopped under traffic', function () {
  this.timeout(60_000);
  let proxy: TcpProxy;
  let h: BotHarness;
  let db: TestDatabase;

  before(function () {
    if (!process.env.TEST_DATABASE_URL) {
      this.skip(); // PGlite is embedded in the process: there is no server to stop.
    }
  });

  before(async () => {
    const { options, drop } = await createTestDatabaseOptions();
    if (options.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const target = new URL(options.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    const opened = await openDatabase({ ...options, url: proxy.wrapUrl(options.url), poolSize: 5 });
    db = {
      ...opened,
      options,
      async dispose() {
        await opened.close();
        await drop();
      },
    };
    await seedTestDirectory(db.dataSource);
    h = await startHarness({ db, features: [registerFeatures, counterFeature] });
  });

  after(async () => {
    proxy?.restore();
    await h?.close();
    await db?.dispose();
    await proxy?.stop();
  });

  it('answers "hệ thống đang bận" or 503 while the database is unreachable, never 500, and stays up', async () => {
    const user = h.user(staff.email);
    assert.equal(allText(await user.say('đếm')), 'đã đếm 1');
    proxy.cut();
    const users = [user, user, h.user(other.email), h.user(staff.email)];
    const results = await Promise.all(users.map((u) => u.post(messageActivity(u.session, 'đếm'))));
    for (const { status, replies } of results) {
      assert.ok(status === 200 || status === 503, `status ${status}`);
      if (status === 200) assert.match(allText(replies), new RegExp(core.busy.slice(0, 20)));
    }
    const health = await fetch(`${h.url}/healthz`);
    assert.equal(health.status, 200, 'the process is alive');
    const ready = await fetch(`${h.url}/readyz`);
    assert.equal(ready.status, 503, 'not ready while the database is away');
    await Promise.all([health.arrayBuffer(), ready.arrayBuffer()]);
  });

  it('recovers by itself when the database returns, with nothing written by the refused turns', async () => {
    proxy.restore();
    const user = h.user(staff.email);
    assert.equal(await untilAnswered(user, 'đếm', 15_000), 'đã đếm 1');
    const ready = await fetch(`${h.url}/readyz`);
    await ready.arrayBuffer();
    assert.equal(ready.status, 200);
  });

  it('leaves nothing half-written when the database goes away in the middle of a turn', async () => {
    const user = h.user(staff.email);
    assert.equal(allText(await user.say('đếm')), 'đã đếm 1');
    assert.equal(allText(await user.say('đếm')), 'đã đếm 2');
    assert.equal(await stored(h, user), 2);

    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (reachedGate = resolve));
    const pending = user.post(messageActivity(user.session, 'đếm'));
    await reached; // the turn holds its lock and has read its state
    proxy.cut();
    open();
    gate = undefined;
    const { status, replies } = await pending;
    assert.ok(status === 200 || status === 503, `status ${status}`);
    if (status === 200) assert.match(allText(replies), new RegExp(core.busy.slice(0, 20)));

    proxy.restore();
    // The interrupted turn's state was not saved: counting goes on from the last saved value.
    assert.equal(await untilAnswered(user, 'đếm', 15_000), 'đã đếm 3');
    assert.equal(await stored(h, user), 3);
  });
});
