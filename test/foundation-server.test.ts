// The foundation over HTTP: Teams-shaped activities in, replies out through a loopback connector,
// identity, state under concurrency, authentication, probes and bad input.
import assert from 'node:assert/strict';
import type { BotApplication } from '../bot/app.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';
import { registerFeatures } from '../bot/features.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const director = TEST_PEOPLE.find((p) => p.aad)!;

/** A feature for the concurrency test: counts questions in the conversation state. */
function counterFeature(bot: BotApplication): void {
  bot.intents.register('question', async (turn) => {
    const count = Number(turn.conversation.count ?? 0) + 1;
    turn.conversation.count = count;
    turn.conversation.seen = [...((turn.conversation.seen as string[]) ?? []), turn.context.activity.text];
    await turn.send(`đã đếm ${count}`);
  });
}

describe('foundation: the bot over HTTP', function () {
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerFeatures, counterFeature] });
  });
  after(async () => h?.close());

  it('greets on installation with the menu card', async () => {
    const replies = await h.user(staff.email).install();
    assert.equal(replies.length, 1);
    assert.match(replies[0].text ?? '', /Xin chào Nguyễn Thị Chuyên/);
    const card = replies[0].attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const actions = (card?.content as { actions: { title: string; type: string }[] }).actions;
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Tạo đề xuất mới', 'Đề xuất của tôi', 'Việc chờ tôi', 'Báo vướng mắc', 'Hướng dẫn'],
    );
    assert.ok(actions.every((a) => a.type === 'Action.Execute'));
  });

  it('understands commands typed with or without diacritics', async () => {
    const user = h.user(staff.email);
    assert.match(allText(await user.say('hướng dẫn')), /Trợ lý Đổi mới giúp anh\/chị/);
    assert.match(allText(await user.say('huong dan')), /Trợ lý Đổi mới giúp anh\/chị/);
    assert.match(allText(await user.say('menu')), /Tôi có thể giúp gì\?/);
  });

  it('matches a Teams user by roster email once, then remembers the channel account', async () => {
    const user = h.user(staff.email);
    const rosterCalls = () =>
      h.connector.requests.filter((r) => r.operation === 'getConversationMember' && r.memberId === user.session.user.id).length;
    const before = rosterCalls();
    await user.say('menu');
    const rows = await h.db.dataSource.query(
      `SELECT ca.channel, ca.conversation_reference IS NOT NULL AS has_ref FROM channel_account ca
       JOIN officer o ON o.id = ca.officer_id WHERE o.email = $1`,
      [staff.email],
    );
    assert.deepEqual(rows, [{ channel: 'msteams', has_ref: true }]);
    await user.say('menu');
    assert.equal(rosterCalls(), before, 'a remembered user is not looked up again');
  });

  it('matches by AAD object id without asking the roster', async () => {
    const user = h.user('someone-else@contoso.invalid', { aadObjectId: director.aad });
    const replies = await user.say('menu');
    assert.match(allText(replies), /Tôi có thể giúp gì/);
    assert.equal(
      h.connector.requests.filter((r) => r.operation === 'getConversationMember' && r.memberId === user.session.user.id).length,
      0,
    );
  });

  it('tells an unknown user politely whom to ask, and does nothing else', async () => {
    const user = h.user('nguoi.la@example.invalid');
    const replies = await user.say('tạo đề xuất');
    assert.equal(replies.length, 1);
    assert.match(replies[0].text ?? '', /chưa có trong danh bạ cán bộ/);
    const [{ count }] = await h.db.dataSource.query(`SELECT count(*)::int AS count FROM channel_account WHERE external_user_id = $1`, [
      user.session.user.id,
    ]);
    assert.equal(count, 0);
    const state = await h.db.dataSource.query(`SELECT key FROM bot_state WHERE key LIKE $1`, [`%${user.conversationId}%`]);
    assert.equal(state.length, 0);
  });

  it('refuses an inactive officer', async () => {
    await h.db.dataSource.query(`UPDATE officer SET active = false WHERE email = 'tp.qlkh@test.invalid'`);
    const replies = await h.user('tp.qlkh@test.invalid').say('menu');
    assert.match(allText(replies), /ngừng hoạt động/);
  });

  it('records all of 20 concurrent messages in one conversation', async () => {
    const user = h.user(staff.email);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => user.post({ ...messageFor(user, `câu hỏi số ${i}`) })));
    assert.ok(results.every((r) => r.status === 200));
    const [row] = await h.db.dataSource.query(`SELECT data FROM bot_state WHERE key LIKE $1`, [`%/conversations/${user.conversationId}`]);
    assert.equal(row.data.count, 20);
    assert.equal(new Set(row.data.seen).size, 20);
    const counts = h.connector
      .messages(user.conversationId)
      .map((m) => m.text)
      .filter((t) => t?.startsWith('đã đếm'));
    assert.equal(counts.length, 20);
    assert.deepEqual(new Set(counts), new Set(Array.from({ length: 20 }, (_, i) => `đã đếm ${i + 1}`)));
  });

  it('refuses a message longer than the limit with a clear message', async () => {
    const replies = await h.user(staff.email).say('a'.repeat(100_000));
    assert.match(allText(replies), /Tin nhắn quá dài/);
  });

  it('answers 413 to a 1 MB body and 400 to a malformed one, and keeps serving', async () => {
    const big = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024) }),
    });
    assert.equal(big.status, 413);
    const malformed = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    assert.equal(malformed.status, 400);
    const notActivity = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":1}',
    });
    assert.ok(notActivity.status >= 400 && notActivity.status < 500, `status ${notActivity.status}`);
    assert.match(allText(await h.user(staff.email).say('menu')), /Tôi có thể giúp gì/);
  });

  it('answers health and readiness probes', async () => {
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${h.url}/readyz`)).status, 200);
  });
});

function messageFor(user: ReturnType<BotHarness['user']>, text: string): object {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: user.session.serviceUrl,
    from: { id: user.session.user.id, name: user.session.user.name, aadObjectId: user.session.user.aadObjectId },
    recipient: { id: user.session.bot.id },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: user.session.tenantId },
    text,
  };
}

describe('foundation: readiness follows the database', () => {
  it('answers 503 on /readyz once the database is gone, while /healthz stays 200', async () => {
    const h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
    try {
      assert.equal((await fetch(`${h.url}/readyz`)).status, 200);
      await h.db.close();
      assert.equal((await fetch(`${h.url}/readyz`)).status, 503);
      assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    } finally {
      await h.server.close();
      await h.connector.stop();
      await h.db.dispose().catch(() => undefined);
    }
  });
});

describe('foundation: Bot Framework authentication', () => {
  it('refuses an unsigned request with 401 when credentials are configured', async () => {
    const h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: {
        MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: '00000000-0000-4000-8000-000000000002',
        FILE_LINK_SECRET: 'a-file-link-secret-of-at-least-32-characters',
        WEB_SESSION_SECRET: 'a-web-session-secret-of-at-least-32-characters',
        BOT_AUTH: 'on',
      },
    });
    try {
      const user = h.user(staff.email);
      const res = await user.post(messageFor(user, 'menu'));
      assert.equal(res.status, 401);
      assert.equal(res.replies.length, 0);
      const forged = await fetch(`${h.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
        body: JSON.stringify(messageFor(user, 'menu')),
      });
      assert.equal(forged.status, 401);
    } finally {
      await h.close();
    }
  });
});

describe('foundation: graceful shutdown', () => {
  it('finishes a turn in flight before closing', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = (bot: BotApplication) => {
      bot.intents.register('question', async (turn) => {
        await gate;
        await turn.send('xong');
      });
    };
    const h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [slow] });
    const user = h.user(staff.email);
    const pending = user.post(messageFor(user, 'một câu hỏi chậm'));
    while (h.server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = h.server.close();
    setTimeout(release, 50);
    const res = await pending;
    await closing;
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.replies.map((r) => r.text),
      ['xong'],
    );
    await h.connector.stop();
    await h.db.dispose();
  });
});
