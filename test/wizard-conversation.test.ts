// The wizard over HTTP, as data-driven conversations: what the officer types, what the bot must answer.
import assert from 'node:assert/strict';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { allText, fileLinkOf, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL_PLAN, MANAGER, NEXT_YEAR, plain, run, STAFF } from './helpers/wizard-script.js';
import { seedTestDirectory } from './helpers/test-directory.js';

describe('wizard: the plan step by step over HTTP', function () {
  let h: BotHarness;

  // One bot for the file (a start costs about half a second); each test starts from no proposal.
  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerProposalFeature] });
  });
  beforeEach(async () => h.clearProposals());
  after(async () => h?.close());

  it('walks a manager through the whole plan, saving every answer, then submits it', async () => {
    const user = h.user(MANAGER);
    await run(user, FULL_PLAN);
    const [row] = await h.db.dataSource.query(`SELECT status, title, field, plan FROM proposal`);
    assert.equal(row.status, 'draft');
    assert.equal(row.title, 'Số hóa hồ sơ cấp phép xây dựng tại xã');
    assert.equal(row.field, 'chuyen_doi_so');
    assert.equal(row.plan.fundingAmount, '150000000');
    assert.equal(row.plan.purpose, 'Rút ngắn thời gian cấp phép xây dựng.');
    assert.deepEqual(row.plan.conditions.c3, { met: true, reason: 'hồ sơ tồn đọng nhiều' });
    const [{ edits }] = await h.db.dataSource.query(`SELECT count(*)::int AS edits FROM proposal_revision WHERE kind = 'edit'`);
    assert.equal(edits, 25, 'one revision per answer');

    const submitted: unknown[] = [];
    h.server.container.events.on('submitted', (e) => void submitted.push(e));
    const replies = await user.say('gửi đề xuất');
    const text = allText(replies);
    assert.match(text, new RegExp(`Đã gửi đề xuất ĐX-${new Date().getFullYear()}-0001`));
    assert.match(fileLinkOf(replies)?.name ?? '', /ke-hoach-DX-\d{4}-0001\.docx/);
    const [after] = await h.db.dataSource.query(`SELECT status, code, current_revision, submitted_at FROM proposal`);
    assert.equal(after.status, 'submitted');
    assert.equal(after.current_revision, 1);
    assert.ok(after.submitted_at);
    assert.equal(submitted.length, 1);
    const audit = await h.db.dataSource.query(`SELECT action, to_status FROM audit_event ORDER BY id`);
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ['draft_created', 'submitted'],
    );
    // The wizard is over: the next message is not taken as an answer.
    assert.match(
      plain(allText(await user.say('đề xuất của tôi'))),
      /ĐX-\d{4}-0001 – Số hóa hồ sơ cấp phép xây dựng tại xã: Đã gửi, đang chuyển[\s\S]*Tải kế hoạch/,
    );
  });

  it('says exactly what is wrong, shows back what was typed and asks again', async () => {
    const user = h.user(MANAGER);
    await run(user, [
      ['tạo đề xuất', /Bước 1\/25/],
      ['Ngắn', /Tên đề xuất quá ngắn \(4 ký tự\); cần ít nhất 10 ký tự\.[\s\S]*Anh\/chị đã gõ: «Ngắn»[\s\S]*Mời anh\/chị nhập lại/],
      ['Số hóa hồ sơ cấp phép xây dựng', /Bước 2\/25/],
      ['thể thao', /Không có lĩnh vực “thể thao”/],
      ['2', /Bước 3\/25/],
      ['bỏ qua', /Mục này bắt buộc/],
      ['quay lại', /Bước 2\/25[\s\S]*Nội dung hiện có: «Chuyển đổi số»[\s\S]*giữ nguyên/],
      ['giữ nguyên', /Bước 3\/25/],
      // Art. 7.2(a): the purpose and the requirements are required, like the necessity.
      ['Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.', /Bước 4\/25[\s\S]*Mục đích/],
      ['bỏ qua', /Mục này bắt buộc/],
      ['Rút ngắn thời gian cấp phép xây dựng.', /Bước 5\/25[\s\S]*Yêu cầu/],
      ['bo qua', /Mục này bắt buộc/],
    ]);
  });

  it('a "Không" to an Art. 5 condition is warned plainly; the review asks to confirm the authority (Art. 4.2) and states Art. 6', async () => {
    const user = h.user(MANAGER);
    await run(user, FULL_PLAN.slice(0, 22));
    await run(user, [
      [
        'Không, chưa rõ có điểm nghẽn',
        /Lưu ý: anh\/chị trả lời “Không” ở điều kiện 1 \(Điều 5\)[\s\S]*có thể không được xem là đề xuất đổi mới, sáng tạo[\s\S]*Bước 23\/25/,
      ],
      // A "Có" is not warned.
      ['Có, người dân được lợi', /^(?![\s\S]*trả lời “Không”)[\s\S]*Bước 24\/25/],
      ['Có - hồ sơ tồn đọng nhiều', /Bước 25\/25/],
      [
        'Có, ứng dụng công nghệ thông tin',
        /Xem lại kế hoạch đề xuất[\s\S]*thuộc thẩm quyền xem xét, quyết định của cơ quan[\s\S]*khoản 2 Điều 4[\s\S]*Điều 6 nghiêm cấm/,
      ],
    ]);
  });

  it('rejects past dates, an end before the start and money it cannot read', async () => {
    const user = h.user(MANAGER);
    await run(user, FULL_PLAN.slice(0, 11));
    await run(user, [
      ['01/01/2020', /Ngày bắt đầu 01\/01\/2020 đã qua/],
      ['31/02/' + NEXT_YEAR, /không phải một ngày hợp lệ/],
      [`01/03/${NEXT_YEAR}`, /Bước 12\/25/],
      [`01/02/${NEXT_YEAR}`, new RegExp(`Ngày kết thúc 01/02/${NEXT_YEAR} phải sau ngày bắt đầu \\(01/03/${NEXT_YEAR}\\)`)],
      [`31/12/${NEXT_YEAR}`, /Bước 13\/25/],
      [`30/06/${NEXT_YEAR + 1}: quá hạn`, /ở sau ngày kết thúc/],
      ['bỏ qua', /Bước 14\/25/],
      ['bỏ qua', /Bước 15\/25/],
      ['nhiều tiền', /Không hiểu số tiền “nhiều tiền”/],
      ['không', /Bước 17\/25[\s\S]*Trang thiết bị/],
    ]);
  });

  it('saves a draft on "lưu nháp", resumes it at the first empty step, and cancels with confirmation', async () => {
    const user = h.user(MANAGER);
    await run(user, FULL_PLAN.slice(0, 4));
    await run(user, [
      ['lưu nháp', /Đã lưu bản nháp “Số hóa hồ sơ cấp phép xây dựng tại xã”/],
      ['tiếp tục', /Làm tiếp bản nháp[\s\S]*Bước 4\/25[\s\S]*Mục đích/],
      ['xem lại', /Xem lại kế hoạch đề xuất[\s\S]*\(chưa điền\)[\s\S]*Bước 4\/25/],
      ['hủy', /có chắc muốn hủy/],
      ['không', /vẫn được giữ nguyên[\s\S]*Bước 4\/25/],
      ['hủy', /có chắc muốn hủy/],
      ['có', /Đã hủy đề xuất/],
      ['tiếp tục', /chưa có bản nháp nào/],
    ]);
    const [row] = await h.db.dataSource.query(`SELECT status FROM proposal`);
    assert.equal(row.status, 'withdrawn');
  });

  it('keeps several drafts, lists them, resumes one by number and deletes one', async () => {
    const user = h.user(MANAGER);
    await run(user, [
      ['tạo đề xuất', /Bước 1\/25/],
      ['Đề xuất thứ nhất về số hóa', /Bước 2\/25/],
      ['thoát', /Đã lưu bản nháp “Đề xuất thứ nhất về số hóa”/],
      ['tạo đề xuất', /Bước 1\/25/],
      ['Đề xuất thứ hai về một cửa', /Bước 2\/25/],
      ['lưu nháp', /Đã lưu bản nháp “Đề xuất thứ hai về một cửa”/],
      ['tiếp tục', /Bản nháp của anh\/chị[\s\S]*Đề xuất thứ hai về một cửa[\s\S]*Đề xuất thứ nhất về số hóa/],
      ['tiếp tục 2', /Làm tiếp bản nháp “Đề xuất thứ nhất về số hóa”[\s\S]*Bước 2\/25/],
      ['lưu nháp', /Đã lưu/],
      ['xóa nháp 1', /Xóa bản nháp “Đề xuất thứ hai về một cửa”\?/],
      ['xác nhận xóa nháp 1', /Đã xóa bản nháp “Đề xuất thứ hai về một cửa”/],
      ['tiếp tục 5', /Không có bản nháp số 5; anh\/chị có 1 bản nháp/],
      ['đề xuất của tôi', /Bản nháp – Đề xuất thứ nhất về số hóa: Đang soạn[\s\S]*Làm tiếp: Đề xuất thứ nhất về số hóa/],
    ]);
  });

  it('edits one section from the review and comes back to the review', async () => {
    const user = h.user(MANAGER);
    await run(user, FULL_PLAN);
    await run(user, [
      [
        'sửa nguồn lực',
        /Sửa Phần b\) Nguồn lực và tính khả thi[\s\S]*Bước 14\/25 · [^\n]*Nhân lực[\s\S]*Nội dung hiện có: «2 công chức một cửa»/,
      ],
      ['giữ nguyên', /Bước 15\/25[\s\S]*Kinh phí[\s\S]*Nội dung hiện có: «150\.000\.000 đồng»/],
      ['1,2 tỷ', /Bước 16\/25[\s\S]*Nguồn kinh phí/],
      ['giữ nguyên', /Bước 17\/25/],
      ['bỏ qua', /Bước 18\/25/],
      ['giữ nguyên', /Xem lại kế hoạch đề xuất[\s\S]*1\.200\.000\.000 đồng; nguồn: Chi thường xuyên của xã/],
      // A question at the review is answered, then the review is shown again.
      ['cái gì đây', /Xem lại kế hoạch đề xuất[\s\S]*“gửi đề xuất” để gửi/],
      ['sửa phần a', /Bước 3\/25/],
      ['lưu nháp', /Đã lưu bản nháp/],
    ]);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal`);
    assert.equal(row.plan.fundingAmount, '1200000000');
  });

  it('tells a non-manager how the decree applies, then lets them go on (rule "warn")', async () => {
    const user = h.user(STAFF);
    const text = allText(await user.say('tôi có ý tưởng'));
    assert.match(text, /không giữ chức vụ quản lý[\s\S]*vẫn có thể soạn/);
    assert.match(text, /Bước 1\/25/);
    await user.say('lưu nháp');
    const again = allText(await user.say('tạo đề xuất'));
    assert.match(again, /Bước 1\/25/);
    assert.doesNotMatch(again, /không giữ chức vụ quản lý/, 'the warning once per conversation');
  });

  it('stops a non-manager when the province configures the rule "block"', async () => {
    // The rules file is read at start-up: a server of its own, on the same database, with "block".
    const dir = await mkdtemp(join(tmpdir(), 'quy-tac-'));
    const file = join(dir, 'workflow.yaml');
    await writeFile(file, 'coverage:\n  nonManagerRule: block\n');
    const blocking = await startHarness({ db: h.db, env: { WORKFLOW_CONFIG_FILE: file } });
    try {
      const before = await h.db.dataSource.query(`SELECT id FROM proposal`);
      const text = allText(await blocking.user(STAFF, { conversationId: 'chan-quan-ly' }).say('tạo đề xuất'));
      assert.match(text, /chỉ cho phép cán bộ lãnh đạo, quản lý lập đề xuất/);
      assert.doesNotMatch(text, /Bước 1/);
      assert.deepEqual(await h.db.dataSource.query(`SELECT id FROM proposal`), before);
      assert.match(
        allText(await blocking.user(MANAGER, { conversationId: 'quan-ly-van-lap' }).say('tạo đề xuất')),
        /Bước 1\/25/,
        'managers are not concerned',
      );
    } finally {
      await blocking.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
