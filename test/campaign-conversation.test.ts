// Dissemination campaigns over HTTP with the real bot and a loopback Bot Connector: who may start one and
// for which units, bad input (nothing written, nothing sent), delivery to every reachable official of the
// unit and the units below it, "Đã đọc" and the check of understanding by card and typed, progress per unit
// for the sender, the heads above and Home Affairs only, and one reminder after the working days.
import assert from 'node:assert/strict';
import { todayVN, yearOf } from '../services/calendar/local-date.js';
import { WorkingCalendar } from '../services/calendar/working-days.js';
import { sweepCampaignReminders } from '../services/campaigns/campaign-reminders.js';
import { allText, replyText, startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { campaignBlocks } from '../services/reports/annual-campaign-figures.js';
import { computeAnnualFigures } from '../services/reports/annual-report-figures.js';
import { loadUnitTree, provinceScope } from '../services/reports/annual-report-scope.js';
import type { ConnectorActivity } from '../tools/chat/connector-types.js';
import { WebClient, webText } from './helpers/web-client.js';
import { Campaign } from '../entities/campaign.entity.js';
import { campaignActivity } from '../bot/campaigns/campaign-message.js';

const HEAD = 'gd.skhcn@test.invalid';
const DEPUTY = 'pgd.skhcn@test.invalid';
const ROOM_HEAD = 'tp.qlkh@test.invalid';
const STAFF = 'cv.qlkh@test.invalid';
const HOME_AFFAIRS = 'gd.snv@test.invalid';
const CHAIR = 'chu.tich@test.invalid';
const QUIZ = [
  'Thời hạn xem xét?\nA. 03 ngày\n*B. 07 ngày làm việc',
  'Ai quyết định?\n*A. Người đứng đầu\nB. Chuyên viên',
  'Báo cáo trước ngày?\nA. 30/6\n*B. 30/11\nC. 31/12',
];

describe('dissemination campaigns in chat', function () {
  this.timeout(120_000);
  let h: BotHarness;
  const users: Record<string, TestUser> = {};

  const count = async (sql: string): Promise<number> => {
    const [row] = (await h.db.dataSource.query(sql)) as { n: number }[];
    return Number(row?.n ?? 0);
  };
  const campaignRows = () => count(`SELECT count(*)::int AS n FROM campaign`);
  const campaignOutbox = () => count(`SELECT count(*)::int AS n FROM notification_outbox WHERE kind LIKE 'campaign.%'`);
  /** Messages the bot sent into someone's conversation (proactive ones included). */
  const inbox = (email: string): ConnectorActivity[] =>
    h.connector.activities
      .filter((a) => a.conversationId === users[email]!.conversationId && a.activity.type === 'message')
      .map((a) => a.activity);
  /** The refreshed card of an invoke (or its text answer) and any messages sent meanwhile, as read. */
  const invokeText = (r: { body: unknown; replies: ConnectorActivity[] }) => {
    const value = (r.body as { value?: unknown })?.value;
    const card = typeof value === 'string' ? value : replyText({ attachments: [{ content: value }] });
    return `${card}\n${allText(r.replies)}`;
  };
  const dispatched = async () => {
    await h.server.container.campaigns.dispatcher.idle();
    await h.server.container.notifier.idle();
  };

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      env: { NOTIFY_RATE_PER_SECOND: '0', DEMO_MODE: 'true' },
      seed: async (db) => {
        await seedTestDirectory(db.dataSource);
        // A unit whose only official never used any channel, and an empty one.
        await db.dataSource.query(
          `INSERT INTO unit (code, name, kind, parent_id) VALUES ('SXD', 'Sở Xây dựng', 'so_nganh', (SELECT id FROM unit WHERE code = 'UBND-TINH')),
                                                                ('SXD-TRONG', 'Phòng trống', 'phong', (SELECT id FROM unit WHERE code = 'SXD'))`,
        );
        await db.dataSource.query(
          `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager)
           VALUES ('gd.sxd@test.invalid', 'Vũ Văn Xây', (SELECT id FROM unit WHERE code = 'SXD'), 'Giám đốc', 'head', true)`,
        );
        // Demo officers may sign in on the web face (the last test).
        await db.dataSource.query(`UPDATE officer SET is_demo = true`);
      },
    });
    // Everyone but the Xây dựng director has talked to the bot on Teams: their conversations are known.
    for (const email of [HEAD, DEPUTY, ROOM_HEAD, STAFF, HOME_AFFAIRS, CHAIR]) {
      users[email] = h.user(email);
      await users[email].say('xin chào');
    }
  });
  after(async () => h?.close());

  it('only heads and Home Affairs start one; a head only for their own units', async () => {
    const staff = allText(await users[STAFF]!.say('PHÁT ĐỘNG PHỔ BIẾN Mời đọc Nghị định 73'));
    assert.match(staff, /Chỉ người đứng đầu đơn vị/);
    const card = await users[STAFF]!.execute('campaign.start', { text: 'Mời đọc' });
    assert.match(invokeText(card), /Chỉ người đứng đầu đơn vị/);
    const outside = await users[ROOM_HEAD]!.execute('campaign.start', { text: 'Mời đọc', unit: 'SKHCN' });
    assert.match(invokeText(outside), /không phụ trách đơn vị “SKHCN”/);
    assert.equal(await campaignRows(), 0);
    assert.equal(await campaignOutbox(), 0);
  });

  it('the form proposes three questions from the knowledge pack, each with its marked answer', async () => {
    const form = await users[HEAD]!.execute('campaign.compose', { proposeQuiz: true, template: '2', text: 'Văn bản của tôi' });
    const card = JSON.stringify((form.body as { value?: unknown }).value);
    assert.match(
      card,
      /"id":"q1","label":"Câu hỏi 1","isMultiline":true,"value":"Người đứng đầu chủ trì họp[^"]*\\nA\. 03 ngày làm việc\\n\*B\. 07 ngày làm việc/,
    );
    assert.match(card, /"id":"q3"[^}]*\*B\. 30\/11/);
    assert.match(card, /"id":"text"[^}]*"value":"Văn bản của tôi"/, "the sender's text is kept");
  });

  it('bad input: empty or oversize text, a check with no correct answer, nobody reachable → a clear message, nothing sent', async () => {
    const head = users[HEAD]!;
    assert.match(invokeText(await head.execute('campaign.start', { text: '   ' })), /Chưa có nội dung phổ biến/);
    assert.match(invokeText(await head.execute('campaign.start', { text: 'x'.repeat(1501) })), /1\.501 ký tự, vượt quá 1\.500/);
    const noCorrect = await head.execute('campaign.start', {
      text: 'Mời đọc',
      q1: QUIZ[0],
      q2: 'Ai quyết định?\nA. Người đứng đầu\nB. Chuyên viên',
      q3: QUIZ[2],
    });
    assert.match(invokeText(noCorrect), /Câu hỏi 2 chưa có đáp án đúng/);
    assert.match(invokeText(await head.execute('campaign.start', { text: 'Mời đọc', q1: QUIZ[0] })), /đủ 3 câu/);
    assert.match(invokeText(await head.execute('campaign.start', { text: 'Mời đọc', docUrl: 'javascript:alert(1)' })), /https:\/\//);
    const typedEmpty = allText(await users[HOME_AFFAIRS]!.say('PHÁT ĐỘNG PHỔ BIẾN ' + 'y'.repeat(1600)));
    assert.match(typedEmpty, /vượt quá 1\.500 ký tự/);
    const nobody = await users[HOME_AFFAIRS]!.execute('campaign.start', { text: 'Mời đọc', unit: 'SXD' });
    assert.match(invokeText(nobody), /Không liên lạc được với cán bộ nào của Sở Xây dựng \(1 người/);
    const empty = await users[HOME_AFFAIRS]!.execute('campaign.start', { text: 'Mời đọc', unit: 'SXD-TRONG' });
    assert.match(invokeText(empty), /Phòng trống không có cán bộ nào/);
    await dispatched();
    assert.equal(await campaignRows(), 0);
    assert.equal(await campaignOutbox(), 0);
  });

  let code = '';
  it('a head sends to their unit and the units below: each reachable official gets one card', async () => {
    const before = {
      deputy: inbox(DEPUTY).length,
      room: inbox(ROOM_HEAD).length,
      staff: inbox(STAFF).length,
      ha: inbox(HOME_AFFAIRS).length,
    };
    const started = await users[HEAD]!.execute('campaign.start', {
      text: 'Đề nghị các đồng chí đọc Nghị định 73/2023/NĐ-CP và trả lời 3 câu hỏi.',
      docTitle: 'Nghị định 73/2023/NĐ-CP',
      docUrl: 'https://vanban.example.invalid/nd73',
      q1: QUIZ[0],
      q2: QUIZ[1],
      q3: QUIZ[2],
      reminder: 2,
    });
    const text = invokeText(started);
    const m = text.match(/PB-\d{4}-\d{4}/);
    assert.ok(m, text);
    code = m[0];
    assert.match(text, /đang gửi đến 3 cán bộ/);
    await dispatched();
    for (const [email, n] of [
      [DEPUTY, before.deputy],
      [ROOM_HEAD, before.room],
      [STAFF, before.staff],
    ] as const) {
      const got = inbox(email).slice(n);
      assert.equal(got.length, 1, `${email} got ${got.length} messages`);
      const body = replyText(got[0]!);
      assert.match(body, new RegExp(code));
      assert.match(body, /Đề nghị các đồng chí đọc Nghị định 73/);
      assert.ok(JSON.stringify(got[0]).includes('1. Thời hạn xem xét?'), 'the questions are choices on the card');
      assert.match(body, /Đã đọc/);
    }
    assert.equal(inbox(HOME_AFFAIRS).length, before.ha, 'Home Affairs is outside the unit');
    assert.equal(await count(`SELECT count(*)::int AS n FROM notification_outbox WHERE kind = 'campaign.message' AND state = 'sent'`), 3);
  });

  it('"Đã đọc" and the answers, by card and typed; the first answers are kept', async () => {
    const [campaign] = (await h.db.dataSource.query(`SELECT id FROM campaign WHERE code = $1`, [code])) as { id: string }[];
    const read = await users[STAFF]!.execute('campaign.read', { campaignId: campaign!.id });
    assert.match(invokeText(read), /Đã ghi nhận anh\/chị đã đọc/);
    const again = await users[STAFF]!.execute('campaign.read', { campaignId: campaign!.id });
    assert.match(invokeText(again), /đã xác nhận đọc thông điệp .* trước đây/);
    const answered = await users[STAFF]!.execute('campaign.answer', { campaignId: campaign!.id, a1: '1', a2: '0', a3: '1' });
    assert.match(invokeText(answered), /đúng 3\/3 câu/);
    assert.match(allText(await users[ROOM_HEAD]!.say('da doc')), /Đã ghi nhận anh\/chị đã đọc/);
    assert.match(allText(await users[ROOM_HEAD]!.say(`đáp án ${code} B B A`)), /đúng 1\/3 câu/);
    assert.match(allText(await users[ROOM_HEAD]!.say(`ĐÁP ÁN ${code} B A B`)), /trả lời trước đây \(đúng 1\/3 câu\)/);
    assert.match(allText(await users[ROOM_HEAD]!.say(`ĐÁP ÁN ${code} B D B`)), /Câu 2: chỉ chọn một trong các phương án A, B/);
    assert.match(allText(await users[HOME_AFFAIRS]!.say(`ĐÃ ĐỌC ${code}`)), /không nằm trong danh sách nhận/);
  });

  it('progress per unit: the sender, the heads above and Home Affairs; not the staff nor a head below', async () => {
    for (const email of [HEAD, HOME_AFFAIRS, CHAIR]) {
      const text = allText(await users[email]!.say(`tiến độ phổ biến ${code}`));
      assert.match(text, /Phòng Quản lý khoa học: nhận 2\/2 · đọc 2 · trả lời 2 · đúng cả 3 câu 1/, `${email}: ${text}`);
      assert.match(text, /Sở Khoa học và Công nghệ: nhận 1\/1 · đọc 0 · trả lời 0/);
      assert.match(text, /Đã gửi đến 3\/3 \(100%\) · đã đọc 2 \(67%\)/);
    }
    for (const email of [STAFF, ROOM_HEAD]) {
      assert.match(
        allText(await users[email]!.say(`TIẾN ĐỘ PHỔ BIẾN ${code}`)),
        /Chỉ người gửi, người đứng đầu các đơn vị cấp trên và Sở Nội vụ/,
      );
    }
  });

  it('one reminder to whoever has not read, after the working days, sent once', async () => {
    const ds = h.db.dataSource;
    const calendar = new WorkingCalendar(h.server.container.workflow.calendar);
    const [c] = (await ds.query(`SELECT to_char(sent_on, 'YYYY-MM-DD') AS d FROM campaign WHERE code = $1`, [code])) as { d: string }[];
    const day = calendar.addWorkingDays(c!.d, 2);
    assert.equal(await sweepCampaignReminders(ds, calendar, calendar.addWorkingDays(c!.d, 1)), 0, 'not before the day');
    const before = inbox(DEPUTY).length;
    const [a, b] = await Promise.all([sweepCampaignReminders(ds, calendar, day), sweepCampaignReminders(ds, calendar, day)]);
    assert.equal(a + b, 1, 'only the deputy has not read');
    h.server.container.campaigns.dispatcher.kick();
    await dispatched();
    assert.equal(await sweepCampaignReminders(ds, calendar, calendar.addWorkingDays(day, 3)), 0);
    h.server.container.campaigns.dispatcher.kick();
    await dispatched();
    const got = inbox(DEPUTY).slice(before);
    assert.equal(got.length, 1);
    assert.match(replyText(got[0]!), /Nhắc lại: anh\/chị chưa xác nhận đã đọc/);
    assert.equal(inbox(STAFF).filter((a) => /Nhắc lại/.test(replyText(a))).length, 0);
  });

  it('Home Affairs sends a template from the knowledge pack by typing; its three questions come with it', async () => {
    const text = allText(await users[HOME_AFFAIRS]!.say('phat dong pho bien mau 1'));
    const m = text.match(/PB-\d{4}-\d{4}/);
    assert.ok(m, text);
    assert.match(text, /đang gửi đến 5 cán bộ/);
    assert.match(text, /1 người chưa liên lạc được/);
    await dispatched();
    const last = inbox(CHAIR).at(-1)!;
    assert.match(replyText(last), /Nghị định áp dụng với người giữ chức vụ lãnh đạo, quản lý/);
    assert.match(replyText(last), /Người đứng đầu cơ quan sử dụng cán bộ/);
    // Section lines are escaped markdown on Teams ("PB\-2026…"): read them as shown.
    const list = allText(await users[HOME_AFFAIRS]!.say('tiến độ phổ biến')).replace(/\\(.)/g, '$1');
    assert.match(list, new RegExp(`${m[0]}.*đã đọc 0\\/5`));
    assert.match(list, new RegExp(`${code}.*đã đọc 2\\/3`));
  });

  it("the yearly report counts each unit's campaign results (card, .docx blocks)", async () => {
    // Sở KH&CN (with its room): campaign 1 reached 3, campaign 2 reached 4 of them; 2 read, 1 answered all right.
    const card = allText(await users[HEAD]!.say('BÁO CÁO NĂM'));
    assert.match(card, /Phổ biến qua Trợ lý\n2 đợt · 2\/7 lượt đã đọc · 1 lượt đúng cả 3 câu/);
    const ds = h.db.dataSource;
    const workflow = h.server.container.workflow;
    const tree = await loadUnitTree(ds, workflow);
    const province = provinceScope(tree)!;
    const figures = await computeAnnualFigures(ds, tree, province, yearOf(todayVN()));
    const sc = [...tree.units.values()].find((u) => u.code === 'SKHCN')!;
    assert.deepEqual(figures.campaigns.perUnit.get(sc.id), { campaigns: 2, recipients: 7, read: 2, answered: 2, correct: 1 });
    assert.deepEqual(figures.campaigns.total, { campaigns: 2, recipients: 8, read: 2, answered: 2, correct: 1 });
    const blocks = campaignBlocks(figures.campaigns, province);
    assert.match(JSON.stringify(blocks[0]), /2 đợt phổ biến, gửi đến 8 lượt cán bộ; 2 lượt xác nhận đã đọc \(25%\)/);
    assert.equal(blocks[1]?.type, 'table');
  });

  it('on the web: an official who only uses the web receives it and confirms; the dashboard panel follows the same access', async () => {
    const idOf = async (email: string) =>
      ((await h.db.dataSource.query(`SELECT id FROM officer WHERE email = $1`, [email])) as { id: string }[])[0]!.id;
    const sxd = new WebClient(h.url);
    await sxd.signInDemo(await idOf('gd.sxd@test.invalid'));
    assert.equal((await sxd.post('/web/api/messages', { text: 'xin chào' })).status, 200);
    // The web reaches a person whose browser is open (an event stream).
    const stream = sxd.openEvents();
    await stream.ready;
    const started = await users[HOME_AFFAIRS]!.execute('campaign.start', { text: 'Mời đọc Quy định 32-QĐ/TU.', unit: 'SXD' });
    const code3 = invokeText(started).match(/PB-\d{4}-\d{4}/)![0];
    await dispatched();
    const event = await stream.waitFor((e) => webText([e.data]).includes('Mời đọc Quy định 32-QĐ/TU.'));
    assert.match(webText([event.data]), new RegExp(code3));
    stream.close();
    const read = await sxd.post('/web/api/invoke', { verb: 'campaign.read', data: { code: code3 } });
    assert.match(JSON.stringify(read.body), /Đã ghi nhận anh\/chị đã đọc/);

    const ha = new WebClient(h.url);
    await ha.signInDemo(await idOf(HOME_AFFAIRS));
    const panel = await ha.get('/web/api/campaigns');
    assert.equal(panel.status, 200);
    const mine = panel.body.campaigns.find((c: { code: string }) => c.code === code3);
    assert.deepEqual(mine.totals, { recipients: 1, reached: 1, read: 1, answered: 0, correct: 0 });
    assert.equal(mine.units[0].unitName, 'Sở Xây dựng');
    const staff = new WebClient(h.url);
    await staff.signInDemo(await idOf(STAFF));
    assert.deepEqual((await staff.get('/web/api/campaigns')).body.campaigns, []);
    assert.equal((await new WebClient(h.url).get('/web/api/campaigns')).status, 401);
    assert.equal((await ha.get('/static/campaigns.js')).status, 200);
  });

  it('on Zalo (text): the message carries the questions with letters and the typed replies, within one Zalo message', async () => {
    const campaign = (await h.db.dataSource.getRepository(Campaign).find({ order: { createdAt: 'ASC' } }))[1]!;
    const activity = campaignActivity('zalo_oa', { campaign, senderName: 'Lê Thị Nội', senderUnit: 'Sở Nội vụ' });
    const text = String(activity.text);
    assert.equal(activity.attachments, undefined);
    assert.match(text, new RegExp(`gõ “ĐÃ ĐỌC ${campaign.code}”`));
    assert.match(text, new RegExp(`“ĐÁP ÁN ${campaign.code} B A C”`));
    assert.match(text, /1\. Nghị định 73\/2023\/NĐ-CP áp dụng với những ai\?\n {3}A\. Mọi công dân có sáng kiến/);
    assert.ok(text.length <= 2000, `${text.length} characters`);
  });
});
