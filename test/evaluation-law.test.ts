// Decree 73 over HTTP, as a head and a proposer see it: a stopped proposal is still evaluated with its
// causes (Art. 11.4); the protection of Art. 11 is told only to those Art. 2 covers (leaders and
// managers), a non-manager is told plainly what applies instead; a proposal not carried out by the policy
// (Art. 4.2, Art. 6) carries no protection.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { registerDecisionFeature } from '../bot/decision/index.js';
import { registerImplementationFeature } from '../bot/implementation/index.js';
import { registerEvaluationFeature } from '../bot/evaluation/index.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createApprovedProposal, statusOf } from './helpers/after-decision-fixtures.js';

describe('evaluation by the decree, over HTTP', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      features: [registerDecisionFeature, registerImplementationFeature, registerEvaluationFeature],
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
      },
    });
  });
  after(async () => h?.close());

  const inbox = async (email: string) => (await h.inbox(email, deterministicAadObjectId(email))).join('\n');
  async function conclusionText(told: string): Promise<string> {
    const link = told.match(/Kết luận đánh giá \(\.docx\): (\S+)/)?.[1];
    assert.ok(link, told);
    const res = await fetch(link);
    assert.equal(res.status, 200);
    return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
  }

  it('a stopped proposal of a non-manager: the head evaluates it with the causes; the proposer is told the decree does not cover him directly', async () => {
    const ds = h.db.dataSource;
    const staff = h.user('cv.skhcn@test.invalid');
    await staff.say('xin chào');
    const { id, code } = await createApprovedProposal(ds, p.scStaff!);
    const head = h.user('gd.skhcn@test.invalid');
    const assigned = await head.execute('impl.assign', {
      proposalId: id,
      implementers: 'cv.skhcn@test.invalid',
      emails: '',
      people: '',
      funding: '',
      equipment: '',
    });
    assert.equal(assigned.status, 200);
    assert.equal(await statusOf(ds, id), 'implementing');

    // The head stops it, typed without diacritics; the card he gets back asks for the evaluation.
    const stopped = allText(await head.say(`dung thuc hien ${code.replace('Đ', 'D')} Ngân sách năm bị cắt giảm`));
    assert.match(stopped, /Đã dừng thực hiện/);
    assert.equal(await statusOf(ds, id), 'stopped');
    assert.match(stopped, /Cơ quan vẫn đánh giá kết quả đạt được/);

    // Art. 4.3 (on by default): the Party committee's opinion first; the evaluation cannot open before it.
    assert.match(stopped, /Ghi ý kiến cấp ủy/);
    assert.match(
      allText(await head.say(`ĐÁNH GIÁ ${code} 2 Xong 30% | Ngân sách bị cắt | Dự toán chưa sát`)),
      /Trước khi đánh giá kết quả, cơ quan báo cáo, xin ý kiến cấp ủy/,
    );
    assert.equal(await statusOf(ds, id), 'stopped');
    const consulted = allText(await head.say(`y kien cap uy ve ket qua ${code.replace('Đ', 'D')} Đảng ủy Sở thống nhất đánh giá`));
    assert.match(consulted, /Đã ghi ý kiến cấp ủy về kết quả/);
    assert.match(consulted, /Mở biểu quyết đánh giá/);

    // Not "completed" for a stopped proposal; the causes are required (Art. 11.4).
    assert.match(allText(await head.say(`ĐÁNH GIÁ ${code} 1 Xong 30%`)), /không thể đánh giá là hoàn thành/);
    assert.match(allText(await head.say(`ĐÁNH GIÁ ${code} 2 Xong 30%`)), /khoản 4 Điều 11/);
    const opened = allText(await head.say(`danh gia ${code} 2 Đã số hóa 30% hồ sơ | Ngân sách năm bị cắt giảm | Dự toán chưa sát`));
    assert.match(opened, /Đã mở đánh giá/);
    assert.equal(await statusOf(ds, id), 'evaluating');
    const met = allText(await head.say(`KẾT QUẢ HỌP ĐÁNH GIÁ ${code} 4 0 CÓ Giám đốc, 3 Phó Giám đốc`));
    assert.match(met, /đã thông qua kết quả đánh giá/);
    assert.equal(await statusOf(ds, id), 'closed');

    const told = await inbox('cv.skhcn@test.invalid');
    assert.match(told, /không thuộc đối tượng áp dụng của Nghị định số 73\/2023\/NĐ-CP \(Điều 2\)/);
    assert.match(told, /Quy định số 32-QĐ\/TU[^.]*cần đối chiếu văn bản chính thức/);
    assert.match(told, /Ngân sách năm bị cắt giảm/);
    assert.doesNotMatch(told, /LOẠI TRỪ TRÁCH NHIỆM/);
    const text = await conclusionText(told);
    assert.match(text, /không thuộc đối tượng áp dụng của Nghị định \(Điều 2\)/);
    assert.match(text, /Dự toán chưa sát/);
    assert.doesNotMatch(text, /được loại trừ trách nhiệm/);
  });

  it("a manager's proposal not carried out by the policy: outcome 4, reasons required, no protection", async () => {
    const ds = h.db.dataSource;
    const chief = h.user('tp.qlkh@test.invalid');
    await chief.say('xin chào');
    const { id, code } = await createApprovedProposal(ds, p.roomChief!);
    const head = h.user('gd.skhcn@test.invalid');
    await head.execute('impl.assign', {
      proposalId: id,
      implementers: 'cv.skhcn@test.invalid',
      emails: '',
      people: '',
      funding: '',
      equipment: '',
    });
    const staff = h.user('cv.skhcn@test.invalid');
    assert.match(
      allText(await staff.say(`BÁO CÁO HOÀN THÀNH ${code} Đã triển khai cho cả các xã ngoài phạm vi`)),
      /Đã ghi nhận báo cáo hoàn thành/,
    );
    const refreshed = await head.execute('impl.refresh', { proposalId: id });
    const card = allText([{ attachments: [{ content: (refreshed.body as { value?: unknown })?.value }] }] as never);
    assert.match(allText(await head.say(`Ý KIẾN CẤP ỦY VỀ KẾT QUẢ ${code} Đảng ủy Sở đề nghị làm rõ phạm vi`)), /Đã ghi ý kiến cấp ủy/);
    const refreshedAfter = await head.execute('impl.refresh', { proposalId: id });
    const formCard = allText([{ attachments: [{ content: (refreshedAfter.body as { value?: unknown })?.value }] }] as never);
    assert.match(card, /Ghi ý kiến cấp ủy/);
    assert.match(formCard, /4\. Không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm/);
    assert.match(allText(await head.say(`ĐÁNH GIÁ ${code} 4 Triển khai ngoài phạm vi`)), /khoản 4 Điều 11/);
    assert.match(
      allText(await head.say(`ĐÁNH GIÁ ${code} 4 Triển khai ngoài phạm vi | Không có | Tự ý mở rộng ra ngoài phạm vi được phê duyệt`)),
      /Đã mở đánh giá/,
    );
    assert.match(allText(await head.say(`KẾT QUẢ HỌP ĐÁNH GIÁ ${code} 4 0 CÓ Tập thể lãnh đạo`)), /đã thông qua kết quả đánh giá/);
    assert.equal(await statusOf(ds, id), 'closed');
    const told = await inbox('tp.qlkh@test.invalid');
    assert.match(told, /không được áp dụng các biện pháp bảo vệ tại Điều 11/);
    assert.match(told, /Tự ý mở rộng ra ngoài phạm vi/);
    assert.doesNotMatch(told, /LOẠI TRỪ TRÁCH NHIỆM/);
    const text = await conclusionText(told);
    assert.match(text, /Không áp dụng các biện pháp bảo vệ tại Điều 11/);
  });
});
