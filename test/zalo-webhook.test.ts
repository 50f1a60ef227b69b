// The Zalo webhooks over HTTP: the published signature vectors, every way a signature can be wrong,
// replays, the Bot Platform secret token, channels switched off, and ids beyond 2^53 kept exact.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyOaSignature, oaSignature } from '../services/zalo/zalo-signature.js';
import { parseJsonKeepingLongIntegers } from '../services/zalo/zalo-json.js';
import {
  FakeZalo,
  startZaloHarness,
  TEST_BOT_SECRET,
  TEST_OA_SECRET_KEY,
  zaloEnv,
  type ZaloHarness,
  startZaloTestBot,
  stopZaloTestBot,
} from './helpers/fake-zalo.js';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/zalo', name));
const PUBLISHED = {
  'oa-user_send_text.json': 'mac=23dd9dafb2fa1db4539b350494fd9a537cc6fc9668dcb33c85d96beda6d306ee',
  'oa-user_send_text-vi.json': 'mac=cd76172e4c5aad4c4f858ac6b6b99ec95f6a5cea8327cd2f9361898c1cc3fe12',
};

/** The published vectors are dated 1974 and 2018: the signature tests switch the time window off. */
const UNDATED = { ZALO_EVENT_MAX_AGE_SECONDS: '0' };

/** A fixture re-dated (and so re-signed by the caller); the timestamp is part of what the signature covers. */
function redated(raw: Buffer, timestamp: number): Buffer {
  return Buffer.from(raw.toString('utf8').replace(/"timestamp":"\d+"/, `"timestamp":"${timestamp}"`));
}

async function inboxCount(z: ZaloHarness): Promise<number> {
  const [{ n }] = await z.db.dataSource.query(`SELECT count(*)::int AS n FROM zalo_inbox`);
  return n;
}

describe('zalo: signature vectors', () => {
  for (const [name, mac] of Object.entries(PUBLISHED)) {
    it(`${name} verifies with the published mac over the stored bytes`, () => {
      const raw = fixture(name);
      const body = JSON.parse(raw.toString('utf8')) as { app_id: string; timestamp: string };
      assert.equal(raw.length, name.endsWith('-vi.json') ? 269 : 263);
      assert.equal(`mac=${oaSignature(body.app_id, raw, body.timestamp, TEST_OA_SECRET_KEY)}`, mac);
      assert.equal(verifyOaSignature(mac, raw, { appId: body.app_id, timestamp: body.timestamp }, TEST_OA_SECRET_KEY), true);
      assert.equal(
        verifyOaSignature(
          mac.toUpperCase().replace('MAC=', 'mac='),
          raw,
          { appId: body.app_id, timestamp: body.timestamp },
          TEST_OA_SECRET_KEY,
        ),
        true,
      );
      assert.equal(
        verifyOaSignature(mac.slice(4), raw, { appId: body.app_id, timestamp: body.timestamp }, TEST_OA_SECRET_KEY),
        false,
        'no mac= prefix',
      );
      assert.equal(verifyOaSignature(mac, raw, { appId: body.app_id, timestamp: body.timestamp }, 'another secret'), false);
      assert.equal(verifyOaSignature(mac, raw, { appId: '1', timestamp: body.timestamp }, TEST_OA_SECRET_KEY), false, 'another app id');
      assert.equal(verifyOaSignature(mac, raw, { appId: body.app_id, timestamp: undefined }, TEST_OA_SECRET_KEY), false);
    });
  }

  it('keeps integer literals beyond 2^53 exact', () => {
    const parsed = parseJsonKeepingLongIntegers(
      '{"a":246845883529197922,"b":"x\\"1234567890123456789","c":12,"d":-98765432109876543210,"e":1.5}',
    ) as Record<string, unknown>;
    assert.deepEqual(parsed, { a: '246845883529197922', b: 'x"1234567890123456789', c: 12, d: '-98765432109876543210', e: 1.5 });
  });
});

describe('zalo: webhooks over HTTP', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => (z = await startZaloTestBot(fake, UNDATED)));
  after(() => stopZaloTestBot(z, fake));

  it('accepts the published vector, stores the event, answers 200 and greets the unlinked user with the onboarding message', async () => {
    const raw = fixture('oa-user_send_text.json');
    const res = await z.postOa(raw, PUBLISHED['oa-user_send_text.json']);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { ok: true });
    const [row] = await z.db.dataSource.query(`SELECT channel, dedup_key, user_id, message_id FROM zalo_inbox`);
    assert.equal(row.channel, 'zalo_oa');
    assert.equal(row.dedup_key, 'msg:96d3cdf3af150460909');
    assert.equal(row.user_id, '246845883529197922', 'an id beyond 2^53 stays exact');
    await z.runtime.idle();
    const [processed] = await z.db.dataSource.query(`SELECT status, raw_body FROM zalo_inbox`);
    assert.deepEqual(processed, { status: 'done', raw_body: '' }, 'the message text is not kept once processed');
    const sent = fake.oaDelivered('246845883529197922');
    assert.equal(sent.length, 1);
    assert.match(sent[0].text, /LIÊN KẾT <mã>/);
    assert.match(sent[0].text, /liên kết Zalo/);
    assert.equal(sent[0].replyTo, '96d3cdf3af150460909', 'the reply carries the user message id');
    assert.equal(sent[0].accessToken, 'access-0');
  });

  it('acknowledges a replayed delivery and processes it only once', async () => {
    const raw = fixture('oa-user_send_text.json');
    const before = fake.callsOf('oa').length;
    const res = await z.postOa(raw, PUBLISHED['oa-user_send_text.json']);
    assert.equal(res.status, 200);
    assert.equal(res.body.duplicate, true);
    await z.runtime.idle();
    assert.equal(await inboxCount(z), 1);
    assert.equal(fake.callsOf('oa').length, before, 'no second answer');
  });

  it('refuses a tampered body, a re-serialised body, a header without mac=, a missing header and another app id, storing nothing', async () => {
    const before = await inboxCount(z);
    const raw = fixture('oa-user_send_text-vi.json');
    const retargeted = Buffer.from(
      raw.toString('utf8').replace('2553928453557884079', '360846524940903967').replace('cb31dff1c39642cc1b83', 'cb31dff1c39642cc1b84'),
    );
    const good = z.signOa(retargeted);
    assert.equal((await z.postOa(retargeted, good)).status, 200, 'the control case passes');
    await z.runtime.idle();

    const tampered = Buffer.from(retargeted.toString('utf8').replace('Chào A4B', 'Chào A4C'));
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(retargeted.toString('utf8')), null, 1));
    const reordered = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(retargeted.toString('utf8'))).reverse())));
    const ascii = Buffer.from(retargeted.toString('utf8').replace('Chào', 'Ch\\u00e0o'));
    for (const [label, body, sig] of [
      ['tampered', tampered, good],
      ['re-serialised', reserialised, good],
      ['re-ordered', reordered, good],
      ['escaped differently', ascii, good],
      ['no mac= prefix', retargeted, good.slice(4)],
      ['empty', retargeted, ''],
      ['missing', retargeted, undefined],
      ['short', retargeted, good.slice(0, 40)],
      ['not json', Buffer.from('hello'), good],
      ['fixture of another app', raw, PUBLISHED['oa-user_send_text-vi.json']],
    ] as const) {
      const res = await z.postOa(body, sig);
      assert.equal(res.status, 401, label);
    }
    assert.equal(await inboxCount(z), before + 1, 'only the control case was stored');
  });

  it('de-duplicates events without a message id (follow) by their exact body, and greets a follower', async () => {
    const follow = JSON.stringify({
      oa_id: '388613280879808645',
      follower: { id: '24684588352919799' },
      user_id_by_app: '552172779717587730',
      event_name: 'follow',
      source: 'oa_profile',
      app_id: '360846524940903967',
      timestamp: '154397978274',
    });
    const before = await inboxCount(z);
    assert.equal((await z.postOa(follow, z.signOa(follow))).status, 200);
    const replay = await z.postOa(follow, z.signOa(follow));
    assert.equal(replay.status, 200);
    assert.equal(replay.body.duplicate, true);
    assert.equal(await inboxCount(z), before + 1);
    const [row] = await z.db.dataSource.query(`SELECT dedup_key FROM zalo_inbox WHERE event_name = 'follow'`);
    assert.match(row.dedup_key, /^body:[0-9a-f]{64}$/);
    await z.runtime.idle();
    const sent = fake.oaDelivered('24684588352919799');
    assert.equal(sent.length, 1);
    assert.match(sent[0].text, /liên kết tài khoản Zalo/);
  });

  it('stores receipts and echoes without acting on them', async () => {
    const seen = JSON.stringify({
      app_id: '360846524940903967',
      event_name: 'user_seen_message',
      sender: { id: '246845883529197922' },
      recipient: { id: '1' },
      message: { msg_ids: ['a'] },
      timestamp: '1700000000000',
    });
    const before = fake.calls.length;
    assert.equal((await z.postOa(seen, z.signOa(seen))).status, 200);
    await z.runtime.idle();
    const [row] = await z.db.dataSource.query(`SELECT status, raw_body FROM zalo_inbox WHERE event_name = 'user_seen_message'`);
    assert.deepEqual(row, { status: 'ignored', raw_body: '' });
    assert.equal(fake.calls.length, before);
  });

  it('checks the Bot Platform secret token, stores the update once and answers through sendMessage', async () => {
    const raw = fixture('bot-message.text.received.json');
    const before = await inboxCount(z);
    for (const secret of [undefined, '', 'wrong-secret-token', `${TEST_BOT_SECRET}x`, TEST_BOT_SECRET.slice(1)]) {
      assert.equal((await z.postBot(raw, secret)).status, 401, String(secret));
    }
    assert.equal(await inboxCount(z), before);
    assert.equal((await z.postBot(raw, TEST_BOT_SECRET)).status, 200);
    assert.equal((await z.postBot(raw, TEST_BOT_SECRET)).body.duplicate, true);
    await z.runtime.idle();
    assert.equal(await inboxCount(z), before + 1);
    const sent = fake.botDelivered('6ede9afa66b88fe6d6a9');
    assert.equal(sent.length, 1);
    assert.match(sent[0].text, /LIÊN KẾT <mã>/);
    const call = fake.callsOf('bot').at(-1)!;
    assert.deepEqual(Object.keys(call.body).sort(), ['chat_id', 'text']);
  });

  it('refuses a body larger than any Zalo event with 413', async () => {
    const big = JSON.stringify({ event_name: 'user_send_text', pad: 'x'.repeat(300 * 1024) });
    assert.equal((await z.postOa(big, z.signOa(big))).status, 413);
  });
});

describe('zalo: channels not configured', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  before(async () => {
    await fake.start();
    z = await startZaloHarness({ fake, env: {} });
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });

  it('answers 404 on both webhooks', async () => {
    const raw = fixture('oa-user_send_text.json');
    assert.equal((await z.postOa(raw, PUBLISHED['oa-user_send_text.json'])).status, 404);
    assert.equal((await z.postBot(fixture('bot-message.text.received.json'), TEST_BOT_SECRET)).status, 404);
    assert.equal(await inboxCount(z), 0);
  });

  it('switches on only the channel that is configured', async () => {
    const env = zaloEnv(fake, UNDATED);
    const { ZALO_BOT_TOKEN: _t, ZALO_BOT_SECRET: _s, ...oaOnly } = env;
    const only = await startZaloHarness({ fake, env: oaOnly });
    try {
      assert.equal((await only.postBot(fixture('bot-message.text.received.json'), TEST_BOT_SECRET)).status, 404);
      assert.equal((await only.postOa(fixture('oa-user_send_text.json'), PUBLISHED['oa-user_send_text.json'])).status, 200);
    } finally {
      await only.close();
    }
  });
});

describe('zalo: the OA event time window', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  // The default window (ZALO_EVENT_MAX_AGE_SECONDS unset: one hour).
  before(async () => (z = await startZaloTestBot(fake)));
  after(() => stopZaloTestBot(z, fake));

  it('refuses a correctly signed event older or later than the window with 400, storing nothing; a fresh one passes', async () => {
    const hour = 3_600_000;
    for (const [label, body, sig] of [
      ['the published vector (signed in 1974)', fixture('oa-user_send_text.json'), PUBLISHED['oa-user_send_text.json']],
      ['two hours old', redated(fixture('oa-user_send_text.json'), Date.now() - 2 * hour), undefined],
      ['two hours ahead', redated(fixture('oa-user_send_text.json'), Date.now() + 2 * hour), undefined],
      [
        'a follow of 2018',
        Buffer.from(fixture('oa-follow.json').toString('utf8').replace('"36084652489903967"', '"360846524940903967"')),
        undefined,
      ],
    ] as const) {
      const res = await z.postOa(body, sig ?? z.signOa(body));
      assert.equal(res.status, 400, label);
      assert.deepEqual(res.body, { error: 'stale event' }, label);
    }
    assert.equal(await inboxCount(z), 0);

    const fresh = redated(fixture('oa-user_send_text.json'), Date.now() - 60_000);
    assert.equal((await z.postOa(fresh, z.signOa(fresh))).status, 200);
    await z.runtime.idle();
    assert.equal(await inboxCount(z), 1);
    assert.equal(fake.oaDelivered('246845883529197922').length, 1, 'the fresh event is answered');
  });

  it('still checks the signature first: a stale event with a bad signature is 401', async () => {
    const old = fixture('oa-user_send_text.json');
    assert.equal((await z.postOa(old, z.signOa(Buffer.from('{}')))).status, 401);
  });
});
