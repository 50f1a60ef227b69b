// What officials type, over HTTP with every feature on: a question is a question (even when it begins
// with a command word), a command is a command only in its exact form, small talk gets a short polite
// answer, and in the wizard a question is answered and the same step asked again with nothing stored.
import assert from 'node:assert/strict';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain, run, type Script } from './helpers/wizard-script.js';

const REFUSAL = /chưa tìm thấy quy định nào/;
const NOT_FOUND = /Không tìm thấy đề xuất này/;

describe('understanding: questions, commands, small talk and the wizard over HTTP', function () {
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      seed: async (db) => void (p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId })),
    });
  });
  after(async () => h?.close());

  const proposals = async (): Promise<number> => (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n;
  // One conversation per person, so the wizard's state carries from one message to the next.
  const users = new Map<string, ReturnType<BotHarness['user']>>();
  const say = async (email: string, text: string): Promise<string> => {
    if (!users.has(email)) users.set(email, h.user(email));
    return plain(allText(await users.get(email)!.say(text)));
  };

  it('answers questions that begin with a command word as questions: no command runs, no draft opens', async () => {
    const before = await proposals();
    for (const q of [
      'Chuyên viên có được làm đề xuất không?',
      'chuyen vien xa co duoc de xuat khong',
      'Hội đồng thẩm định gồm những ai?',
      'Biểu quyết trong tập thể lãnh đạo cần bao nhiêu phiếu?',
      'Trả lại đề xuất thì người đề xuất phải làm gì?',
      'Đề xuất mới có cần xin ý kiến cấp ủy không?',
      'Tạo đề xuất như thế nào?',
    ]) {
      const text = await say('cv.skhcn@test.invalid', q);
      assert.doesNotMatch(text, NOT_FOUND, `«${q}» ran a command`);
      assert.doesNotMatch(text, /Bước 1\/25/, `«${q}» opened the wizard`);
      assert.ok(text.length > 0, `«${q}» got no answer`);
    }
    assert.equal(await proposals(), before, 'no question creates a draft');
  });

  it('still runs a typed command in its exact form (with a code), and starts a proposal on an imperative', async () => {
    assert.match(await say('gd.skhcn@test.invalid', 'DUYỆT ĐX-2026-9999'), NOT_FOUND);
    assert.match(await say('gd.skhcn@test.invalid', 'chuyen DX-2026-9999'), NOT_FOUND);
    const before = await proposals();
    assert.match(await say('tp.qlkh@test.invalid', 'tôi muốn đề xuất số hóa sổ hộ tịch'), /Bước 1\/25/);
    assert.equal(await proposals(), before + 1);
    assert.match(await say('tp.qlkh@test.invalid', 'hủy'), /có chắc muốn hủy/);
    assert.match(await say('tp.qlkh@test.invalid', 'có'), /Đã hủy đề xuất/);
  });

  it('lists every typed command in the help, from the command registry, with examples', async () => {
    const help = await say('cv.skhcn@test.invalid', 'hướng dẫn sử dụng');
    for (const k of [
      'BÁO CÁO TIẾN ĐỘ',
      'việc chờ tôi',
      'tải kế hoạch',
      'DUYỆT, ví dụ: DUYỆT ĐX-2026-0001',
      'HÀNG ĐỢI',
      'liên kết Zalo',
      'xem toàn văn',
      'GIAO THỰC HIỆN',
      'KHEN',
      'TUYÊN TRUYỀN',
    ]) {
      assert.ok(help.includes(k), `help misses ${k}`);
    }
  });

  it('answers small talk and gibberish briefly with what the person can do, never with the refusal', async () => {
    const cases: [string, RegExp][] = [
      ['cảm ơn', /Không có gì ạ[\s\S]*tạo đề xuất/],
      ['cam on bot nhieu', /Không có gì ạ/],
      ['chào', /Xin chào/],
      ['tạm biệt', /Tạm biệt anh\/chị/],
      ['xin lỗi, tôi gõ nhầm', /Không sao ạ/],
      ['asdfgh', /chưa hiểu ý anh\/chị[\s\S]*tạo đề xuất[\s\S]*việc chờ tôi/],
    ];
    for (const [text, expected] of cases) {
      const reply = await say('cv.skhcn@test.invalid', text);
      assert.match(reply, expected, `«${text}»`);
      assert.doesNotMatch(reply, REFUSAL, `«${text}» got the refusal`);
    }
    // Gibberish right after a question does not repeat the previous answer.
    await say('cv.skhcn@test.invalid', 'Thời hạn xem xét kế hoạch đề xuất là bao lâu?');
    const after = await say('cv.skhcn@test.invalid', 'jjjjjj');
    assert.doesNotMatch(after, /Điều 8/);
    assert.match(after, /chưa hiểu ý/);
  });

  it('in the wizard, answers a question at every kind of step and asks the same step again, storing nothing', async () => {
    const email = 'tp.qlkh@test.invalid';
    const user = h.user(email);
    const stored = /Tôi hiểu đây là câu hỏi nên không ghi vào kế hoạch/;
    // Questions typed before the answer of step k (FULL_PLAN[k] answers step k).
    const questions = new Map<number, [string, RegExp][]>([
      [
        1,
        [
          ['mục này ghi gì?', /Mục này cần ghi như sau[\s\S]*Bước 1\/25/],
          ['Tên đề xuất có cần ghi số nghị định không?', new RegExp(`${stored.source}[\\s\\S]*Bước 1\\/25`)],
          ['cảm ơn', /Không có gì ạ[\s\S]*Bước 1\/25/],
        ],
      ],
      [2, [['lĩnh vực này là sao', /Mục này cần ghi[\s\S]*Bước 2\/25/]]],
      [3, [['tôi không hiểu', /Mục này cần ghi[\s\S]*Bước 3\/25/]]],
      [11, [['ngày bắt đầu có được trước khi duyệt không?', new RegExp(`${stored.source}[\\s\\S]*Bước 11\\/25`)]]],
      [15, [['Kinh phí lấy từ ngân sách xã có được không?', new RegExp(`${stored.source}[\\s\\S]*Bước 15\\/25`)]]],
      [17, [['Trang thiết bị hiện có có được bảo vệ không?', new RegExp(`${stored.source}[\\s\\S]*Bước 17\\/25`)]]],
      [
        22,
        [
          ['điều kiện này nghĩa là gì?', /Bước 22\/25/],
          ['Chuyên viên có được bảo vệ không?', /Bước 22\/25/],
        ],
      ],
    ]);
    const script: Script = [];
    FULL_PLAN.forEach((line, k) => {
      for (const q of questions.get(k) ?? []) script.push(q);
      script.push(line);
    });
    await run(user, script);
    const [row] = await h.db.dataSource.query(`SELECT plan, title FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`);
    const plan = JSON.stringify(row.plan);
    for (const qs of questions.values()) for (const [q] of qs) assert.ok(!plan.includes(q), `«${q}» was stored`);
    assert.equal(row.plan.equipment, '');
    // "ghi: …" stores text that reads as a question, when that is what the person means.
    await run(user, [
      ['sửa tên', /Bước 1\/25/],
      ['ghi: Số hóa hồ sơ: vì sao người dân phải đi lại?', /Bước 2\/25/],
      ['lưu nháp', /Đã lưu bản nháp/],
    ]);
    const [edited] = await h.db.dataSource.query(
      `SELECT title FROM proposal WHERE id = (SELECT id FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1)`,
    );
    assert.equal(edited.title, 'Số hóa hồ sơ: vì sao người dân phải đi lại?');
  });

  it('asks "content or question?" when a long answer holds a lone question word, and each button does what it says', async () => {
    const user = h.user('tp.qlkh@test.invalid');
    const unclear = 'Cán bộ hướng dẫn người dân thủ tục nào được nộp trực tuyến tại nhà';
    await run(user, [
      ...FULL_PLAN.slice(0, 8),
      [unclear, /Đây là nội dung cho mục «Nội dung, nhiệm vụ, giải pháp» hay câu hỏi\?[\s\S]*Ghi vào mục[\s\S]*Đây là câu hỏi/],
    ]);
    const draft = async () =>
      (await h.db.dataSource.query(`SELECT plan FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`))[0].plan;
    assert.equal((await draft()).content, undefined, 'nothing stored before the choice');
    const pressed = await user.execute('understanding.content', { text: unclear });
    assert.equal(pressed.status, 200);
    assert.match(allText(pressed.replies), /Bước 9\/25/);
    assert.equal((await draft()).content, unclear);
    // On a text channel the same choice is typed: "hỏi: …" answers and asks step 9 again.
    const asked = plain(allText(await user.say('hỏi: Phạm vi thực hiện có được mở rộng sau thí điểm')));
    assert.match(asked, /không ghi vào kế hoạch[\s\S]*Bước 9\/25/);
    assert.equal((await draft()).scope, undefined);
    await user.say('lưu nháp');
  });

  it('says back the amount, dates and field it understood, and confirms an amount under one million đồng', async () => {
    const user = h.user('tp.qlkh@test.invalid');
    const script: Script = FULL_PLAN.slice(0, 15);
    script[2] = ['chuyen doi so', /Đã ghi lĩnh vực: Chuyển đổi số[\s\S]*Bước 3\/25/];
    await run(user, [
      ...script,
      ['350.000', /kinh phí 350\.000 đồng \(ba trăm năm mươi nghìn đồng\), dưới một triệu đồng[\s\S]*“350 triệu”/],
      ['350 triệu', /Đã ghi kinh phí: 350\.000\.000 đồng \(ba trăm năm mươi triệu đồng\)[\s\S]*Bước 16\/25/],
      ['quay lại', /Bước 15\/25/],
      ['350.000', /dưới một triệu đồng/],
      ['có', /Đã ghi kinh phí: 350\.000 đồng \(ba trăm năm mươi nghìn đồng\)[\s\S]*Bước 16\/25/],
      ['lưu nháp', /Đã lưu bản nháp/],
    ]);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`);
    assert.equal(row.plan.fundingAmount, '350000');
  });

  it('reads a question right after a decision card as a question: the proposal is not acted on', async () => {
    const staff = h.user('cv.skhcn@test.invalid');
    await staff.say('xin chào');
    const { id, code } = await createSubmittedProposal(h.db.dataSource, p.scStaff!);
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.scStaff! });
    const [{ status: before }] = await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id]);
    for (const q of [
      'Hội đồng có bắt buộc không?',
      'Trả lại thì có phải nêu lý do không?',
      'Biểu quyết kín hay công khai',
      'Chuyển cho ai thì đúng quy trình?',
    ]) {
      const text = await say('gd.skhcn@test.invalid', q);
      assert.doesNotMatch(text, NOT_FOUND, `«${q}» ran a command`);
      assert.doesNotMatch(text, /Đã mở biểu quyết|Đã chuyển|Đã trả lại/, `«${q}» acted on the proposal`);
    }
    const [{ status: after }] = await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id]);
    assert.equal(after, before);
    // The greeting says what waits for the head; someone with nothing waiting is not told "0".
    assert.match(
      await say('gd.skhcn@test.invalid', 'chào bot'),
      new RegExp(`Xin chào[\\s\\S]*Anh/chị có 1 việc chờ xử lý:[\\s\\S]*${code}`),
    );
    assert.doesNotMatch(await say('pgd3.skhcn@test.invalid', 'xin chào'), /việc chờ xử lý/);
  });
});
