// Zalo past the 7-day window: a notification Zalo refuses with -230 goes out as its kind's pre-approved
// template, by Zalo user id (OA `message/template`) or, for an officer with no Zalo account linked, by the
// directory's phone number (business API `message/template`, phone as 84…, tracking_id). Without a
// template for the kind, the message is held as before. Against the loopback Zalo fake, over HTTP.
import assert from 'node:assert/strict';
import type { BotApplication } from '../bot/app.js';
import type { Container } from '../bot/container.js';
import { registerFeatures } from '../bot/features.js';
import { Officer } from '../entities/officer.entity.js';
import { IdentityService } from '../services/directory/identity-service.js';
import { runWithNotices } from '../services/notifications/notifier.js';
import { loadZaloConfig } from '../services/zalo/zalo-config.js';
import { listUndeliveredZaloMessages } from '../services/zalo/zalo-outbox-undelivered.js';
import { zaloPhone } from '../services/zalo/zalo-template-config.js';
import { FakeZalo, startZaloHarness, zaloEnv, type ZaloHarness } from './helpers/fake-zalo.js';
import { seedTestDirectory } from './helpers/test-directory.js';

const STAFF_ZALO = '8000000000000000101';
const SENDER_ZALO = '8000000000000000102';
const TEMPLATES = {
  'obstacle.received': { templateId: '301777', params: { ten_can_bo: 'officer_name', noi_dung: 'summary' } },
  'test.notice': {
    templateId: '301234',
    params: { ten_can_bo: 'officer_name', ma_de_xuat: 'proposal_code', noi_dung: { source: 'summary', maxLength: 30 } },
  },
};

/** Test feature: "thông báo thử <email>" sends a notification of kind test.notice (or test.other) to that officer. */
function noticeCommand(bot: BotApplication, container: Container): void {
  container.notifier.registerRenderer(['test.notice', 'test.other'], async () => ({
    type: 'message',
    text: 'Đề xuất chờ anh/chị cho ý kiến trước hạn.\nChi tiết xem trong Trợ lý.',
  }));
  bot.commands.register(
    'test.notify',
    async (_turn, data) => {
      const officer = await container.dataSource.getRepository(Officer).findOneByOrFail({ email: String(data.email) });
      await runWithNotices(container.dataSource, container.notifier, async (_m, notify) =>
        notify({ officerId: officer.id, kind: String(data.kind), data: {} }),
      );
      return 'Đã gửi.';
    },
    'own',
  );
  bot.commands.registerText({
    keywords: ['thông báo thử'],
    verb: 'test.notify',
    parse: (rest) => {
      const [email, kind = 'test.notice'] = rest.trim().split(/\s+/);
      return email ? { email, kind, index: 1 } : undefined;
    },
  });
}

describe('zalo: template messages past the 7-day window', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  const ds = () => z.db.dataSource;
  const rows = () =>
    ds().query(
      `SELECT channel, recipient_id, status, route, last_error_code, notice_kind FROM zalo_outbox WHERE recipient_id <> $1 ORDER BY id`,
      [SENDER_ZALO],
    ) as Promise<
      {
        channel: string;
        recipient_id: string;
        status: string;
        route: string | null;
        last_error_code: number | null;
        notice_kind: string | null;
      }[]
    >;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({
      fake,
      env: zaloEnv(fake, { ZALO_TEMPLATES: JSON.stringify(TEMPLATES) }),
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        const identity = new IdentityService(db.dataSource);
        const repo = db.dataSource.getRepository(Officer);
        await identity.link(await repo.findOneByOrFail({ email: 'cv.qlkh@test.invalid' }), {
          channel: 'zalo_oa',
          externalUserId: STAFF_ZALO,
        });
        await identity.link(await repo.findOneByOrFail({ email: 'tp.qlkh@test.invalid' }), {
          channel: 'zalo_oa',
          externalUserId: SENDER_ZALO,
        });
        await db.dataSource.query(`UPDATE officer SET phone = '0912 345 678' WHERE email = 'gd.snv@test.invalid'`);
        await db.dataSource.query(`UPDATE officer SET phone = '0987654321' WHERE email = 'cv.qlkh@test.invalid'`);
      },
      features: [registerFeatures, noticeCommand],
      fallback: undefined,
    });
    // The staff member wrote once: the bot has their Zalo conversation.
    await z.oaUser(STAFF_ZALO).say('hướng dẫn');
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });
  beforeEach(async () => {
    await z.runtime.idle();
    await ds().query(`DELETE FROM zalo_outbox`);
    fake.calls.length = 0;
  });

  it('-230: sends the kind’s template by Zalo user id, with the configured parameter names', async () => {
    fake.oaFailNextFor(STAFF_ZALO, -230);
    await z.oaUser(SENDER_ZALO).say('thông báo thử cv.qlkh@test.invalid');
    const [call] = fake.callsOf('template_uid');
    assert.ok(call, 'a template message was sent');
    assert.equal(call.path, '/v3.0/oa/message/template');
    assert.equal(call.headers.access_token, 'access-0');
    assert.deepEqual(call.body, {
      user_id: STAFF_ZALO,
      template_id: '301234',
      template_data: { ten_can_bo: 'Nguyễn Thị Chuyên', ma_de_xuat: '', noi_dung: 'Đề xuất chờ anh/chị cho ý kiế…' },
    });
    assert.deepEqual(
      (await rows()).map((r) => [r.status, r.route, r.last_error_code, r.notice_kind]),
      [['sent', 'template_uid', -230, 'test.notice']],
    );
    assert.equal(fake.callsOf('template_phone').length, 0);
  });

  it('-230 and the user-id template refused: the phone template is tried; both refused: held as before', async () => {
    fake.oaFailNextFor(STAFF_ZALO, -230);
    fake.templateFailNext(-124);
    await z.oaUser(SENDER_ZALO).say('thông báo thử cv.qlkh@test.invalid');
    const [byPhone] = fake.callsOf('template_phone');
    assert.equal(byPhone.body.phone, '84987654321');
    assert.deepEqual(
      (await rows()).map((r) => [r.status, r.route]),
      [['sent', 'template_phone']],
    );

    fake.calls.length = 0;
    await ds().query(`DELETE FROM zalo_outbox`);
    fake.oaFailNextFor(STAFF_ZALO, -230);
    fake.templateFailNext(-124, 2);
    await z.oaUser(SENDER_ZALO).say('thông báo thử cv.qlkh@test.invalid');
    assert.equal(fake.callsOf('template_uid').length + fake.callsOf('template_phone').length, 2);
    assert.deepEqual(
      (await rows()).map((r) => [r.status, r.last_error_code]),
      [['held', -230]],
    );
  });

  it('no template for the kind: held as today, no template call', async () => {
    fake.oaFailNextFor(STAFF_ZALO, -230);
    await z.oaUser(SENDER_ZALO).say('thông báo thử cv.qlkh@test.invalid test.other');
    assert.equal(fake.callsOf('template_uid').length + fake.callsOf('template_phone').length, 0);
    assert.deepEqual(
      (await rows()).map((r) => r.status),
      ['held'],
    );
  });

  it('an officer with no Zalo account linked: the business API by phone number (84…) with a tracking id', async () => {
    await z.oaUser(SENDER_ZALO).say('thông báo thử gd.snv@test.invalid');
    const [call] = fake.callsOf('template_phone');
    assert.ok(call, 'sent by phone');
    assert.equal(call.path, '/message/template');
    assert.equal(call.body.phone, '84912345678');
    assert.equal(call.body.template_id, '301234');
    assert.match(String(call.body.tracking_id), /^zo-\d+$/);
    assert.deepEqual(Object.keys(call.body.template_data as object).sort(), ['ma_de_xuat', 'noi_dung', 'ten_can_bo']);
    const [row] = await rows();
    assert.deepEqual([row.channel, row.recipient_id, row.status, row.route], ['zalo_phone', '84912345678', 'sent', 'template_phone']);
    const [notice] = await ds().query(`SELECT state, channel FROM notification_outbox WHERE kind = 'test.notice' ORDER BY id DESC LIMIT 1`);
    assert.deepEqual(notice, { state: 'sent', channel: 'zalo_phone' });
  });

  it('the business API refuses the phone message: failed at once with Zalo’s code, listed for Home Affairs', async () => {
    fake.templateFailNext(-108);
    await z.oaUser(SENDER_ZALO).say('thông báo thử gd.snv@test.invalid');
    const [row] = await rows();
    assert.deepEqual([row.status, row.last_error_code], ['failed', -108]);
    const undelivered = await listUndeliveredZaloMessages(ds());
    assert.equal(undelivered[0]?.officerName, 'Lê Thị Nội');
    assert.equal(undelivered[0]?.channel, 'zalo_phone');
  });

  it('an expired token on the template call is refreshed once and the call retried', async () => {
    fake.templateFailNext(-216);
    await z.oaUser(SENDER_ZALO).say('thông báo thử gd.snv@test.invalid');
    const calls = fake.callsOf('template_phone');
    assert.deepEqual(
      calls.map((c) => c.answer.error),
      [-216, 0],
    );
    assert.equal(fake.callsOf('oauth').length, 1);
  });
});

describe('zalo: an obstacle report typed on Zalo reaches Home Affairs by template', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({
      fake,
      env: zaloEnv(fake, { ZALO_TEMPLATES: JSON.stringify(TEMPLATES) }),
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        const staff = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: 'cv.qlkh@test.invalid' });
        await new IdentityService(db.dataSource).link(staff, { channel: 'zalo_oa', externalUserId: STAFF_ZALO });
        await db.dataSource.query(`UPDATE officer SET phone = '0912345678' WHERE email = 'gd.snv@test.invalid'`);
      },
      fallback: undefined,
    });
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });

  it('"bao vuong mac" without diacritics runs the dialog; the Home Affairs head, not on Zalo, gets the template by phone', async () => {
    const user = z.oaUser(STAFF_ZALO);
    const texts = async (said: string) => (await user.say(said)).map((m) => m.text).join('\n');
    assert.match(await texts('bao vuong mac'), /mô tả khó khăn, vướng mắc/);
    assert.match(await texts('Chưa rõ ai chủ trì đánh giá khi đề xuất liên quan hai sở.'), /thuộc lĩnh vực nào/);
    assert.match(await texts('bỏ qua'), /văn bản, điều khoản nào/);
    assert.match(await texts('Điều 8'), /gửi đồng thời cho Phạm Văn Khoa/);
    assert.match(await texts('không'), /Đã ghi nhận vướng mắc VM-1 và chuyển đến Sở Nội vụ\./);
    const [row] = await z.db.dataSource.query(`SELECT channel, provision, head_id FROM obstacle_report`);
    assert.deepEqual(row, { channel: 'zalo_oa', provision: 'Điều 8', head_id: null });
    const [call] = fake.callsOf('template_phone');
    assert.ok(call, 'Home Affairs head reached by phone');
    assert.deepEqual(call.body.template_data, {
      ten_can_bo: 'Lê Thị Nội',
      noi_dung: 'Vướng mắc mới VM-1 khi áp dụng Nghị định 73 (Chưa nêu), do Nguyễn Thị Chuyên – Phòng Quản lý khoa h…',
    });
    assert.equal(call.body.template_id, '301777');
    assert.ok((call.body.template_data as { noi_dung: string }).noi_dung.length <= 100, 'cut to the default maximum length');
  });
});

describe('zalo: template configuration', () => {
  const base = { ZALO_API_BASE_URL: 'http://127.0.0.1:9', ZALO_OAUTH_BASE_URL: 'http://127.0.0.1:9' };
  const fake = { url: 'http://127.0.0.1:9' } as FakeZalo;

  it('names the variable and the path of each wrong value', () => {
    assert.throws(() => loadZaloConfig(zaloEnv(fake, { ...base, ZALO_TEMPLATES: '{oops' })), /ZALO_TEMPLATES: không phải JSON hợp lệ/);
    assert.throws(
      () =>
        loadZaloConfig(
          zaloEnv(fake, { ZALO_TEMPLATES: JSON.stringify({ 'decision.request': { templateId: 'abc', params: { ten: 'luong' } } }) }),
        ),
      (err: Error) =>
        /ZALO_TEMPLATES\.decision\.request\.templateId: templateId phải là dãy chữ số/.test(err.message) &&
        /ZALO_TEMPLATES\.decision\.request\.params\.ten: /.test(err.message),
    );
    const env = zaloEnv(fake, { ZALO_TEMPLATES: JSON.stringify(TEMPLATES) });
    delete (env as Record<string, string | undefined>).ZALO_OA_APP_ID;
    for (const k of ['ZALO_OA_SECRET_KEY', 'ZALO_OA_ACCESS_TOKEN', 'ZALO_OA_REFRESH_TOKEN'])
      delete (env as Record<string, string | undefined>)[k];
    assert.throws(() => loadZaloConfig(env), /ZALO_TEMPLATES: mẫu tin gửi qua Official Account: cần ZALO_OA_APP_ID/);
  });

  it('reads templates per kind and the business API address; phone numbers become 84…', () => {
    const config = loadZaloConfig(zaloEnv(fake, { ZALO_TEMPLATES: JSON.stringify(TEMPLATES) }));
    assert.equal(config.oa!.businessApiBaseUrl, 'http://127.0.0.1:9');
    assert.deepEqual(config.oa!.templates.get('test.notice')!.params[2], { name: 'noi_dung', source: 'summary', maxLength: 30 });
    assert.equal(loadZaloConfig(zaloEnv(fake)).oa!.templates.size, 0);
    assert.equal(zaloPhone('+84 912 345 678'), '84912345678');
    assert.equal(zaloPhone('0912.345.678'), '84912345678');
    assert.equal(zaloPhone('12345'), undefined);
  });
});
