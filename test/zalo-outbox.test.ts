// Sending on Zalo through the outbox against a loopback fake: encrypted tokens, refresh and retry on
// -216, one refresh across processes, back-off on -32, fallback or hold on -230, plain text on -233,
// other errors retried, long texts split, cards as text plus buttons, and a crash between inbox and turn.
import assert from 'node:assert/strict';
import type { BotApplication } from '../bot/app.js';
import { registerFeatures } from '../bot/features.js';
import { Officer } from '../entities/officer.entity.js';
import { IdentityService } from '../services/directory/identity-service.js';
import { decryptSecret } from '../services/zalo/zalo-crypto.js';
import { loadZaloConfig } from '../services/zalo/zalo-config.js';
import type { FallbackDelivery } from '../services/zalo/zalo-outbox-service.js';
import { listUndeliveredZaloMessages } from '../services/zalo/zalo-outbox-undelivered.js';
import { ZaloTokenStore } from '../services/zalo/zalo-token-store.js';
import { FakeZalo, startZaloHarness, TEST_OA_APP_ID, zaloEnv, type ZaloHarness } from './helpers/fake-zalo.js';
import { openTestDatabase } from './helpers/test-database.js';
import { ZaloRuntime } from '../bot/zalo/zalo-runtime.js';
import { InProcessConversationLock } from '../services/state/conversation-lock.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const ZALO_USER = '8000000000000000001';
const BOT_USER = 'b0t0user0000000001';

const SENTENCE = 'Kế hoạch cần nêu rõ mục tiêu, nội dung, tiến độ và nguồn lực thực hiện. ';
const LONG = SENTENCE.repeat(60).trim();

/** Test feature: typed commands for a long text, markup and a card with five actions. */
function testCommands(bot: BotApplication): void {
  bot.commands.register('test.long', async () => LONG, 'own');
  bot.commands.registerText({ keywords: ['văn bản dài'], verb: 'test.long', parse: () => ({}) });
  bot.commands.register(
    'test.markup',
    async () => '**Lưu ý:** xem `Điều 7` tại [Nghị định 73](https://vanban.chinhphu.vn/nd73) <b>ngay</b>.',
    'own',
  );
  bot.commands.registerText({ keywords: ['định dạng'], verb: 'test.markup', parse: () => ({}) });
  bot.commands.register(
    'test.card',
    async () => ({
      title: 'Đề xuất ĐX-2026-0007 chờ anh/chị quyết định',
      body: ['Chọn một việc.'],
      actions: [
        { title: 'Duyệt', verb: 'test.pick', command: 'CHỌN 1' },
        { title: 'Trả lại', verb: 'test.pick', command: 'CHỌN 2' },
        { title: 'Từ chối', verb: 'test.pick', command: 'CHỌN 3' },
        { title: 'Hội đồng', verb: 'test.pick', command: 'CHỌN 4' },
        { title: 'Tải kế hoạch', verb: 'test.pick', command: 'CHỌN 5' },
      ],
    }),
    'own',
  );
  bot.commands.registerText({ keywords: ['thẻ thử'], verb: 'test.card', parse: () => ({}) });
  bot.commands.register('test.pick', async (_turn, data) => `Đã chọn ${String(data.index)}.`, 'own');
  bot.commands.registerText({
    keywords: ['chọn'],
    verb: 'test.pick',
    parse: (rest) => (/^\d$/.test(rest.trim()) ? { index: Number(rest.trim()) } : undefined),
  });
}

async function outboxRows(
  z: ZaloHarness,
): Promise<{ id: string; status: string; attempts: number; last_error_code: number | null; due_in: number; buttons: unknown }[]> {
  return z.db.dataSource.query(
    `SELECT id::text, status, attempts, last_error_code, EXTRACT(EPOCH FROM next_attempt_at - now())::float8 AS due_in, buttons
     FROM zalo_outbox ORDER BY id`,
  );
}

describe('zalo: sending through the outbox', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  let fallback: FallbackDelivery | undefined;
  const fallbackCalls: { officerId: string; text: string }[] = [];
  let officer: Officer;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({
      fake,
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        officer = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: staff.email });
        const identity = new IdentityService(db.dataSource);
        await identity.link(officer, { channel: 'zalo_oa', externalUserId: ZALO_USER });
        await identity.link(officer, { channel: 'zalo_bot', externalUserId: BOT_USER });
      },
      features: [registerFeatures, testCommands],
      fallback: (officerId, text) => (fallback ? fallback(officerId, text) : Promise.resolve(false)),
    });
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });
  beforeEach(async () => {
    fallback = undefined;
    fallbackCalls.length = 0;
    await z.runtime.idle();
    await z.db.dataSource.query(`DELETE FROM zalo_outbox`);
  });

  it('keeps the OA tokens encrypted at rest, bootstrapped from configuration', async () => {
    await z.oaUser(ZALO_USER).say('hướng dẫn');
    const [row] = await z.db.dataSource.query(`SELECT access_token_enc, refresh_token_enc, version FROM zalo_oa_token`);
    assert.ok(!row.access_token_enc.includes('access-0') && !row.refresh_token_enc.includes('refresh-0'));
    const key = loadZaloConfig(zaloEnv(fake)).oa!.encryptionKey;
    assert.equal(decryptSecret(key, row.access_token_enc, `zalo_oa_token:${loadZaloConfig(zaloEnv(fake)).oa!.appId}:access`), 'access-0');
    assert.throws(() => decryptSecret(Buffer.alloc(32, 1), row.access_token_enc, 'x'), /cannot be decrypted/);
  });

  it('-216: refreshes the token (form body, secret_key header), persists the new pair and retries once', async () => {
    fake.expireAccessTokens();
    const oauthBefore = fake.callsOf('oauth').length;
    // A one-message answer: the help grows with every feature and may take two messages.
    const replies = await z.oaUser(ZALO_USER).say('CHỌN 1');
    assert.equal(replies.length, 1);
    assert.equal(replies[0].accessToken, 'access-1');
    const oauth = fake.callsOf('oauth').slice(oauthBefore);
    assert.equal(oauth.length, 1);
    assert.equal(oauth[0].headers.secret_key, 'test-app-secret-not-real');
    assert.match(String(oauth[0].headers['content-type']), /application\/x-www-form-urlencoded/);
    assert.deepEqual(oauth[0].body, { refresh_token: 'refresh-0', app_id: '360846524940903967', grant_type: 'refresh_token' });
    const [row] = await z.db.dataSource.query(
      `SELECT version, expires_at > now() + interval '24 hours' AS long_lived, refresh_token_enc FROM zalo_oa_token`,
    );
    assert.equal(row.version, 2);
    assert.equal(row.long_lived, true, 'expires_in "90000" read as seconds');
    const key = loadZaloConfig(zaloEnv(fake)).oa!.encryptionKey;
    assert.equal(decryptSecret(key, row.refresh_token_enc, 'zalo_oa_token:360846524940903967:refresh'), 'refresh-1');
    const [out] = await outboxRows(z);
    assert.equal(out.status, 'sent');
  });

  it('refreshes ahead of expiry, and one refresh at a time across processes', async () => {
    await z.db.dataSource.query(`UPDATE zalo_oa_token SET expires_at = now() + interval '1 minute'`);
    const config = loadZaloConfig(zaloEnv(fake)).oa!;
    const oauthBefore = fake.callsOf('oauth').length;
    // Two "processes" find the token about to expire at the same time.
    const [a, b] = await Promise.all([
      new ZaloTokenStore(z.db.dataSource, config).accessToken(),
      new ZaloTokenStore(z.db.dataSource, config).accessToken(),
    ]);
    assert.equal(fake.callsOf('oauth').length - oauthBefore, 1, 'one refresh');
    assert.equal(a.token, b.token);
    assert.equal(a.token, 'access-2');
    const replies = await z.oaUser(ZALO_USER).say('hướng dẫn');
    assert.equal(replies[0].accessToken, 'access-2');
    assert.equal(fake.callsOf('oauth').length - oauthBefore, 1, 'the fresh token is used without another refresh');
  });

  it('keeps using a token that expires soon when the early refresh fails', async () => {
    await z.db.dataSource.query(`UPDATE zalo_oa_token SET expires_at = now() + interval '5 minutes'`);
    const [{ version }] = await z.db.dataSource.query(`SELECT version FROM zalo_oa_token`);
    const current = [...fake.validAccessTokens][0];
    fake.oauthDown = true;
    try {
      const replies = await z.oaUser(ZALO_USER).say('CHỌN 1');
      assert.deepEqual(
        replies.map((r) => [r.text, r.accessToken]),
        [['Đã chọn 1.', current]],
      );
    } finally {
      fake.oauthDown = false;
    }
    const [row] = await z.db.dataSource.query(`SELECT version, refresh_lease_until FROM zalo_oa_token`);
    assert.deepEqual(row, { version, refresh_lease_until: null }, 'the lease is released, the pair unchanged');
  });

  it('-216 that persists after the refresh: the message is kept and retried, not lost', async () => {
    fake.oaFailNext(-216, 2);
    const replies = await z.oaUser(ZALO_USER).say('CHỌN 1');
    assert.equal(replies.length, 0);
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'pending');
    assert.equal(row.last_error_code, -216);
    await z.db.dataSource.query(`UPDATE zalo_outbox SET next_attempt_at = now()`);
    await z.runtime.idle();
    assert.equal((await outboxRows(z))[0].status, 'sent');
  });

  it('-32: backs off, keeps later messages to the same user in order, then sends', async () => {
    fake.oaFailNext(-32);
    const before = fake.callsOf('oa').length;
    await z.oaUser(ZALO_USER).say('CHỌN 1');
    await z.oaUser(ZALO_USER).say('CHỌN 2');
    assert.equal(fake.callsOf('oa').length - before, 1, 'nothing more is sent while backing off');
    const rows = await outboxRows(z);
    assert.equal(rows[0].status, 'pending');
    assert.equal(rows[0].last_error_code, -32);
    assert.ok(rows[0].due_in > 20, `backs off (due in ${rows[0].due_in}s)`);
    assert.equal(rows[1].status, 'pending');
    await z.db.dataSource.query(`UPDATE zalo_outbox SET next_attempt_at = now()`);
    await z.runtime.idle();
    const sent = fake.oaDelivered(ZALO_USER).slice(-2);
    assert.equal(sent[0].text, 'Đã chọn 1.');
    assert.equal(sent[1].text, 'Đã chọn 2.');
  });

  it('-230: delivers through the fallback channel when the officer has one', async () => {
    fallback = async (officerId, text) => {
      fallbackCalls.push({ officerId, text });
      return true;
    };
    fake.oaFailNext(-230);
    await z.oaUser(ZALO_USER).say('CHỌN 1');
    assert.deepEqual(fallbackCalls, [{ officerId: officer.id, text: 'Đã chọn 1.' }]);
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'fallback');
    assert.equal(row.last_error_code, -230);
  });

  it('-232 without another channel: held, visible to Home Affairs, sent when the officer writes again', async () => {
    fake.oaFailNext(-232);
    await z.oaUser(ZALO_USER).say('CHỌN 3');
    let [row] = await outboxRows(z);
    assert.equal(row.status, 'held');
    const undelivered = await listUndeliveredZaloMessages(z.db.dataSource);
    assert.equal(undelivered.length, 1);
    assert.equal(undelivered[0].status, 'held');
    assert.equal(undelivered[0].officerName, staff.name);
    assert.equal(undelivered[0].unitName, 'Phòng Quản lý khoa học');
    assert.equal(undelivered[0].lastErrorCode, -232);
    // Nothing is retried on its own while the window is closed.
    await z.runtime.idle();
    assert.equal((await outboxRows(z))[0].status, 'held');

    const replies = await z.oaUser(ZALO_USER).say('CHỌN 4');
    assert.deepEqual(
      replies.map((r) => r.text),
      ['Đã chọn 3.', 'Đã chọn 4.'],
      'the held message first, then the answer',
    );
    [row] = await outboxRows(z);
    assert.equal(row.status, 'sent');
    assert.deepEqual(await listUndeliveredZaloMessages(z.db.dataSource), []);
  });

  it('-233: resends a message with buttons as plain text', async () => {
    fake.oaFailNext(-233);
    const before = fake.callsOf('oa').length;
    const replies = await z.oaUser(ZALO_USER).say('thẻ thử');
    const calls = fake.callsOf('oa').slice(before);
    assert.equal(calls.length, 2);
    assert.ok((calls[0].body.message as { attachment?: unknown }).attachment, 'first try with buttons');
    assert.equal((calls[1].body.message as { attachment?: unknown }).attachment, undefined, 'then plain text');
    assert.equal((calls[0].body.message as { text: string }).text, (calls[1].body.message as { text: string }).text);
    assert.equal(replies.length, 1);
    assert.match(replies[0].text, /CHỌN 5/, 'the commands are still in the text');
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'sent');
    assert.equal(row.buttons, null);
  });

  it('any other error: logged with its code, retried with back-off, finally sent', async () => {
    fake.oaFailNext(-124);
    await z.oaUser(ZALO_USER).say('CHỌN 1');
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'pending');
    assert.equal(row.last_error_code, -124);
    assert.ok(row.due_in > 0);
    await z.db.dataSource.query(`UPDATE zalo_outbox SET next_attempt_at = now()`);
    await z.runtime.idle();
    assert.equal((await outboxRows(z))[0].status, 'sent');
  });

  it('-213 (unfollowed) without another channel: held and visible; on following again delivered once, and the greeting says so', async () => {
    fake.oaFailNext(-213);
    await z.oaUser(ZALO_USER).say('CHỌN 2');
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'held');
    const undelivered = await listUndeliveredZaloMessages(z.db.dataSource);
    assert.deepEqual(
      undelivered.map((u) => [u.status, u.lastErrorCode, u.officerEmail]),
      [['held', -213, staff.email]],
    );

    const before = fake.oaDelivered(ZALO_USER).length;
    const follow = JSON.stringify({
      oa_id: '388613280878808645',
      follower: { id: ZALO_USER },
      user_id_by_app: '552172779717587730',
      event_name: 'follow',
      source: 'oa_profile',
      app_id: TEST_OA_APP_ID,
      timestamp: String(Date.now()),
    });
    assert.equal((await z.postOa(follow, z.signOa(follow))).status, 200);
    await z.settle();
    const after = fake
      .oaDelivered(ZALO_USER)
      .slice(before)
      .map((m) => m.text);
    assert.equal(after.filter((t) => t === 'Đã chọn 2.').length, 1, 'the held notice, once');
    assert.match(after.at(-1)!, /Xin chào[\s\S]*Có 1 tin nhắn gửi anh\/chị trong lúc anh\/chị chưa theo dõi/);
    assert.deepEqual(await listUndeliveredZaloMessages(z.db.dataSource), []);
  });

  it('splits a long text at sentence ends under 2000 characters', async () => {
    const replies = await z.oaUser(ZALO_USER).say('văn bản dài');
    assert.ok(replies.length >= 3);
    for (const r of replies) {
      assert.ok(r.text.length <= 2000, `${r.text.length} characters`);
      assert.ok(r.text.endsWith('thực hiện.'), 'ends at a sentence end');
    }
    assert.equal(replies.map((r) => r.text).join(' '), LONG);
    assert.equal(replies[0].replyTo !== undefined, true, 'each part answers the user message');
  });

  it('strips markup Zalo would show raw', async () => {
    const [reply] = await z.oaUser(ZALO_USER).say('định dạng');
    assert.equal(reply.text, 'Lưu ý: xem Điều 7 tại Nghị định 73 (https://vanban.chinhphu.vn/nd73) ngay.');
  });

  it('renders a card as text plus at most 3 buttons whose payload is a command written in the text; a tap runs it', async () => {
    const [card] = await z.oaUser(ZALO_USER).say('thẻ thử');
    // The title as written (sentence case), every command on one line.
    assert.match(card.text, /^Đề xuất ĐX-2026-0007 chờ anh\/chị quyết định/);
    assert.match(
      card.text,
      /Anh\/chị có thể gõ: “CHỌN 1” \(Duyệt\), “CHỌN 2” \(Trả lại\), “CHỌN 3” \(Từ chối\), “CHỌN 4” \(Hội đồng\), “CHỌN 5” \(Tải kế hoạch\)/,
    );
    assert.equal(card.buttons.length, 3);
    assert.deepEqual(
      card.buttons.map((b) => [b.title, b.type, b.payload]),
      [
        ['Duyệt', 'oa.query.show', 'CHỌN 1'],
        ['Trả lại', 'oa.query.show', 'CHỌN 2'],
        ['Từ chối', 'oa.query.show', 'CHỌN 3'],
      ],
    );
    for (let n = 1; n <= 5; n++) assert.ok(card.text.includes(`CHỌN ${n}`), `command ${n} written in the text`);
    // A tap on an oa.query.show button arrives as an ordinary user_send_text with the payload.
    const [answer] = await z.oaUser(ZALO_USER).say(card.buttons[1].payload);
    assert.equal(answer.text, 'Đã chọn 2.');
  });

  it('Bot Platform: text only, errors retried until sent', async () => {
    fake.botFailNext(429, 'Too Many Requests');
    const user = z.botUser(BOT_USER);
    assert.deepEqual(await user.say('thẻ thử'), []);
    const [row] = await outboxRows(z);
    assert.equal(row.status, 'pending');
    assert.equal(row.last_error_code, 429);
    assert.equal(row.buttons, null, 'no buttons on the Bot Platform');
    await z.db.dataSource.query(`UPDATE zalo_outbox SET next_attempt_at = now()`);
    await z.runtime.idle();
    const sent = fake.botDelivered(BOT_USER).at(-1)!;
    assert.match(sent.text, /“CHỌN 4” \(Hội đồng\)/);
  });
});

describe('zalo: a crash between receipt and processing', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();

  before(() => fake.start());
  after(() => fake.stop());

  it('loses nothing: a stored event is processed once by the next process, and an expired lease is taken over', async () => {
    const db = await openTestDatabase();
    try {
      await seedTestDirectory(db.dataSource);
      const officer = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: staff.email });
      await new IdentityService(db.dataSource).link(officer, { channel: 'zalo_oa', externalUserId: ZALO_USER });

      // Process 1 stores the event and dies before its worker runs.
      const first = await startZaloHarness({ fake, db, features: [registerFeatures, testCommands], startWorker: false });
      const user = first.oaUser(ZALO_USER);
      const raw = user.body('CHỌN 1', 'crash-msg-1');
      assert.equal((await first.postOa(raw, first.signOa(raw))).status, 200);
      // A second event that a crashed process had claimed (lease expired).
      const raw2 = user.body('CHỌN 2', 'crash-msg-2');
      assert.equal((await first.postOa(raw2, first.signOa(raw2))).status, 200);
      await first.close();
      const stored = await db.dataSource.query(`SELECT status, raw_body FROM zalo_inbox ORDER BY id`);
      assert.deepEqual(
        stored,
        [
          { status: 'pending', raw_body: raw },
          { status: 'pending', raw_body: raw2 },
        ],
        'the exact bytes are kept until processed',
      );
      await db.dataSource.query(
        `UPDATE zalo_inbox SET status = 'processing', attempts = 1, lease_until = now() - interval '1 second' WHERE message_id = 'crash-msg-2'`,
      );
      assert.equal(fake.callsOf('oa').length, 0, 'nothing was processed');

      // Process 2 starts and finishes the work, once.
      const second = await startZaloHarness({ fake, db, features: [registerFeatures, testCommands] });
      try {
        await second.runtime.idle();
        assert.deepEqual(
          fake.oaDelivered(ZALO_USER).map((m) => [m.text, m.replyTo]),
          [
            ['Đã chọn 1.', 'crash-msg-1'],
            ['Đã chọn 2.', 'crash-msg-2'],
          ],
        );
        const rows = await db.dataSource.query(`SELECT message_id, status, attempts FROM zalo_inbox ORDER BY id`);
        assert.deepEqual(rows, [
          { message_id: 'crash-msg-1', status: 'done', attempts: 1 },
          { message_id: 'crash-msg-2', status: 'done', attempts: 2 },
        ]);
        // A late replay of the same delivery changes nothing.
        assert.equal((await second.postOa(raw, second.signOa(raw))).body.duplicate, true);
        await second.runtime.idle();
        assert.equal(fake.oaDelivered(ZALO_USER).length, 2);
      } finally {
        await second.close();
      }
    } finally {
      await db.dispose();
    }
  });
});

describe('zalo: default fallback and retention', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({
      fake,
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        const officer = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: staff.email });
        await new IdentityService(db.dataSource).link(officer, { channel: 'zalo_oa', externalUserId: ZALO_USER });
      },
      features: [registerFeatures, testCommands],
    });
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });

  it('-230: without a configured hook, the message goes to the officer’s 1:1 Teams conversation', async () => {
    const teams = z.h.user(staff.email);
    await teams.say('menu'); // the bot now knows the officer's Teams conversation
    fake.oaFailNext(-230);
    await z.oaUser(ZALO_USER).say('CHỌN 5');
    const onTeams = z.h.connector.messages(teams.conversationId).map((a) => a.text);
    assert.ok(onTeams.includes('Đã chọn 5.'), JSON.stringify(onTeams));
    const [row] = await z.db.dataSource.query(`SELECT status, last_error_code FROM zalo_outbox`);
    assert.deepEqual(row, { status: 'fallback', last_error_code: -230 });
  });

  it('forgets processed deliveries and delivered messages after the retention period, keeps what is undelivered', async () => {
    await z.oaUser(ZALO_USER).say('CHỌN 1');
    await z.db.dataSource.query(
      `INSERT INTO zalo_outbox (channel, recipient_id, text, status, last_error_code) VALUES ('zalo_oa', $1, 'Giữ lại', 'held', -230)`,
      [ZALO_USER],
    );
    await z.db.dataSource.query(`UPDATE zalo_inbox SET received_at = now() - interval '31 days'`);
    await z.db.dataSource.query(`UPDATE zalo_outbox SET created_at = now() - interval '31 days'`);
    await z.runtime.purge();
    assert.deepEqual(await z.db.dataSource.query(`SELECT count(*)::int AS n FROM zalo_inbox`), [{ n: 0 }]);
    assert.deepEqual(await z.db.dataSource.query(`SELECT status FROM zalo_outbox`), [{ status: 'held' }]);
  });
});

describe('zalo: two workers on one inbox', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  before(() => fake.start());
  after(() => fake.stop());

  it('process every event exactly once, in order per user', async () => {
    const users = ['8100000000000000001', '8100000000000000002', '8100000000000000003', '8100000000000000004'];
    const z = await startZaloHarness({
      fake,
      startWorker: false,
      features: [registerFeatures, testCommands],
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        const officer = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: staff.email });
        for (const u of users) await new IdentityService(db.dataSource).link(officer, { channel: 'zalo_oa', externalUserId: u });
      },
    });
    const runtimes: ZaloRuntime[] = [];
    try {
      for (const u of users) {
        for (const n of [1, 2, 3]) {
          const raw = z.oaUser(u).body(`CHỌN ${n}`, `${u}-${n}`);
          assert.equal((await z.postOa(raw, z.signOa(raw))).status, 200);
        }
      }
      const config = loadZaloConfig(zaloEnv(fake));
      for (let i = 0; i < 2; i++) {
        runtimes.push(
          new ZaloRuntime({
            dataSource: z.db.dataSource,
            config,
            app: z.h.server.container.bot.app,
            lock: new InProcessConversationLock(),
            directoryContact: 'x',
            pollMs: 0,
          }),
        );
      }
      await Promise.all(runtimes.map((r) => r.start()));
      await Promise.all(runtimes.map((r) => r.idle()));
      for (const u of users) {
        assert.deepEqual(
          fake.oaDelivered(u).map((m) => [m.replyTo, m.text]),
          [1, 2, 3].map((n) => [`${u}-${n}`, `Đã chọn ${n}.`]),
        );
      }
      const [{ n }] = await z.db.dataSource.query(`SELECT count(*)::int AS n FROM zalo_inbox WHERE status = 'done' AND attempts = 1`);
      assert.equal(n, 12);
    } finally {
      await Promise.all(runtimes.map((r) => r.stop()));
      await z.close();
    }
  });
});
