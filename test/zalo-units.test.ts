// The pure parts of the Zalo channel: configuration, event parsing, rendering and encryption.
import assert from 'node:assert/strict';
import { loadZaloConfig, ZaloConfigError } from '../services/zalo/zalo-config.js';
import { parseBody, parseBotEvent, parseOaEvent } from '../services/zalo/zalo-events.js';
import { decryptSecret, encryptSecret } from '../services/zalo/zalo-crypto.js';
import { verifyBotSecret } from '../services/zalo/zalo-signature.js';
import { renderForZalo, splitText, stripMarkup } from '../bot/zalo/zalo-renderer.js';
import { bareLinkCode, parseLinkCommand } from '../services/zalo/zalo-link-command.js';
import { oaMessageBody } from '../services/zalo/zalo-oa-client.js';

const KEY = Buffer.alloc(32, 9).toString('base64');

describe('zalo: configuration', () => {
  it('is off when nothing is set, with the real hosts as defaults', () => {
    const c = loadZaloConfig({});
    assert.equal(c.oa, undefined);
    assert.equal(c.bot, undefined);
    const on = loadZaloConfig({ ZALO_OA_APP_ID: '1', ZALO_OA_SECRET_KEY: 's', ZALO_APP_SECRET: 'a', ZALO_TOKEN_ENCRYPTION_KEY: KEY });
    assert.equal(on.oa?.apiBaseUrl, 'https://openapi.zalo.me');
    assert.equal(on.oa?.oauthBaseUrl, 'https://oauth.zaloapp.com');
    assert.equal(on.oa?.encryptionKey.length, 32);
    const bot = loadZaloConfig({ ZALO_BOT_TOKEN: 't', ZALO_BOT_SECRET: 'secret-token' });
    assert.equal(bot.bot?.apiBaseUrl, 'https://bot-api.zaloplatforms.com');
  });

  it('names every wrong variable and never echoes a secret', () => {
    const secret = 'TOPSECRET-value-123';
    try {
      loadZaloConfig({ ZALO_OA_APP_ID: 'abc', ZALO_API_BASE_URL: `ftp://${secret}` });
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof ZaloConfigError);
      for (const name of ['ZALO_OA_APP_ID', 'ZALO_API_BASE_URL']) assert.match(err.message, new RegExp(name), name);
      assert.ok(!err.message.includes(secret));
    }
    try {
      loadZaloConfig({ ZALO_OA_APP_ID: '123', ZALO_OA_SECRET_KEY: secret, ZALO_TOKEN_ENCRYPTION_KEY: secret, ZALO_BOT_TOKEN: secret });
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof ZaloConfigError);
      for (const name of ['ZALO_APP_SECRET', 'ZALO_TOKEN_ENCRYPTION_KEY', 'ZALO_BOT_SECRET'])
        assert.match(err.message, new RegExp(name), name);
      assert.ok(!err.message.includes(secret));
    }
    assert.throws(() => loadZaloConfig({ ZALO_OA_SECRET_KEY: 'x' }), /ZALO_OA_SECRET_KEY: chỉ dùng cùng ZALO_OA_APP_ID/);
    assert.throws(
      () =>
        loadZaloConfig({
          ZALO_OA_APP_ID: '1',
          ZALO_OA_SECRET_KEY: 's',
          ZALO_APP_SECRET: 'a',
          ZALO_TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
        }),
      /ZALO_TOKEN_ENCRYPTION_KEY: phải là khóa 32 byte/,
    );
    assert.equal(
      loadZaloConfig({ ZALO_OA_APP_ID: '1', ZALO_OA_SECRET_KEY: 's', ZALO_APP_SECRET: 'a', ZALO_TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) }).oa
        ?.encryptionKey.length,
      32,
    );
  });
});

describe('zalo: events', () => {
  it('keeps ids sent as long numbers exact and reads non-text messages as such', () => {
    const e = parseOaEvent(
      parseBody(
        Buffer.from(
          '{"event_name":"user_send_text","app_id":360846524940903967,"sender":{"id":246845883529197922},"message":{"msg_id":"m1","text":"xin chào"},"timestamp":1699003881354}',
        ),
      ),
    );
    assert.equal(e.userId, '246845883529197922');
    assert.equal(e.appId, '360846524940903967');
    assert.equal(e.timestamp, '1699003881354');
    const image = parseOaEvent({ event_name: 'user_send_image', sender: { id: '5' }, message: { msg_id: 'm2' } });
    assert.equal(image.kind, 'message');
    assert.equal(image.nonText, true);
    assert.equal(parseOaEvent({ event_name: 'oa_send_text', sender: { id: '1' } }).kind, 'ignored');
    assert.equal(
      parseOaEvent({ event_name: 'user_submit_info', sender: { id: '1' }, info: { phone: '84912345678' } }).kind,
      'ignored',
      'submitted info is never identity',
    );
  });

  it('reads Bot Platform updates with or without the envelope, and ignores bots and groups as such', () => {
    const update = {
      event_name: 'message.text.received',
      message: { from: { id: 'u1' }, chat: { id: 'c1', chat_type: 'PRIVATE' }, text: 'hi', message_id: 'x' },
    };
    assert.deepEqual([parseBotEvent(update).chatId, parseBotEvent({ ok: true, result: update }).userId], ['c1', 'u1']);
    assert.equal(parseBotEvent({ ...update, message: { ...update.message, from: { id: 'b', is_bot: true } } }).kind, 'ignored');
    assert.equal(parseBotEvent({ ...update, message: { ...update.message, chat: { id: 'g', chat_type: 'GROUP' } } }).isGroup, true);
  });

  it('reads "LIÊN KẾT <mã>" with or without accents, not "liên kết Zalo"', () => {
    assert.equal(parseLinkCommand('LIÊN KẾT k7m2qx9p'), 'K7M2QX9P');
    assert.equal(parseLinkCommand('  lien ket   K7M2QX9P '), 'K7M2QX9P');
    assert.equal(parseLinkCommand('liên kết Zalo'), undefined);
    assert.equal(parseLinkCommand('tôi muốn liên kết K7M2QX9P'), undefined);
    // As people paste it: the template's brackets, a colon, no space, hyphens, any case.
    for (const typed of [
      'lien ket <2V38WKJQ>',
      'lien ket: 2V38WKJQ',
      'lienket 2v38wkjq',
      'Liên kết - 2V38-WKJQ',
      'LIÊN KẾT "2V38 WKJQ".',
    ]) {
      assert.equal(parseLinkCommand(typed), '2V38WKJQ', typed);
    }
    assert.equal(bareLinkCode('<2v38wkjq>'), '2V38WKJQ');
    assert.equal(bareLinkCode('2V38-WKJQ'), '2V38WKJQ');
    assert.equal(bareLinkCode('xin chào'), undefined);
    assert.equal(bareLinkCode('ĐX-2026-0001'), undefined);
  });
});

describe('zalo: rendering', () => {
  it('splits without sentence ends by words, and a word longer than a message hard', () => {
    const words = Array.from({ length: 700 }, (_, i) => `từ${i}`).join(' ');
    const parts = splitText(words);
    assert.ok(parts.every((p) => p.length <= 2000));
    assert.equal(parts.join(' '), words);
    assert.deepEqual(
      splitText('a'.repeat(4100)).map((p) => p.length),
      [2000, 2000, 100],
    );
    assert.deepEqual(splitText('  '), []);
  });

  it('keeps text that only looks like markup', () => {
    assert.equal(stripMarkup('Gửi: LIÊN KẾT <mã>; 2 < 3 và a_b_c, 5*3'), 'Gửi: LIÊN KẾT <mã>; 2 < 3 và a_b_c, 5*3');
    assert.equal(stripMarkup('# Tiêu đề\n<p>Đoạn</p><br/>&amp; hết'), 'Tiêu đề\nĐoạn\n\n& hết');
  });

  it('turns an Adaptive Card into text with buttons for actions that carry a command; none on the Bot Platform', () => {
    const activity = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: 'Phiếu biểu quyết' },
              { type: 'FactSet', facts: [{ title: 'Mã', value: 'ĐX-2026-0003' }] },
            ],
            actions: [
              { type: 'Action.Execute', title: 'Tán thành', data: { command: 'TÁN THÀNH ĐX-2026-0003' } },
              { type: 'Action.Execute', title: 'Xem', data: { proposalId: 'x' } },
              { type: 'Action.OpenUrl', title: 'Tải', url: 'https://example.invalid/f' },
            ],
          },
        },
      ],
    };
    const [oa] = renderForZalo(activity, 'zalo_oa');
    assert.match(
      oa.text,
      /^Phiếu biểu quyết\n• Mã: ĐX-2026-0003\nTải: https:\/\/example\.invalid\/f\n\nAnh\/chị có thể gõ: “TÁN THÀNH ĐX-2026-0003”$/,
    );
    assert.deepEqual(oa.buttons, [{ title: 'Tán thành', payload: 'TÁN THÀNH ĐX-2026-0003' }]);
    const [bot] = renderForZalo(activity, 'zalo_bot');
    assert.deepEqual(bot.buttons, []);
    assert.equal(bot.text, oa.text);
    assert.deepEqual(renderForZalo({ type: 'message', text: '   ' }, 'zalo_oa'), []);
  });

  it('writes the OA message body Zalo expects, with the reply id', () => {
    assert.deepEqual(
      oaMessageBody({
        userId: '246845883529197922',
        text: 'x',
        replyToMessageId: 'm1',
        buttons: [{ title: 'Duyệt', payload: 'DUYỆT ĐX-2026-0001' }],
      }),
      {
        recipient: { user_id: '246845883529197922', message_id: 'm1' },
        message: {
          text: 'x',
          attachment: {
            type: 'template',
            payload: { template_type: 'button', buttons: [{ title: 'Duyệt', type: 'oa.query.show', payload: 'DUYỆT ĐX-2026-0001' }] },
          },
        },
      },
    );
    assert.deepEqual(oaMessageBody({ userId: '1', text: 'y' }), { recipient: { user_id: '1' }, message: { text: 'y' } });
  });
});

describe('zalo: secrets', () => {
  it('encrypts with a fresh nonce, binds the context and detects tampering', () => {
    const key = Buffer.alloc(32, 3);
    const a = encryptSecret(key, 'token-value', 'app:access');
    assert.notEqual(a, encryptSecret(key, 'token-value', 'app:access'));
    assert.equal(decryptSecret(key, a, 'app:access'), 'token-value');
    assert.throws(() => decryptSecret(key, a, 'app:refresh'));
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    assert.throws(() => decryptSecret(key, `v1:${raw.toString('base64')}`, 'app:access'));
  });

  it('compares the Bot Platform secret exactly', () => {
    assert.equal(verifyBotSecret('abc-secret', 'abc-secret'), true);
    for (const wrong of ['abc-secreT', 'abc-secre', 'abc-secret ', '', undefined])
      assert.equal(verifyBotSecret(wrong, 'abc-secret'), false);
  });
});
