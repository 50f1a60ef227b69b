// The single-card path on Teams: the whole plan in one Adaptive Card form (Action.Execute 'plan.saveForm'),
// checked by the same rules as the steps, then the review card, submission, and the .docx by link.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, NEXT_YEAR, plain } from './helpers/wizard-script.js';
import { allText } from './helpers/bot-harness.js';

interface Card {
  type: string;
  version: string;
  body: { type: string; id?: string; value?: unknown; text?: string; isMultiline?: boolean }[];
  actions?: { type: string; verb: string; title: string; data: Record<string, unknown> }[];
}

const FORM = {
  title: 'Một cửa điện tử liên thông cấp xã',
  field: 'cai_cach_hanh_chinh',
  necessity: 'Người dân phải nộp hồ sơ giấy tại nhiều nơi, mất nhiều ngày đi lại và dễ thất lạc hồ sơ.',
  purpose: 'Liên thông hồ sơ điện tử giữa xã và huyện.',
  requirements: 'Bảo mật dữ liệu cá nhân của người dân.',
  bottleneck: 'Chưa có quy chế phối hợp liên thông điện tử giữa xã và huyện.',
  uncoveredDocuments: '',
  content: 'Ban hành quy chế liên thông, kết nối phần mềm một cửa, tập huấn cán bộ hai cấp.',
  scope: 'Toàn bộ các xã của huyện Bảo Thắng',
  implementers: 'Tôi chủ trì; Văn phòng UBND huyện phối hợp',
  startDate: `${NEXT_YEAR}-02-01`,
  endDate: `${NEXT_YEAR}-11-30`,
  milestones: `31/05/${NEXT_YEAR}: ban hành quy chế`,
  resourcesPeople: '',
  fundingAmount: '250000000',
  fundingSource: 'Ngân sách huyện',
  equipment: '',
  feasibility: 'Phần mềm một cửa đã có sẵn, chỉ cần cấu hình liên thông; cán bộ đã quen dùng.',
  positiveImpacts: 'Giảm đi lại cho người dân.',
  negativeImpacts: '',
  expectedResults: '80% hồ sơ liên thông được xử lý trực tuyến, thời gian giảm một nửa.',
  c1Met: 'yes',
  c1Reason: 'Chưa có quy chế liên thông điện tử',
  c2Met: 'yes',
  c2Reason: 'Người dân được lợi trực tiếp',
  c3Met: 'yes',
  c3Reason: 'Hồ sơ tồn đọng nhiều',
  c4Met: 'no',
  c4Reason: 'Chủ yếu là phối hợp, ít phân cấp',
};

describe('wizard: the single Teams card form', function () {
  // Starting the bot on a fresh PGlite runs every migration: allow for a loaded machine.
  this.timeout(180_000);
  let h: BotHarness;
  let user: TestUser;
  let proposalId: string;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerProposalFeature] });
    user = h.user(MANAGER);
    const replies = await user.say('tạo đề xuất');
    const offer = replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as Card).find((c) => c.actions?.some((a) => a.verb === 'plan.form'));
    assert.ok(offer, 'Teams offers the one-card form');
    proposalId = String(offer!.actions!.find((a) => a.verb === 'plan.form')!.data.proposalId);
  });
  after(async () => h?.close());

  it('opens an Adaptive Card 1.5 form with every field, pre-filled from the draft', async () => {
    await user.say('Tên đã gõ theo từng bước');
    const { status, body } = await user.execute('plan.form', { proposalId });
    assert.equal(status, 200);
    const card = body!.value as Card;
    assert.equal(card.version, '1.5');
    const inputs = new Map(card.body.filter((b) => b.type.startsWith('Input.')).map((b) => [b.id!, b]));
    for (const key of Object.keys(FORM)) assert.ok(inputs.has(key), `input ${key}`);
    assert.equal(inputs.get('title')!.value, 'Tên đã gõ theo từng bước');
    assert.equal(inputs.get('necessity')!.isMultiline, true);
    assert.equal(inputs.get('startDate')!.type, 'Input.Date');
    assert.equal(inputs.get('fundingAmount')!.type, 'Input.Number');
    assert.equal(inputs.get('field')!.type, 'Input.ChoiceSet');
    assert.equal(inputs.get('c1Met')!.type, 'Input.ChoiceSet');
    assert.deepEqual(card.actions!.map((a) => [a.type, a.verb]), [['Action.Execute', 'plan.saveForm']]);
  });

  it('validates on the server with the wizard rules, saves what is valid and keeps what was typed', async () => {
    const bad = { ...FORM, proposalId, title: 'Ngắn', endDate: `${NEXT_YEAR}-01-15`, c2Met: '', c2Reason: 'lý do mà không chọn' };
    const { body } = await user.execute('plan.saveForm', bad);
    const card = body!.value as Card;
    const text = plain(card.body.map((b) => b.text ?? '').join('\n'));
    assert.match(text, /Có mục chưa đúng/);
    assert.match(text, /Tên đề xuất quá ngắn \(4 ký tự\)/);
    assert.match(text, /Ngày kết thúc 15\/01\/\d{4} phải sau ngày bắt đầu/);
    assert.match(text, /Điều kiện 2: anh\/chị chọn "Có" hoặc "Không"/);
    const inputs = new Map(card.body.filter((b) => b.id).map((b) => [b.id!, b.value]));
    assert.equal(inputs.get('title'), 'Ngắn', 'what was typed is shown back');
    assert.equal(inputs.get('endDate'), `${NEXT_YEAR}-01-15`);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal WHERE id = $1`, [proposalId]);
    assert.equal(row.plan.title, 'Tên đã gõ theo từng bước', 'an invalid title is not saved');
    assert.equal(row.plan.necessity, FORM.necessity, 'valid fields are saved');
    assert.equal(row.plan.endDate, undefined);
  });

  it('answers a complete form with the review card, and submits once from it', async () => {
    const { body } = await user.execute('plan.saveForm', { ...FORM, proposalId });
    const review = body!.value as Card;
    const text = plain(review.body.map((b) => b.text ?? '').join('\n'));
    assert.match(text, /Xem lại kế hoạch đề xuất/);
    assert.match(text, /250\.000\.000 đồng; nguồn: Ngân sách huyện/);
    assert.match(text, /Điều kiện 4: Không, Chủ yếu là phối hợp/);
    const submit = review.actions!.find((a) => a.verb === 'plan.submit')!;
    assert.ok(submit);
    assert.ok(review.actions!.filter((a) => a.verb === 'plan.edit').length >= 7, 'an edit action per section');

    // A card from before the last change is refused as stale.
    const stale = await user.execute('plan.submit', { ...submit.data, version: Number(submit.data.version) - 1 });
    assert.match(plain(allText(stale.replies)), /Kế hoạch đã thay đổi sau khi anh\/chị mở thẻ xem lại/);

    const done = await user.execute('plan.submit', submit.data);
    const said = plain(allText(done.replies));
    const year = new Date().getFullYear();
    assert.match(said, new RegExp(`Đã gửi đề xuất ĐX-${year}-0001`));
    const file = done.replies.flatMap((r) => r.attachments ?? []).find((a) => a.name?.endsWith('.docx'));
    assert.ok(file?.contentUrl, 'the plan comes as a file on Teams');
    assert.equal(file!.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const again = await user.execute('plan.submit', submit.data);
    assert.match(plain(allText(again.replies)), new RegExp(`đã được gửi \\(mã ĐX-${year}-0001\\)`));
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal_revision WHERE kind = 'submission'`);
    assert.equal(n, 1);

    // The link serves the Decree 30 document holding every section of the plan.
    const res = await fetch(file!.contentUrl!);
    assert.equal(res.status, 200);
    const { value: docText } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'KẾ HOẠCH',
      `ĐX-${year}-0001`,
      FORM.title,
      'Cải cách hành chính',
      'I. Sự cần thiết, mục đích, yêu cầu',
      FORM.necessity,
      FORM.bottleneck,
      'II. Nội dung, nhiệm vụ, giải pháp',
      FORM.content,
      FORM.scope,
      FORM.implementers,
      'ban hành quy chế',
      '250.000.000 đồng; nguồn kinh phí: Ngân sách huyện',
      FORM.feasibility,
      'III. Tác động và kết quả dự kiến',
      FORM.positiveImpacts,
      FORM.expectedResults,
      'Chủ yếu là phối hợp, ít phân cấp',
      'Sở Khoa học và Công nghệ',
      'Hoàng Văn Trưởng',
    ]) {
      assert.ok(docText.toUpperCase().includes(expected.toUpperCase()), `the document holds «${expected}»`);
    }

    // A tampered token is refused.
    const url = new URL(file!.contentUrl!);
    const tampered = url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await fetch(`${url.origin}${tampered}`)).status, 404);
  });
});
