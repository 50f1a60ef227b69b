// The main path over HTTP, as officials use it in Teams: an approved plan → the head assigns the
// implementer (card) → progress and an obstacle (typed, with and without diacritics) → pause and resume →
// the written completion report with a file link → the evaluation vote of the collective leadership →
// the recognition → the proposer is told plainly what it means and gets the conclusion .docx; then the
// yearly report of the unit (narrative typed in chat, files downloaded) and its tracking by Home Affairs.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { registerDecisionFeature } from '../bot/decision/index.js';
import { registerImplementationFeature } from '../bot/implementation/index.js';
import { registerEvaluationFeature } from '../bot/evaluation/index.js';
import { registerAnnualReportFeature } from '../bot/annual-report/index.js';
import { AfterDecisionReminders } from '../services/implementation/after-decision-reminders.js';
import { todayVN } from '../services/calendar/local-date.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createApprovedProposal, statusOf } from './helpers/after-decision-fixtures.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';

describe('after the decision, over HTTP', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      features: [registerDecisionFeature, registerImplementationFeature, registerEvaluationFeature, registerAnnualReportFeature],
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
      },
    });
  });
  after(async () => h?.close());

  const createdFor = (email: string) => h.createdFor(deterministicAadObjectId(email));
  const inbox = async (email: string) => (await h.inbox(email, deterministicAadObjectId(email))).join('\n');
  const cardText = (body: unknown) => allText([{ attachments: [{ content: (body as { value?: unknown })?.value }] }]);

  it('approved plan → assignment → progress, obstacle, pause → completion → evaluation vote → recognition → the proposer is told', async () => {
    const ds = h.db.dataSource;
    const staff = h.user('cv.skhcn@test.invalid');
    await staff.say('xin chào');
    const { id, code } = await createApprovedProposal(ds, p.scStaff!, {
      plan: { startDate: '2026-12-01', endDate: '2027-03-31', milestones: [{ date: '2027-01-15', description: 'Xong quét hồ sơ' }] },
    });
    const feature = h.server.container;
    assert.ok(feature);

    // The approval itself asks the deciding head (who never talked to the bot) to assign, at once; the
    // hourly sweep is only a safety net and finds nothing more to send.
    const [asked] = (await ds.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE proposal_id = $1 AND kind = 'impl.assign'`, [
      id,
    ])) as { n: number }[];
    assert.equal(asked!.n, 1);
    await feature.notifier.retryDue(new Date(Date.now() + 60_000)); // the fixture approved through an outbox-only notifier
    assert.match(createdFor('gd.skhcn@test.invalid').join('\n'), new RegExp(`${code}[\\s\\S]*Giao thực hiện`));
    const sweep = new AfterDecisionReminders(ds, feature.notifier, { config: defaultWorkflowConfig });
    assert.equal((await sweep.run(todayVN())).assignCards, 0);
    // "Việc chờ tôi" shows the waiting assignment.
    const head = h.user('gd.skhcn@test.invalid');
    assert.match(allText(await head.say('việc chờ tôi')), new RegExp(`${code} – .*\\(chờ giao thực hiện\\)`));

    // Someone else cannot assign.
    const intruder = await h
      .user('pgd2.skhcn@test.invalid')
      .execute('impl.assign', { proposalId: id, implementers: 'cv.skhcn@test.invalid' });
    assert.match(cardText(intruder.body), /không phải người được giao/);
    const assigned = await head.execute('impl.assign', {
      proposalId: id,
      implementers: 'cv.skhcn@test.invalid',
      emails: '',
      people: '3 chuyên viên',
      funding: '',
      equipment: '',
    });
    assert.equal(assigned.status, 200);
    assert.match(cardText(assigned.body), /Đã giao thực hiện đề xuất .* Vũ Văn Chuyên/);
    assert.equal(await statusOf(ds, id), 'implementing');
    assert.match(await inbox('cv.skhcn@test.invalid'), /Anh\/chị được giao thực hiện đề xuất/);

    // Nothing waits for the head any more on this proposal once it is assigned.
    assert.doesNotMatch(allText(await head.say('việc chờ tôi')), new RegExp(code));

    // Progress and an obstacle, typed.
    const listed = allText(await staff.say('báo cáo tiến độ'));
    assert.match(listed, new RegExp(`${code}.*thực hiện.*Đang triển khai`));
    const progress = allText(await staff.say(`bao cao tien do ${code.replace('Đ', 'D')} Đã quét 40% hồ sơ`));
    assert.match(progress, /Đã ghi nhận báo cáo tiến độ/);
    assert.match(await inbox('gd.skhcn@test.invalid'), /Báo cáo tiến độ đề xuất .*\n?Đã quét 40% hồ sơ/);
    const obstacle = allText(await staff.say(`VƯỚNG MẮC ${code} Thiếu máy quét`));
    assert.match(obstacle, /Đã ghi nhận vướng mắc .* người đứng đầu\./);
    assert.match(await inbox('gd.skhcn@test.invalid'), /Vướng mắc khi triển khai[\s\S]*Thiếu máy quét/);

    // Pause and resume (head), typed without diacritics; the implementer cannot pause.
    assert.match(allText(await staff.say(`TẠM DỪNG ${code} tự dừng`)), /không phải người được giao/);
    assert.match(allText(await head.say(`tam dung ${code} Chờ bố trí kinh phí`)), /Đã tạm dừng/);
    assert.equal(await statusOf(ds, id), 'paused');
    assert.match(await inbox('cv.skhcn@test.invalid'), /tạm dừng\. Lý do: Chờ bố trí kinh phí/);
    assert.match(allText(await head.say(`tiep tuc trien khai ${code}`)), /được tiếp tục triển khai/);

    // The written completion report with a file link.
    const done = await staff.execute('impl.complete', {
      proposalId: id,
      text: 'Đã số hóa 12.000 hồ sơ, giảm 60% thời gian',
      files: 'https://files.example.invalid/bao-cao-ket-qua.pdf',
    });
    assert.match(cardText(done.body), /Đã ghi nhận báo cáo hoàn thành/);
    assert.equal(await statusOf(ds, id), 'completion_reported');
    const [impl] = (await ds.query(`SELECT completion_files FROM implementation WHERE proposal_id = $1`, [id])) as {
      completion_files: { name: string; url: string }[];
    }[];
    assert.deepEqual(impl!.completion_files, [{ name: 'bao-cao-ket-qua.pdf', url: 'https://files.example.invalid/bao-cao-ket-qua.pdf' }]);
    assert.match(await inbox('gd.skhcn@test.invalid'), /báo cáo hoàn thành đề xuất[\s\S]*Ghi ý kiến cấp ủy/);

    // Decree 73 Art. 4.3: the Party committee's opinion on the results before the evaluation opens.
    const early = await head.execute('eval.open', { proposalId: id, outcome: 'completed', results: 'Xong' });
    assert.match(cardText(early.body), /xin ý kiến cấp ủy/);
    const consulted = await head.execute('eval.party.record', { proposalId: id, comment: 'Đảng ủy Sở nhất trí' });
    assert.match(cardText(consulted.body), /Đã ghi ý kiến cấp ủy về kết quả/);

    // The evaluation: a missing cause is refused for a partial outcome, then the head proposes "completed".
    const refused = await head.execute('eval.open', { proposalId: id, outcome: 'not_completed_pure_motive', results: 'Một phần' });
    assert.match(cardText(refused.body), /khoản 4 Điều 11/);
    const opened = await head.execute('eval.open', { proposalId: id, outcome: 'completed', results: 'Giảm 60% thời gian xử lý hồ sơ' });
    assert.match(cardText(opened.body), /Đã mở đánh giá/);
    assert.match(await inbox('pgd1.skhcn@test.invalid'), /Biểu quyết đánh giá kết quả đề xuất/);
    await h.user('pgd1.skhcn@test.invalid').execute('eval.vote.for', { proposalId: id });
    assert.match(
      allText(await h.user('pgd2.skhcn@test.invalid').say(`tan thanh danh gia ${code.replace('Đ', 'D')}`)),
      /Đã ghi nhận biểu quyết đánh giá/,
    );
    assert.match(
      allText(await h.user('pgd3.skhcn@test.invalid').say(`KHÔNG TÁN THÀNH ĐÁNH GIÁ ${code} Cần thêm số liệu`)),
      /Đã ghi nhận biểu quyết đánh giá/,
    );
    const last = await head.execute('eval.vote.for', { proposalId: id });
    assert.match(cardText(last.body), /đã thông qua kết quả đánh giá/);
    assert.equal(await statusOf(ds, id), 'evaluated');
    assert.match(await inbox('gd.skhcn@test.invalid'), /đánh giá hoàn thành\. Đề nghị ghi nhận hình thức khuyến khích/);

    // Recognition from the configured list.
    const rec = await head.execute('eval.recognize', { proposalId: id, recognitions: 'bieu_duong,de_nghi_khen_thuong', note: '' });
    assert.match(cardText(rec.body), /Đã ghi nhận hình thức khuyến khích/);
    assert.equal(await statusOf(ds, id), 'closed');

    // The proposer is told plainly, with the provision and the conclusion to download.
    const told = await inbox('cv.skhcn@test.invalid');
    // The proposer is a specialist, not a manager: the decree's protection is not told as his (Art. 2).
    assert.match(told, /được tập thể lãnh đạo đánh giá: Hoàn thành\. Anh\/chị không giữ chức vụ lãnh đạo, quản lý/);
    assert.doesNotMatch(told, /Theo khoản 1 Điều 11/);
    assert.match(told, /Hình thức khuyến khích: Biểu dương, khen ngợi kịp thời; Đề nghị khen thưởng/);
    assert.match(told, /cần đối chiếu văn bản chính thức/);
    const link = told.match(/Kết luận đánh giá \(\.docx\): (\S+)/)?.[1];
    assert.ok(link, told);
    const res = await fetch(link);
    assert.equal(res.status, 200);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    assert.match(text, /Hoàn thành đề xuất/);
    assert.match(text, /3\/4 thành viên tán thành/);
    assert.match(text, /Đề nghị khen thưởng/);
    const tampered = await fetch(link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')));
    assert.equal(tampered.status, 404);

    const trail = (await ds.query(
      `SELECT from_status, to_status FROM audit_event WHERE proposal_id = $1 AND from_status IS DISTINCT FROM to_status ORDER BY id`,
      [id],
    )) as { from_status: string; to_status: string }[];
    assert.deepEqual(trail.map((x) => x.to_status).slice(-7), [
      'implementing',
      'paused',
      'implementing',
      'completion_reported',
      'evaluating',
      'evaluated',
      'closed',
    ]);
  });

  it('the yearly report in chat: the head writes the narrative, downloads the files and submits; Home Affairs tracks', async () => {
    const year = Number(todayVN().slice(0, 4));
    const staffAnswer = allText(await h.user('cv.skhcn@test.invalid').say(`báo cáo năm ${year}`));
    assert.match(staffAnswer, /người đứng đầu cơ quan/);
    const head = h.user('gd.skhcn@test.invalid');
    const card = allText(await head.say(`bao cao nam ${year}`));
    assert.match(card, new RegExp(`Báo cáo năm ${year}: Sở Khoa học và Công nghệ`));
    assert.match(card, /Kế hoạch tiếp nhận/);
    assert.match(allText(await head.say(`TUYÊN TRUYỀN ${year} Tổ chức 2 hội nghị quán triệt Nghị định 73.`)), /Đã lưu nội dung báo cáo/);
    const generated = allText(await head.say(`tạo báo cáo năm ${year}`));
    const docx = generated.match(/Báo cáo \(\.docx\): (\S+)/)?.[1];
    const xlsx = generated.match(/Phụ lục \(\.xlsx[^)]*\): (\S+)/)?.[1];
    assert.ok(docx && xlsx, generated);
    const d = await fetch(docx);
    assert.equal(d.status, 200);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await d.arrayBuffer()) })).value;
    assert.match(text, /Tổ chức 2 hội nghị quán triệt/);
    assert.match(text, /Kế hoạch đề xuất tiếp nhận trong năm\s*1/);
    assert.match(text, /Đã đánh giá: hoàn thành\s*1/);
    const x = await fetch(xlsx);
    assert.equal(x.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    assert.equal(wb.getWorksheet('Danh sách đề xuất')!.rowCount, 2);

    assert.match(allText(await head.say(`nộp báo cáo năm ${year}`)), /Đã ghi nhận đơn vị nộp báo cáo năm/);
    assert.match(await inbox('gd.snv@test.invalid'), /Sở Khoa học và Công nghệ đã nộp báo cáo năm/);
    const province = allText(await h.user('gd.snv@test.invalid').say(`báo cáo năm ${year}`));
    assert.match(province, /Báo cáo năm \d{4} của tỉnh/);
    assert.match(province, /1\/5 cơ quan, đơn vị đã nộp/);
    assert.match(province, /Sở Tài chính/);
  });
});
