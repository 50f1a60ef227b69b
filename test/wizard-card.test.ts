// The single-card path on Teams: the whole plan in one Adaptive Card form (Action.Execute 'plan.saveForm'),
// checked by the same rules as the steps, then the review card, submission, and the .docx by link.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { registerFileConsent } from '../bot/teams/file-consent.js';
import { startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, NEXT_YEAR, plain } from './helpers/wizard-script.js';
import { allText, fileConsentOf, fileLinkOf } from './helpers/bot-harness.js';

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
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerProposalFeature, registerFileConsent] });
    user = h.user(MANAGER);
    const replies = await user.say('tạo đề xuất');
    const offer = replies
      .flatMap((r) => r.attachments ?? [])
      .map((a) => a.content as Card)
      .find((c) => c.actions?.some((a) => a.verb === 'plan.form'));
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
    assert.deepEqual(
      card.actions!.map((a) => [a.type, a.verb]),
      [['Action.Execute', 'plan.saveForm']],
    );
  });

  it('validates on the server with the wizard rules, saves what is valid and keeps what was typed', async () => {
    const bad = { ...FORM, proposalId, title: 'Ngắn', endDate: `${NEXT_YEAR}-01-15`, c2Met: '', c2Reason: 'lý do mà không chọn' };
    const { body } = await user.execute('plan.saveForm', bad);
    const card = body!.value as Card;
    const text = plain(card.body.map((b) => b.text ?? '').join('\n'));
    assert.match(text, /Có mục chưa đúng/);
    assert.match(text, /Tên đề xuất quá ngắn \(4 ký tự\)/);
    assert.match(text, /Ngày kết thúc 15\/01\/\d{4} phải sau ngày bắt đầu/);
    assert.match(text, /Điều kiện 2: anh\/chị chọn “Có” hoặc “Không”/);
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
    // Few buttons (Teams hides the rest behind "…"): the edits behind one "Sửa một phần".
    assert.ok(review.actions!.length <= 3, JSON.stringify(review.actions!.map((a) => a.title)));
    const edits = (review.actions as unknown as { type: string; card?: { actions: { verb: string }[] } }[]).find(
      (a) => a.type === 'Action.ShowCard',
    )!.card!.actions;
    assert.ok(edits.filter((a) => a.verb === 'plan.edit').length >= 7, 'an edit action per section');

    // A card from before the last change is refused as stale.
    const stale = await user.execute('plan.submit', { ...submit.data, version: Number(submit.data.version) - 1 });
    assert.match(plain(allText(stale.replies)), /Kế hoạch đã thay đổi sau khi anh\/chị mở thẻ xem lại/);

    const done = await user.execute('plan.submit', submit.data);
    // The clicked review card keeps the plan and says it was sent, with nothing left to press.
    const kept = done.body!.value as Card;
    const keptText = plain(kept.body.map((b) => b.text ?? '').join('\n'));
    assert.match(keptText, /Đã gửi lúc \d{2}:\d{2}, mã ĐX-\d{4}-0001/);
    assert.ok(keptText.includes(FORM.necessity), 'the plan is still on the card');
    assert.equal(kept.actions, undefined);
    const said = plain(allText(done.replies));
    const year = new Date().getFullYear();
    assert.match(said, new RegExp(`Đã gửi đề xuất ĐX-${year}-0001`));
    const file = fileLinkOf(done.replies);
    assert.ok(file, 'the plan comes as a card with a download button on Teams');
    assert.match(file.name, /^ke-hoach-DX-\d{4}-0001\.docx$/);
    assert.ok(!done.replies.some((r) => r.attachments?.some((a) => a.contentUrl)), 'never a file attachment by URL: Teams refuses it');
    assert.ok(fileConsentOf(done.replies), 'and, in a personal chat, the file itself through file consent');

    const again = await user.execute('plan.submit', submit.data);
    assert.match(plain(allText(again.replies)), new RegExp(`đã được gửi \\(mã ĐX-${year}-0001\\)`));
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal_revision WHERE kind = 'submission'`);
    assert.equal(n, 1);

    // The link serves the Decree 30 document holding every section of the plan.
    const res = await fetch(file.url);
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
    const url = new URL(file.url);
    const tampered = url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await fetch(`${url.origin}${tampered}`)).status, 404);
  });

  it('hands the plan over by file consent in a personal chat: accept uploads it, decline leaves the link', async () => {
    const code = `ĐX-${new Date().getFullYear()}-0001`;
    const replies = await user.say(`tải kế hoạch ${code}`);
    const link = fileLinkOf(replies);
    assert.ok(link, 'the link card comes first, for every client');
    const consent = fileConsentOf(replies);
    assert.ok(consent, 'then the consent card');
    const download = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    // The .docx carries its creation time, so two renderings differ by a few bytes.
    assert.ok(Math.abs(Number(consent.content.sizeInBytes) - download.length) < 64, 'the consent card gives the size of the file');

    const accepted = await user.answerFileConsent(consent, true);
    assert.equal(accepted.status, 200);
    const uploaded = h.connector.uploads.get(accepted.upload!.id);
    assert.ok(uploaded && uploaded.data.length > 0, 'uploaded where Teams said');
    const text = async (b: Buffer) => (await mammoth.extractRawText({ buffer: b })).value;
    assert.equal(await text(uploaded.data), await text(download), 'the same document as the link serves');
    const info = accepted.replies
      .flatMap((r) => r.attachments ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
    assert.equal(info?.contentUrl, uploaded!.url);
    assert.ok(
      h.connector.activities.some((a) => a.operation === 'deleteActivity' && a.activityId === consent.activityId),
      'the answered consent card is taken away',
    );

    // "Tải kế hoạch" pressed on the list: the file comes as new messages, the list stays whole.
    const pressed = await user.execute('plan.download', { proposalId });
    assert.ok(fileLinkOf(pressed.replies));
    const listText = plain((pressed.body!.value as Card).body.map((b) => b.text ?? '').join('\n'));
    assert.match(listText, new RegExp(`Đã gửi kế hoạch ${code} ở tin nhắn mới[\\s\\S]*${code}`));

    const again = fileConsentOf(await user.say(`tải kế hoạch ${code}`))!;
    const declined = await user.answerFileConsent(again, false);
    assert.equal(declined.status, 200);
    assert.match(allText(declined.replies), /chưa lưu tệp vào OneDrive; vẫn có thể tải về/);

    // A forged context uploads nothing.
    const forged = await user.answerFileConsent({ ...again, content: { acceptContext: { url: `${link.url}x`, name: 'x.docx' } } }, true);
    assert.equal(forged.status, 200);
    assert.equal(h.connector.uploads.get(forged.upload!.id)!.data.length, 0);
    assert.match(allText(forged.replies), /đã hết hạn/);
  });

  it('shares one wizard state between the chat and the form: half typed, half in the form, submitted by typing', async () => {
    const offer = (await user.say('tạo đề xuất'))
      .flatMap((r) => r.attachments ?? [])
      .map((a) => a.content as Card)
      .find((c) => c.actions?.some((a) => a.verb === 'plan.form'))!;
    const id = String(offer.actions!.find((a) => a.verb === 'plan.form')!.data.proposalId);
    await user.say('Liên thông hồ sơ hộ tịch giữa xã và huyện');
    await user.say('1');
    // The form comes pre-filled with what was typed; the rest is filled in it.
    const form = await user.execute('plan.form', { proposalId: id });
    const prefilled = new Map((form.body!.value as Card).body.filter((b) => b.id).map((b) => [b.id!, b.value]));
    assert.equal(prefilled.get('title'), 'Liên thông hồ sơ hộ tịch giữa xã và huyện');
    const saved = await user.execute('plan.saveForm', {
      ...FORM,
      title: prefilled.get('title'),
      field: prefilled.get('field'),
      proposalId: id,
    });
    assert.match(plain(JSON.stringify(saved.body)), /Xem lại kế hoạch đề xuất/);
    const typed = plain(allText(await user.say('gửi đề xuất')));
    assert.match(typed, /Đã gửi đề xuất ĐX-\d{4}-0002/, typed);
    const [row] = await h.db.dataSource.query(`SELECT status, plan FROM proposal WHERE id = $1`, [id]);
    assert.notEqual(row.status, 'draft');
    assert.equal(row.plan.title, 'Liên thông hồ sơ hộ tịch giữa xã và huyện');
  });
});
