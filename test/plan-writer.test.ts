// "viết giúp" (issue 18 item 3) against a loopback fake of the OpenAI chat-completions API: off by default;
// when LLM_BASE_URL is set, a draft of the current part marked as such, stored only on "dùng bản nháp";
// a draft that fails the step's validation, or a failing service, stores nothing; only plan text is sent.
import assert from 'node:assert/strict';
import { planContext } from '../services/library/plan-writer.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain, run, STAFF } from './helpers/wizard-script.js';

const DRAFT = 'Hồ sơ cấp phép xây dựng tại xã hiện nộp bằng giấy, người dân phải đi lại nhiều lần và thời gian giải quyết kéo dài.';

describe('wizard: "viết giúp" with an OpenAI-compatible service', function () {
  this.timeout(180_000);
  const llm = new FakeChatCompletions();
  let h: BotHarness | undefined;
  let p: People;

  before(async () => {
    await llm.start();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  after(() => llm.stop());

  const start = async (env: Record<string, string>) => {
    h = await startHarness({ env, seed: async (db) => void (p = await seedDecisionDirectory(db.dataSource)) });
    const officer = h.user(STAFF);
    await run(officer, FULL_PLAN.slice(0, 3));
    return officer;
  };
  const draftPlan = async () =>
    (
      await h!.db.dataSource.query(
        `SELECT plan FROM proposal WHERE proposer_id = $1 AND status = 'draft' ORDER BY created_at DESC LIMIT 1`,
        [p.roomStaff],
      )
    )[0].plan;

  it('is off by default: says so and stores nothing', async () => {
    const officer = await start({});
    assert.match(plain(allText(await officer.say('viết giúp'))), /chưa được bật/);
    assert.match(plain(allText(await officer.say('dung ban nhap'))), /Chưa có bản nháp nào/);
    assert.equal((await draftPlan()).necessity, undefined);
    assert.equal(llm.captured.length, 0);
  });

  it('drafts the current part from the plan text only, stores it on "dùng bản nháp", and refuses an invalid draft', async () => {
    llm.captured.length = 0;
    const officer = await start({ LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: '5000' });
    llm.reply = { status: 200, content: DRAFT };
    const offered = plain(allText(await officer.say('viet giup')));
    assert.match(offered, /BẢN NHÁP do trợ lý viết cho mục «Sự cần thiết»/);
    assert.ok(offered.includes(DRAFT));
    assert.equal((await draftPlan()).necessity, undefined, 'nothing stored before the officer keeps it');
    const sent = JSON.stringify(llm.captured[0]!.body);
    assert.equal(llm.captured[0]!.body.model, 'fake-model');
    assert.match(sent, /Số hóa hồ sơ cấp phép xây dựng tại xã/);
    assert.match(sent, /Chuyển đổi số/);
    assert.doesNotMatch(sent, /Nguyễn Thị Chuyên|cv\.qlkh|Phòng Quản lý khoa học/);

    assert.match(plain(allText(await officer.say('dùng bản nháp'))), /Bước 4\/25[\s\S]*Mục đích/);
    assert.equal((await draftPlan()).necessity, DRAFT);

    // Too short for the purpose (10 characters at least): not offered, nothing stored.
    llm.reply = { status: 200, content: 'Tốt.' };
    assert.match(plain(allText(await officer.say('viết giúp'))), /chưa đạt yêu cầu/);
    assert.match(plain(allText(await officer.say('dùng bản nháp'))), /Chưa có bản nháp nào/);
    llm.reply = { status: 500, content: '' };
    assert.match(plain(allText(await officer.say('viết giúp'))), /chưa viết được bản nháp/);
    assert.equal((await draftPlan()).purpose, undefined);
  });

  it('takes the directory’s names, e-mails and phones out of the parts it sends', async () => {
    llm.captured.length = 0;
    const officer = await start({ LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: '5000' });
    const necessity =
      'Tôi là Nguyễn Thị Chuyên (cv.qlkh@test.invalid, 0912 345 678); hồ sơ cấp phép còn nộp bằng giấy, nguyen thi chuyen ghi nhận.';
    assert.match(plain(allText(await officer.say(necessity))), /Bước 4\/25[\s\S]*Mục đích/);
    llm.reply = { status: 200, content: 'Rút ngắn thời gian cấp phép xây dựng tại xã.' };
    assert.match(plain(allText(await officer.say('viết giúp'))), /BẢN NHÁP do trợ lý viết cho mục «Mục đích»/);
    const sent = llm.captured[0]!.body.messages[1]!.content;
    assert.match(
      sent,
      /Sự cần thiết: Tôi là \[tên\] \(\[email\], \[số điện thoại\]\); hồ sơ cấp phép còn nộp bằng giấy, \[tên\] ghi nhận\./,
    );
    assert.doesNotMatch(JSON.stringify(llm.captured[0]!.body), /Nguyễn Thị Chuyên|nguyen thi chuyen|cv\.qlkh|0912 345 678/);
  });

  it('never sends the parts that name people', () => {
    const text = planContext(
      { title: 'Một cửa số', implementers: 'Ông Nguyễn Văn An chủ trì', resourcesPeople: 'Bà Lò Thị Bình', necessity: 'Hồ sơ giấy' },
      'Chuyển đổi số',
      'purpose',
    );
    assert.match(text, /Tên đề xuất: Một cửa số\nLĩnh vực: Chuyển đổi số\nSự cần thiết: Hồ sơ giấy/);
    assert.doesNotMatch(text, /Nguyễn Văn An|Lò Thị Bình/);
  });
});
