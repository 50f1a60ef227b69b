// Issue 18 item 3, a plan written as prose in a message: with LLM_BASE_URL set, a long message without a
// plan's headings that reads as a plan is handed to the OpenAI-compatible service (a loopback fake), but
// only where a plan may start (nothing waiting, the first step of "tạo đề xuất"), never as a step's answer
// and never when it is a question. Only the text goes out, without the officer's name, e-mail or phone;
// each value passes the wizard's rule and is shown as "bản nháp do máy đề xuất"; nothing is stored before
// "đồng ý"; a model that fails gets a clear answer and nothing is stored. Over HTTP into /api/messages.
import assert from 'node:assert/strict';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, NEXT_YEAR, STAFF, plain } from './helpers/wizard-script.js';

const Y = NEXT_YEAR;
const NAME = 'Hoàng Văn Trưởng';
const PHONE = '0912 345 678';

/** One paragraph, as an officer types it: who writes, why, what for, what, where, when, how much. */
const NARRATIVE = [
  `Tôi là ${NAME}, trưởng phòng Quản lý khoa học (email ${MANAGER}, điện thoại ${PHONE}), xin đề xuất sáng kiến số hóa và ký số hồ sơ cán bộ của Sở.`,
  'Hiện nay hồ sơ cán bộ lưu bằng giấy ở nhiều phòng, mỗi lần tra cứu mất nhiều ngày và bản sao không thống nhất.',
  'Mục tiêu là tra cứu được mọi hồ sơ trong một ngày làm việc.',
  `Chúng tôi sẽ số hóa toàn bộ hồ sơ, ký số các bản sao và phân quyền tra cứu theo từng phòng, thực hiện tại các phòng thuộc Sở từ ngày 01/02/${Y} đến ngày 30/09/${Y}.`,
  'Kinh phí dự kiến 1,2 tỷ đồng từ ngân sách tỉnh cấp cho chuyển đổi số. Kết quả dự kiến: 100% hồ sơ được số hóa.',
  // Typed on a phone, the name again without its diacritics.
  'Người liên hệ: hoang van truong.',
].join(' ');

const EXTRACTED = {
  title: 'Số hóa và ký số hồ sơ cán bộ của Sở',
  field: 'Chuyển đổi số',
  necessity: 'Hồ sơ cán bộ lưu bằng giấy ở nhiều phòng, tra cứu mất nhiều ngày, bản sao không thống nhất.',
  purpose: 'Tra cứu được mọi hồ sơ trong một ngày làm việc.',
  content: 'Số hóa toàn bộ hồ sơ, ký số các bản sao, phân quyền tra cứu theo từng phòng.',
  scope: 'Các phòng thuộc Sở.',
  startDate: `01/02/${Y}`,
  endDate: `30/09/${Y}`,
  fundingAmount: '1,2 tỷ đồng',
  expectedResults: '100% hồ sơ được số hóa.',
  // Invalid for its rule (no date): dropped, never shown.
  milestones: 'sớm nhất có thể',
  // Never asked, never taken: a part that names people.
  implementers: NAME,
};

describe('plan import: a plan written as prose in a message, read by an OpenAI-compatible service', function () {
  this.timeout(300_000);
  const llm = new FakeChatCompletions();
  let h: BotHarness;

  before(async function () {
    this.timeout(240_000);
    await llm.start();
    h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: { LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: '3000' },
    });
  });
  after(async () => {
    await h?.close();
    await llm.stop();
  });
  beforeEach(() => {
    llm.captured.length = 0;
    llm.delayMs = 0;
  });

  const count = async () => (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n as number;
  /** The requests that asked the model to read a plan (the answerer may ask it other things). */
  const extractions = () => llm.captured.filter((c) => /Bạn đọc bản kế hoạch đề xuất/.test(c.body.messages[0]?.content ?? ''));

  it('sends the text without the officer’s name (with or without diacritics), e-mail or phone, shows each part as the machine’s draft, stores on “đồng ý”', async () => {
    llm.reply = { status: 200, content: JSON.stringify(EXTRACTED) };
    const officer = h.user(MANAGER);
    const preview = plain(allText(await officer.say(NARRATIVE)));

    assert.equal(extractions().length, 1);
    const sent = JSON.stringify(extractions()[0]!.body);
    for (const personal of [NAME, MANAGER, PHONE, 'hoang van truong']) assert.ok(!sent.includes(personal), `${personal} was sent`);
    assert.match(sent, /Người liên hệ: \[tên\]\./);
    const user = extractions()[0]!.body.messages[1]!.content;
    assert.match(user, /Tôi là \[tên\], trưởng phòng Quản lý khoa học \(email \[email\], điện thoại \[số điện thoại\]\)/);
    assert.match(user, /Hiện nay hồ sơ cán bộ lưu bằng giấy/);
    assert.match(user, /^title: Tên đề xuất$/m, 'a message in prose has no headings: every part is asked');
    assert.doesNotMatch(user, /^(implementers|resourcesPeople|c[1-4]):/m);

    assert.match(preview, /Kế hoạch đọc được từ tài liệu[\s\S]*Nguồn: tin nhắn/);
    assert.match(preview, /Trợ lý máy đã đề xuất 10 mục còn thiếu[\s\S]*1 mục máy đề xuất chưa đạt yêu cầu nên đã bỏ/);
    assert.match(preview, /🤖 Tên đề xuất \(bản nháp do máy đề xuất, anh\/chị kiểm tra\)[\s\S]*Số hóa và ký số hồ sơ cán bộ/);
    assert.match(preview, /🤖 Sự cần thiết \(bản nháp do máy đề xuất[\s\S]*🤖 Mục đích \(bản nháp do máy đề xuất/);
    assert.match(preview, /🤖 Ngày bắt đầu \(bản nháp do máy đề xuất[\s\S]*01\/02\//);
    assert.doesNotMatch(preview, /sớm nhất có thể|🤖 Người thực hiện/);
    assert.match(preview, /❌ Người thực hiện: chưa có trong tài liệu/);
    assert.equal(await count(), 0, 'nothing stored before the confirmation');

    assert.match(plain(allText(await officer.say('đồng ý'))), /Đã lưu \d+ mục từ tài liệu vào bản nháp/);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal`);
    assert.equal(row.plan.title, EXTRACTED.title);
    assert.equal(row.plan.field, 'chuyen_doi_so');
    assert.equal(row.plan.startDate, `${Y}-02-01`);
    assert.equal(row.plan.implementers, undefined);
    assert.deepEqual(row.plan.milestones ?? [], []);
  });

  it('at the first step of “tạo đề xuất” the message is read as the plan, not as a 300-character title', async () => {
    llm.reply = { status: 200, content: JSON.stringify(EXTRACTED) };
    const officer = h.user(STAFF);
    assert.match(plain(allText(await officer.say('tạo đề xuất'))), /Bước 1\/25/);
    const preview = plain(allText(await officer.say(NARRATIVE)));
    assert.equal(extractions().length, 1);
    assert.match(preview, /🤖 Tên đề xuất[\s\S]*Số hóa và ký số hồ sơ cán bộ/);
    assert.match(plain(allText(await officer.say('hủy'))), /không có gì được lưu/);
    const rows = await h.db.dataSource.query(`SELECT p.plan FROM proposal p JOIN officer o ON o.id = p.proposer_id WHERE o.email = $1`, [
      STAFF,
    ]);
    assert.ok(
      rows.every((r: { plan: { title?: string } }) => r.plan.title !== EXTRACTED.title),
      'nothing of the message stored',
    );
  });

  it('a model that fails gets a clear answer and nothing is stored; one that finds no plan lets the message go on', async () => {
    const stored = await count();
    llm.reply = { status: 500, content: '' };
    const failed = plain(allText(await h.user(MANAGER).say(NARRATIVE)));
    assert.match(failed, /giống một kế hoạch viết thành đoạn văn, nhưng chưa dùng được trợ lý máy[\s\S]*Chưa có gì được lưu/);
    assert.doesNotMatch(failed, /Kế hoạch đọc được từ tài liệu/);

    llm.reply = { status: 200, content: 'không phải JSON' };
    assert.match(plain(allText(await h.user(MANAGER).say(NARRATIVE))), /chưa dùng được trợ lý máy/);

    llm.reply = { status: 200, content: '{}' };
    const none = plain(allText(await h.user(MANAGER).say(NARRATIVE)));
    assert.doesNotMatch(none, /Kế hoạch đọc được từ tài liệu|chưa dùng được trợ lý máy/);
    assert.equal(await count(), stored);
  });

  it('a long question, or a long answer to a later step, is never sent to be read as a plan', async () => {
    llm.reply = { status: 200, content: JSON.stringify(EXTRACTED) };
    const question = `${NARRATIVE} Vậy đề xuất này có cần kinh phí của tỉnh không, thời gian xem xét là bao lâu?`;
    await h.user(STAFF).say(question);
    assert.equal(extractions().length, 0, 'a question');

    const officer = h.user(STAFF);
    await officer.say('tạo đề xuất');
    await officer.say('Số hóa hồ sơ cán bộ của Sở');
    assert.match(plain(allText(await officer.say('chuyen doi so'))), /Bước 3\/25[\s\S]*Sự cần thiết/);
    assert.match(plain(allText(await officer.say(NARRATIVE))), /Bước 4\/25[\s\S]*Mục đích/);
    assert.equal(extractions().length, 0, 'the answer to “Sự cần thiết”');
    const [row] = await h.db.dataSource.query(
      `SELECT p.plan FROM proposal p JOIN officer o ON o.id = p.proposer_id WHERE o.email = $1 AND p.plan->>'title' = $2`,
      [STAFF, 'Số hóa hồ sơ cán bộ của Sở'],
    );
    assert.equal(row.plan.necessity, NARRATIVE);
  });
});
