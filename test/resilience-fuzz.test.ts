// Property-based fuzzing over HTTP (fast-check): random activity shapes, random texts (Vietnamese, emoji,
// control characters, very long), random card payloads (Action.Execute and Action.Submit data) and random
// Zalo events never get a 500, never a 501, and never stop the process.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { adaptiveCardActionActivity, messageActivity, submitActivity } from '../tools/chat/activity-factory.js';
import { startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';

const manager = TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!;
const ZALO_SECRET = 'fuzz-secret-0123456789';

/** Texts a person (or an attacker) might type. */
const vietnamese = fc.constantFrom(
  'tạo đề xuất',
  'hướng dẫn',
  'menu',
  'quay lại',
  'bỏ qua',
  'hủy',
  'có',
  'xem lại',
  'gửi đề xuất',
  'tiếp tục 1',
  'xóa nháp 1',
  'đề xuất của tôi',
  'việc chờ tôi',
  'Điều 7 Nghị định 73 quy định gì?',
  'DUYỆT',
  'TỪ CHỐI',
  'sửa phần b',
  'giữ nguyên',
  'Số hóa hồ sơ cấp giấy phép xây dựng tại Bộ phận một cửa cấp xã',
  '2',
  '01/02/2027',
  '150 triệu đồng',
);
const nastyText = fc.oneof(
  vietnamese,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '\u0000',
    '\u202e‮gnp.exe',
    '\ud800',
    '𝕿𝖊𝖘𝖙 👨‍👩‍👧‍👦',
    ' \t\r\n ',
    '%s%n%x',
    '${7*7}{{7*7}}',
    "'; DROP TABLE officer; --",
    '\\u0000',
  ),
  fc.tuple(vietnamese, fc.integer({ min: 1, max: 12_000 })).map(([t, n]) => t.repeat(Math.ceil(n / t.length)).slice(0, n)),
);

const ALLOWED = new Set([200, 400, 413, 503]);

async function post(h: BotHarness, body: string): Promise<number> {
  const res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

async function alive(h: BotHarness): Promise<void> {
  const res = await fetch(`${h.url}/healthz`);
  await res.arrayBuffer();
  assert.equal(res.status, 200);
}

describe('resilience: fuzzing activities, cards and Zalo events', function () {
  this.timeout(300_000);
  let h: BotHarness;
  let user: TestUser;
  before(async () => {
    // The Zalo Bot webhook, enabled for this server; its replies go to a port nobody listens on.
    h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: {
        ...PARTY_STEP_OFF_ENV,
        ZALO_BOT_TOKEN: 'fuzz-token',
        ZALO_BOT_SECRET: ZALO_SECRET,
        ZALO_BOT_API_BASE_URL: 'http://127.0.0.1:9',
      },
    });
    user = h.user(manager.email);
  });

  after(async () => {
    await h?.close();
  });

  it('random JSON bodies and broken activity shapes: 400, never 500', async () => {
    const base = messageActivity(user.session, 'hướng dẫn') as unknown as Record<string, unknown>;
    const field = fc.constantFrom(
      'type',
      'text',
      'from',
      'conversation',
      'serviceUrl',
      'channelId',
      'recipient',
      'value',
      'entities',
      'channelData',
      'attachments',
      'id',
      'locale',
      'timestamp',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.tuple(field, fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...base, id: `f${Math.random()}`, [k]: v })),
          fc.tuple(fc.subarray(Object.keys(base)), fc.jsonValue()).map(([drop, v]) => {
            const a: Record<string, unknown> = { ...base, extra: v };
            for (const k of drop) delete a[k];
            return JSON.stringify(a);
          }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        async (body) => {
          const status = await post(h, body);
          assert.ok(ALLOWED.has(status), `status ${status} for ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: 200 },
    );
    await alive(h);
  });

  it('random texts from a known officer, in and out of the wizard: 200 and an answer, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(nastyText, async (text) => {
        const { status, replies } = await user.post(messageActivity(user.session, text));
        assert.ok(status === 200 || status === 503, `status ${status} for ${JSON.stringify(text.slice(0, 80))}`);
        if (status === 200) assert.ok(replies.length >= 1, `an answer to ${JSON.stringify(text.slice(0, 80))}`);
      }),
      { numRuns: 200 },
    );
    await alive(h);
  });

  it('random Action.Execute verbs and data: an invoke answer (card or message), never 500 or 501', async () => {
    const verb = fc.oneof(
      fc.constantFrom(
        'menu.show',
        'menu.help',
        'menu.newProposal',
        'plan.resume',
        'plan.delete',
        'plan.deleteConfirmed',
        'plan.form',
        'plan.saveForm',
        'plan.review',
        'plan.edit',
        'plan.submit',
        'plan.download',
        'decision.approve',
        'decision.reject',
      ),
      fc.string({ maxLength: 40 }),
    );
    const data = fc.dictionary(
      fc.oneof(
        fc.constantFrom('proposalId', 'index', 'code', 'section', 'version', 'title', 'field', 'startDate', 'fundingAmount', 'comment'),
        fc.string({ maxLength: 20 }),
      ),
      fc.oneof(fc.jsonValue(), nastyText, fc.uuid()),
      { maxKeys: 8 },
    );
    await fc.assert(
      fc.asyncProperty(verb, data, async (v, d) => {
        const { status, body } = await user.post(adaptiveCardActionActivity(user.session, { verb: v, data: d }));
        assert.ok(status === 200 || status === 503, `status ${status} for ${v} ${JSON.stringify(d).slice(0, 200)}`);
        if (status === 200) {
          const b = body as { statusCode?: number; type?: string } | undefined;
          assert.equal(b?.statusCode, 200, `invoke answer for ${v}: ${JSON.stringify(body).slice(0, 200)}`);
        }
      }),
      { numRuns: 150 },
    );
    await alive(h);
  });

  it('random Action.Submit values: 200, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ verb: fc.string({ maxLength: 30 }), proposalId: fc.string(), index: fc.integer() })),
        async (value) => {
          const { status } = await user.post(submitActivity(user.session, value));
          assert.ok(status === 200 || status === 400 || status === 503, `status ${status} for ${JSON.stringify(value).slice(0, 200)}`);
        },
      ),
      { numRuns: 100 },
    );
    await alive(h);
  });

  it('random Zalo Bot events with the right secret: stored or refused with 400, never 500', async () => {
    const event = fc.record(
      {
        event_name: fc.oneof(
          fc.constantFrom('message.text.received', 'message.image.received', 'message.sticker.received', 'user.follow'),
          fc.string({ maxLength: 30 }),
        ),
        message: fc.record(
          {
            message_id: fc.oneof(fc.uuid(), fc.integer(), fc.string({ maxLength: 30 })),
            text: nastyText,
            from: fc.record(
              { id: fc.oneof(fc.string({ maxLength: 30 }), fc.integer()), is_bot: fc.boolean(), display_name: nastyText },
              { requiredKeys: [] },
            ),
            chat: fc.record(
              { id: fc.oneof(fc.string({ maxLength: 30 }), fc.integer()), chat_type: fc.constantFrom('PRIVATE', 'GROUP', 'x') },
              { requiredKeys: [] },
            ),
            date: fc.integer(),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      event.map((e) => JSON.stringify({ ok: true, result: e })),
      event.map((e) => JSON.stringify(e)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await fetch(`${h.url}/api/zalo/bot`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': ZALO_SECRET },
          body: b,
        });
        await res.arrayBuffer();
        assert.ok(res.status === 200 || res.status === 400 || res.status === 503, `status ${res.status} for ${b.slice(0, 200)}`);
      }),
      { numRuns: 200 },
    );
    // The worker processes what was stored; the process must still be serving afterwards.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await alive(h);
  });
});
