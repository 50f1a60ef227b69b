// Linking a Zalo account: the code comes from Teams ("liên kết Zalo"), is stored hashed, expires, works
// once, and wrong attempts are rate-limited; a phone number or email typed on Zalo proves nothing.
import assert from 'node:assert/strict';
import { allText } from './helpers/bot-harness.js';
import { FakeZalo, type ZaloHarness, startZaloTestBot, stopZaloTestBot } from './helpers/fake-zalo.js';
import { TEST_PEOPLE } from './helpers/test-directory.js';
import { ZaloLinkService, MAX_FAILED_ATTEMPTS } from '../services/zalo/zalo-link-service.js';
import { sha256Hex } from '../services/zalo/zalo-crypto.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const head = TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!;

function codeIn(text: string): string {
  const m = /Mã liên kết Zalo của anh\/chị: ([A-Z0-9]{8})/.exec(text);
  assert.ok(m, `no code in: ${text}`);
  return m[1];
}

async function zaloAccounts(z: ZaloHarness, externalId: string): Promise<{ email: string }[]> {
  return z.db.dataSource.query(
    `SELECT o.email FROM channel_account ca JOIN officer o ON o.id = ca.officer_id WHERE ca.channel = 'zalo_oa' AND ca.external_user_id = $1`,
    [externalId],
  );
}

async function officerId(z: ZaloHarness, email: string): Promise<string> {
  const [row] = await z.db.dataSource.query(`SELECT id FROM officer WHERE email = $1`, [email]);
  return row.id;
}

describe('zalo: linking accounts', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => (z = await startZaloTestBot(fake)));
  after(() => stopZaloTestBot(z, fake));

  it('never takes a phone number or an email typed on Zalo as proof', async () => {
    const user = z.oaUser('7000000000000000001');
    const replies = await user.say(`Tôi là ${staff.name}, email ${staff.email}, số điện thoại 0912345678`);
    assert.equal(replies.length, 1);
    assert.match(replies[0].text, /LIÊN KẾT <mã>/);
    assert.deepEqual(await zaloAccounts(z, user.userId), []);
    assert.match((await user.say('menu'))[0].text, /liên kết tài khoản Zalo/, 'still the onboarding message');
  });

  it('gives a code on Teams that links the Zalo account once, typed without accents', async () => {
    const teams = z.h.user(staff.email);
    const text = allText(await teams.say('liên kết Zalo'));
    const code = codeIn(text);
    assert.match(text, /hiệu lực 10 phút/);
    const rows = await z.db.dataSource.query(`SELECT code_hash FROM zalo_link_code`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].code_hash, sha256Hex(code), 'only the hash is stored');
    assert.ok(!JSON.stringify(rows).includes(code));

    const user = z.oaUser('7000000000000000002');
    const replies = await user.say(`lien ket ${code.toLowerCase()}`);
    assert.equal(replies.length, 1);
    assert.match(replies[0].text, new RegExp(`Đã liên kết tài khoản Zalo này với cán bộ ${staff.name}`));
    assert.deepEqual(await zaloAccounts(z, user.userId), [{ email: staff.email }]);

    // Now the whole bot answers: the menu, as text with typed commands and at most three buttons.
    const [menu] = await user.say('menu');
    assert.match(menu.text, /Tôi có thể giúp gì\?/);
    assert.ok(menu.buttons.length > 0 && menu.buttons.length <= 3);
    for (const b of menu.buttons) {
      assert.equal(b.type, 'oa.query.show');
      assert.ok(menu.text.includes(b.payload), `the command "${b.payload}" is written in the text`);
    }
    assert.ok(!/[*_`<>]{2}|<\/?b>/.test(menu.text), 'no markup');

    // The same code a second time, from another Zalo account: refused.
    const other = z.oaUser('7000000000000000003');
    assert.match((await other.say(`LIÊN KẾT ${code}`))[0].text, /không đúng, đã hết hạn hoặc đã được dùng/);
    assert.deepEqual(await zaloAccounts(z, other.userId), []);
  });

  it('refuses an expired code and a code replaced by a newer one', async () => {
    const links = new ZaloLinkService(z.db.dataSource);
    const id = await officerId(z, head.email);
    const expired = await links.issue(id, 10);
    await z.db.dataSource.query(`UPDATE zalo_link_code SET expires_at = now() - interval '1 second' WHERE code_hash = $1`, [
      sha256Hex(expired),
    ]);
    const user = z.oaUser('7000000000000000004');
    assert.match((await user.say(`LIÊN KẾT ${expired}`))[0].text, /đã hết hạn/);

    const first = await links.issue(id, 10);
    const second = await links.issue(id, 10);
    assert.match((await user.say(`LIÊN KẾT ${first}`))[0].text, /đã hết hạn hoặc đã được dùng/, 'a newer code replaces the older one');
    assert.match((await user.say(`Liên Kết ${second}`))[0].text, new RegExp(head.name));
    assert.deepEqual(await zaloAccounts(z, user.userId), [{ email: head.email }]);
  });

  it('rate-limits wrong codes per Zalo user, even when the next one is right', async () => {
    const links = new ZaloLinkService(z.db.dataSource);
    const good = await links.issue(await officerId(z, head.email), 10);
    const user = z.oaUser('7000000000000000005');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      assert.match((await user.say(`LIÊN KẾT WRONG${i}AB`))[0].text, /không đúng/);
    }
    assert.match((await user.say(`LIÊN KẾT ${good}`))[0].text, /quá nhiều lần/);
    assert.deepEqual(await zaloAccounts(z, user.userId), []);
    const [row] = await z.db.dataSource.query(`SELECT used_at FROM zalo_link_code WHERE code_hash = $1`, [sha256Hex(good)]);
    assert.equal(row.used_at, null, 'the right code was not spent by a rate-limited attempt');
    // Another Zalo user is not affected.
    const other = z.oaUser('7000000000000000006');
    assert.match((await other.say(`LIÊN KẾT ${good}`))[0].text, new RegExp(head.name));
  });

  it('does not hand out codes on Zalo itself', async () => {
    const user = z.oaUser('7000000000000000002');
    const [reply] = await user.say('liên kết zalo');
    assert.match(reply.text, new RegExp(`đã được liên kết với cán bộ ${staff.name}`));
  });

  it('links on the Bot Platform the same way', async () => {
    const code = codeIn(allText(await z.h.user(staff.email).say('lien ket zalo')));
    const user = z.botUser('bot-user-1');
    assert.match((await user.say('xin chào'))[0], /LIÊN KẾT <mã>/);
    assert.match((await user.say(`LIÊN KẾT ${code}`))[0], new RegExp(staff.name));
    assert.match((await user.say('hướng dẫn')).join('\n'), /Trợ lý Đổi mới giúp anh\/chị/);
  });

  it('tells a linked officer who left the directory whom to contact, and nothing else', async () => {
    const user = z.oaUser('7000000000000000006');
    await z.db.dataSource.query(`UPDATE officer SET active = false WHERE email = $1`, [head.email]);
    try {
      const replies = await user.say('menu');
      assert.equal(replies.length, 1);
      assert.match(replies[0].text, /ngừng hoạt động trong danh bạ/);
    } finally {
      await z.db.dataSource.query(`UPDATE officer SET active = true WHERE email = $1`, [head.email]);
    }
  });
});
