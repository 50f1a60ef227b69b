// Answering policy questions: curated pack on an empty knowledge base, official quotes after an import,
// diacritic-less and misspelt questions, refusals, the Decree 73/2024 collision, follow-ups, renderings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { articleText, KB_SHOW_ARTICLE_VERB, policyAnswerAdaptiveCard, policyAnswerText } from '../bot/knowledge/policy-answer-card.js';
import { importDocument, removeDocument } from '../services/knowledge/knowledge-store.js';
import { PolicyAnswerer } from '../services/knowledge/policy-answerer.js';
import { loadDevQuestions, loadHoldoutQuestions, runQaEvaluation, TARGETS } from '../knowledge/eval/run-eval.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { assertRefused } from './helpers/knowledge-fixture.js';

const FIX = path.join(__dirname, 'fixtures/knowledge');
const LETTER = readFileSync(path.join(__dirname, '../knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt'), 'utf8');

describe('knowledge: answers', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let answerer: PolicyAnswerer;

  before(async () => {
    db = await openTestDatabase();
    answerer = new PolicyAnswerer(db.dataSource, { llm: null, config: { refreshSeconds: 0, minCoverage: 0.5 } });
  });
  after(async () => db?.dispose());

  it('answers the review time limit from the curated pack with Điều 8, saying it is a summary', async () => {
    const a = await answerer.answer('Thời hạn xem xét kế hoạch đề xuất là bao lâu?');
    assert.equal(a.kind, 'curated');
    assert.equal(a.confident, true);
    assert.equal(a.citations[0].citation, 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP');
    assert.equal(a.citations[0].source, 'curated');
    assert.match(a.answer, /07 ngày làm việc/);
    assert.match(a.answer, /tóm tắt/);
    assert.equal(a.quote, undefined);
  });

  it('understands questions without diacritics and with typos', async () => {
    const plain = await answerer.answer('thoi han xem xet ke hoach de xuat la bao lau');
    assert.equal(plain.citations[0].citation, 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP');
    assert.ok(plain.confident);
    const typo = await answerer.answer('de xuat that bai thi can bo co bi ky luatt khong');
    assert.ok(typo.confident);
    assert.equal(typo.citations[0].citation, 'khoản 2 Điều 11 Nghị định 73/2023/NĐ-CP');
  });

  it('says the official text must be checked for a secondary or unknown provision', async () => {
    const secondary = await answerer.answer('Đề xuất đổi mới sáng tạo phải đáp ứng điều kiện gì?');
    assert.equal(secondary.citations[0].confidence, 'secondary');
    assert.match(secondary.answer, /kiểm tra văn bản chính thức/);
    const unknown = await answerer.answer('khoản 2 điều 8');
    assert.equal(unknown.citations[0].citation, 'khoản 2 Điều 8 Nghị định 73/2023/NĐ-CP');
    assert.match(unknown.answer, /đối chiếu văn bản chính thức/);
  });

  it('refuses out-of-scope questions and suggests topics', async () => {
    for (const q of ['Giá vàng hôm nay bao nhiêu?', 'Thủ tục đăng ký kết hôn cần giấy tờ gì?', 'cach nau pho bo']) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'not_found', q);
      assert.equal(a.confident, false);
      assert.ok(a.suggestions.length > 0);
      assert.match(a.answer, /chưa tìm thấy quy định/);
    }
    const empty = await answerer.answer('   ?? ');
    assert.equal(empty.kind, 'not_found');
  });

  it('tells a question about base salary under "Nghị định 73" that it is another decree, but answers the early salary step', async () => {
    // The 2024 decree's bonus regime ("tiền thưởng định kỳ") named under the bare number, too.
    for (const q of [
      'Nghị định 73/2024 quy định lương cơ sở bao nhiêu?',
      'luong co so theo nd73 la bao nhieu',
      'Nghị định 73 về tiền thưởng định kỳ thì chi cho viên chức theo tiêu chí gì?',
      // Base pay "raised" is the 2024 decree too; a salary step raised early is Art. 10 (below).
      'Nghị định 73 nâng lương cơ sở lên bao nhiêu?',
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'collision', q);
      assert.equal(a.citations.length, 0);
      assert.match(a.answer, /Nghị định 73\/2024\/NĐ-CP là văn bản khác/);
      assert.doesNotMatch(a.answer, /Điều \d+ Nghị định 73\/2023/);
    }
    const early = await answerer.answer('Hoàn thành đề xuất có được nâng lương trước thời hạn không?');
    assert.equal(early.citations[0].citation, 'Điều 10 Nghị định 73/2023/NĐ-CP');
  });

  it('answers a pack document named with nothing else asked from its overview, and a real question from its rule', async () => {
    for (const [q, entry] of [
      ['nđ 73/2023 là gì', 'nd73-tong-quan'],
      ['nd73 noi ve cai gi', 'nd73-tong-quan'],
      ['NĐ 73 gồm mấy chương, mấy điều?', 'nd73-tong-quan'],
      ['QĐ 32 là gì?', 'qd32-tong-quan'],
    ]) {
      const a = await answerer.answer(q);
      assert.ok(a.confident, q);
      assert.equal(a.citations[0].entryId, entry, q);
    }
    // The decree asked for as a whole in a longer request, read by the rule alone (no question memory); its steps
    // asked for are the procedure.
    const rulesOnly = new PolicyAnswerer(db.dataSource, { llm: null, examples: [], config: { refreshSeconds: 0, minCoverage: 0.5 } });
    for (const [q, entry] of [
      ['Nghe nói mãi Nghị định 73 mà chưa rõ nó nói về cái gì, tóm tắt giúp mình vài ý chính nhé', 'nd73-tong-quan'],
      ['Tóm tắt giúp mình các bước làm đề xuất theo NĐ 73 với', 'quy-trinh-tong-quat'],
    ]) {
      const a = await rulesOnly.answer(q);
      assert.ok(a.confident, q);
      assert.equal(a.citations[0].entryId, entry, q);
    }
    const covered = await answerer.answer('nghị định 73 áp dụng cho ai');
    assert.equal(covered.citations[0].citation, 'Điều 2 Nghị định 73/2023/NĐ-CP');
  });

  it('tells apart another document that shares a number with the pack, a pay rise under "NĐ73/2024", and refuses base salary asked without 73', async () => {
    // "nd73/2024" has no word boundary before 73; a pay rise under Decree 73 is the 2024 decree's base salary.
    for (const q of [
      'NĐ73/2024 hiệu lực ngày nào',
      'nđ 73 tăng lương từ 1/7 đúng ko',
      'Theo NĐ 73, hệ số 3,0 thì lương tháng bao nhiêu?',
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'collision', q);
      assert.match(a.answer, /Nghị định 73\/2024\/NĐ-CP là văn bản khác/);
    }
    const decree32 = await answerer.answer('Nghị định 32/2019/NĐ-CP về đặt hàng dịch vụ công quy định những phương thức nào?');
    assert.equal(decree32.kind, 'collision');
    assert.equal(decree32.citations.length, 0);
    assert.match(decree32.answer, /^Nghị định 32\/2019 là văn bản khác, không phải Quy định 32-QĐ\/TU\./);
    // An information-technology project's dossier "theo Nghị định 73" is the 2019 decree's matter, year written or not.
    const itProject = await answerer.answer(
      'Dự án đầu tư ứng dụng công nghệ thông tin làm theo Nghị định 73 thì ai thẩm định báo cáo kinh tế - kỹ thuật?',
    );
    assert.equal(itProject.kind, 'collision');
    assert.match(itProject.answer, /^Nghị định 73\/2019\/NĐ-CP là văn bản khác, không phải Nghị định 73\/2023\/NĐ-CP/);
    const circular = await answerer.answer('Thông tư 32/2020 quy định nhiệm kỳ hiệu trưởng là mấy năm?');
    assert.match(circular.answer, /^Thông tư 32\/2020 là văn bản khác/);
    // An issuer named after the number: the People's Committee's decision 32 is not the Party committee's regulation.
    const decision = await answerer.answer('Quyết định 32 năm 2024 của UBND tỉnh ban hành về việc gì vậy ạ?');
    assert.equal(decision.kind, 'collision');
    assert.match(decision.answer, /không phải Quy định 32-QĐ\/TU/);
    assert.equal((await answerer.answer('qd32 cua ubnd tinh ve bang gia dat sua doi nhung gi')).kind, 'collision');
    // "tt" glued to a number is a circular ("tt 7 ngày" would be a head's time limit).
    assert.equal((await answerer.answer('tt32 quy dinh nhiem ky hieu truong may nam')).kind, 'collision');
    // The pack's own documents, however written, and a time limit after "quy định", are no other document.
    for (const q of [
      'QĐ 32-QĐ/TU có mở rộng đối tượng không?',
      'Kết luận 14-KL/TW nói gì?',
      'quy định 14 ngày làm việc để xét kế hoạch à?',
      // The letter is the People's Committee's, and a report's year is not the decree's.
      'Công văn triển khai Nghị định 73 của UBND tỉnh căn cứ vào những văn bản nào?',
      'Báo cáo kết quả thực hiện NĐ 73 năm 2026 nộp trước ngày nào?',
    ])
      assert.notEqual((await answerer.answer(q)).kind, 'collision', q);
    // A reward of a completed proposal is Art. 10, not the 2024 decree; base salary without 73 is simply refused.
    const reward = await answerer.answer('NĐ 73: hoàn thành đề xuất có được tăng lương không?');
    assert.notEqual(reward.kind, 'collision');
    assert.equal((await answerer.answer('lương cơ sở 2026 bn')).kind, 'not_found');
  });

  it('refuses what only another source can answer, whichever provision its words reach', async () => {
    await assertRefused(answerer, [
      // Another province's rules, a document asked for by whether it was issued, an amount, records of real cases.
      'Tỉnh Bắc Giang có nghị quyết riêng về bảo vệ cán bộ dám nghĩ dám làm không?',
      'ubnd tp da nang trien khai nd73 the nao',
      'Bộ Nội vụ đã ban hành thông tư hướng dẫn Nghị định 73 chưa?',
      'Thành viên hội đồng đánh giá đề xuất được bồi dưỡng bao nhiêu tiền một buổi?',
      'Năm nay sở mình có bao nhiêu cán bộ được khen thưởng vì đề xuất đổi mới?',
      'o bac ninh ke hoach cua giam doc so gui co quan nao',
      'Quy chế hội đồng đánh giá đề xuất của tỉnh là quyết định số mấy?',
      'Kinh phí hội nghị phổ biến Nghị định 73 chi theo định mức nào?',
      'Phòng Nội vụ xã đã nhận bao nhiêu kế hoạch đề xuất tính đến nay?',
      'Ai là giám đốc Sở Nội vụ hiện nay?',
      'Xe công bị va chạm thì lái xe phải bồi thường bao nhiêu?',
      // A form or an online procedure, a writing task, a past event of one agency.
      'Mẫu biểu báo cáo hằng năm về cán bộ năng động sáng tạo tải ở đâu?',
      'Viết giúp em bài phát biểu về tinh thần dám nghĩ dám làm cho đoàn thanh niên',
      'Kết quả biểu quyết của xã Sa Pả về đề xuất số hóa tuần trước thế nào?',
      'Tỉnh ủy đã có hướng dẫn thực hiện Quy định 32 chưa?',
      // The form itself, another law's procedure, a text's history or a council's members.
      'Xin mẫu tờ trình xin ý kiến cấp ủy về đề xuất đổi mới',
      'Cán bộ bị bác đề xuất thì khiếu nại theo trình tự nào, thời hiệu bao lâu?',
      'Nghị định 73/2023 đã được sửa đổi, bổ sung lần nào chưa?',
      'Hội đồng đánh giá cấp tỉnh gồm những ai?',
      // Staff matters other rules govern, a drafting request, a decision's number.
      'Cán bộ năng động sáng tạo có được thêm ngày phép không?',
      'Đảng viên đề xuất sai thì bị kỷ luật theo quy định nào, hình thức gì?',
      'Bạn soạn giúp tôi dự thảo quyết định thành lập hội đồng đánh giá đề xuất',
      'Số quyết định thành lập hội đồng đánh giá là gì?',
      // Contact details, a past event, a text replaced, a bonus amount.
      'Cho xin số điện thoại của Sở Nội vụ để gửi kế hoạch',
      'Tỉnh đã tổ chức hội nghị quán triệt Nghị định 73 vào ngày nào, ở đâu?',
      'Nghị định 73/2023 đã bị thay thế chưa?',
      'Tiền thưởng cho đề xuất hoàn thành là bao nhiêu?',
    ]);
    // Another province's Party committee is another issuer of a "Quy định 32".
    assert.equal((await answerer.answer('Quy định 32 của Tỉnh ủy Hà Giang nói về gì?')).kind, 'collision');
    // Someone who came back from another province asks about Lào Cai.
    for (const q of ['Tôi học ở Hà Nội về, có ý tưởng số hóa, kế hoạch gửi ai?', 'Em từ tỉnh Hà Giang chuyển về, đề xuất đổi mới gửi ai?'])
      assert.equal((await answerer.answer(q)).confident, true, q);
    // The same words in questions the pack answers: a proposal against a circular, a voting share.
    for (const [q, path] of [
      ['Đề xuất của tôi trái với thông tư của bộ thì có được bảo vệ không?', 'dieu:4'],
      ['biểu quyết cần bn % đồng ý thì đề xuất được thông qua', 'dieu:8/khoan:1'],
      // What a plan must contain is answered, though it is asked as "is there a form".
      ['Có mẫu kế hoạch đề xuất không, cần những mục nào?', 'dieu:7'],
      // Discipline asked as the outcome of a failed proposal is Art. 11.
      ['Đề xuất không thành công thì người đề xuất có bị kỷ luật không?', 'dieu:11'],
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.confident, true, q);
      assert.ok(
        a.citations[0].paths?.some((p) => p.startsWith(path)),
        q,
      );
    }
  });

  it('says a provision is missing when neither an official text nor the pack has it', async () => {
    const a = await answerer.answer('Điều 20 quy định gì?');
    assert.equal(a.kind, 'not_found');
    assert.match(a.answer, /chưa có nội dung Điều 20 Nghị định 73\/2023\/NĐ-CP/);
  });

  it('quotes an imported letter word for word, with the whole section available', async () => {
    await importDocument(db.dataSource, LETTER, {});
    const a = await answerer.answer('Ai là đầu mối tiếp nhận kế hoạch đề xuất của thủ trưởng các sở?');
    assert.equal(a.kind, 'official');
    assert.ok(a.confident);
    assert.equal(a.citations[0].source, 'official');
    assert.equal(a.citations[0].citation, 'điểm b mục 2 Công văn số …/UBND-NC');
    // The team's summary of the same point is kept with the answer, but the card names the point once.
    assert.ok(a.citations.some((c) => c.source === 'curated' && c.paths?.join() === 'muc:2/diem:b'));
    const facts = (policyAnswerAdaptiveCard(a).body as Array<{ type: string; facts?: Array<{ value: string }> }>).find(
      (b) => b.type === 'FactSet',
    )!.facts!;
    assert.equal(facts.filter((f) => /điểm b mục 2 Công văn/.test(f.value)).length, 1, JSON.stringify(facts));
    const expected =
      'b) Làm đầu mối tiếp nhận, tổng hợp kế hoạch đề xuất đổi mới, sáng tạo của thủ trưởng các cơ quan, đơn vị, địa phương, trình Chủ tịch Ủy ban nhân dân tỉnh;';
    assert.ok(a.quote?.text.startsWith(expected));
    assert.ok(a.answer.includes(expected));
    assert.ok(a.fullArticleRef);
    assert.equal(a.context.articleId, a.fullArticleRef.provisionId);
    const article = await answerer.showArticle(a.fullArticleRef.provisionId);
    assert.equal(article?.citation, 'mục 2 Công văn số …/UBND-NC');
    assert.match(article!.text, /^2\. Giao Sở Nội vụ\na\) Chủ trì/);
    assert.match(article!.text, /d\) Tổng hợp báo cáo/);
    // A question only the letter answers (no curated entry) is quoted too.
    const only = await answerer.answer('Sở Nội vụ rà soát khó khăn vướng mắc để tham mưu kiến nghị gì?');
    assert.equal(only.citations[0].citation, 'điểm c mục 2 Công văn số …/UBND-NC');
    // A section named and asked for as a list is quoted whole; asked with one point's words, that point.
    const whole = await answerer.answer('Mục 2 công văn giao Sở Nội vụ những nhiệm vụ gì?');
    assert.equal(whole.citations[0].citation, 'mục 2 Công văn số …/UBND-NC');
    const point = await answerer.answer('Mục 2 công văn: ai làm đầu mối tiếp nhận kế hoạch của thủ trưởng?');
    assert.equal(point.citations[0].citation, 'điểm b mục 2 Công văn số …/UBND-NC');
    // The letter asked about as a whole has no overview entry: its section 1 is quoted; the decree has one.
    const letter = await answerer.answer('công văn tỉnh về NĐ 73 dài quá, tóm tắt giúp em vài ý chính');
    assert.equal(letter.citations[0].citation, 'mục 1 Công văn số …/UBND-NC');
    const decree = await answerer.answer('tom tat toan bo nghi dinh 73/2023 giup minh');
    assert.equal(decree.citations[0].entryId, 'nd73-tong-quan');
  });

  it('keeps context for short follow-ups', async () => {
    await importDocument(db.dataSource, readFileSync(path.join(FIX, 'nghi-dinh-mau-hop-truc-tuyen.txt'), 'utf8'), {});
    const first = await answerer.answer('Điều 5 nghị định 99/2099 quy định gì về chuẩn bị họp trực tuyến?');
    assert.equal(first.citations[0].citation.endsWith('Điều 5 Nghị định 99/2099/NĐ-CP'), true);
    const ctx = JSON.parse(JSON.stringify(first.context));
    const next = await answerer.answer('còn khoản 2 thì sao?', ctx);
    assert.equal(next.citations[0].citation, 'khoản 2 Điều 5 Nghị định 99/2099/NĐ-CP');
    assert.match(next.quote!.text, /^2\. Mỗi điểm cầu phải có cán bộ kỹ thuật/);
    // Without context the same words do not point anywhere.
    const alone = await answerer.answer('còn khoản 2 thì sao?');
    assert.equal(alone.kind, 'not_found');
    // Bare citations mean Decree 73, not the other imported decree.
    const d8 = await answerer.answer('Điều 8');
    assert.match(d8.citations[0].citation, /Nghị định 73\/2023\/NĐ-CP$/);
    // A document outside the pack answers only what its provision holds most of: a rule on online meetings that
    // names state secrets is no answer to how state secrets are protected.
    const meeting = await answerer.answer('hop truc tuyen co duoc ban noi dung bi mat nha nuoc khong');
    assert.equal(meeting.citations[0].citation, 'khoản 2 Điều 4 Nghị định 99/2099/NĐ-CP');
    const secrets = 'Khi soạn văn bản có nội dung bí mật nhà nước, công chức phải làm gì để bảo vệ bí mật?';
    assert.equal((await answerer.answer(secrets)).kind, 'not_found');
  });

  it('notices a removal and stops answering from the removed text', async () => {
    assert.equal(await removeDocument(db.dataSource, '…/UBND-NC'), 1);
    const a = await answerer.answer('Ai là đầu mối tiếp nhận kế hoạch đề xuất của thủ trưởng các sở?');
    assert.equal(a.kind, 'curated');
    assert.equal(a.citations[0].source, 'curated');
  });

  it('renders a Teams Adaptive Card 1.5 and a plain text within the channel limit', async () => {
    await importDocument(db.dataSource, LETTER, {});
    const a = await answerer.answer('Xây dựng tiêu chí đánh giá cán bộ gắn với đổi mới sáng tạo');
    const card = policyAnswerAdaptiveCard(a) as { version: string; actions: Array<Record<string, unknown>>; body: unknown[] };
    assert.equal(card.version, '1.5');
    assert.deepEqual(card.actions[0], {
      type: 'Action.Execute',
      title: 'Xem toàn văn điều',
      verb: KB_SHOW_ARTICLE_VERB,
      data: { provisionId: a.fullArticleRef!.provisionId },
    });
    const json = JSON.stringify(card);
    assert.ok(json.includes(a.citations[0].citation));
    assert.ok(json.includes('Xây dựng tiêu chí đánh giá cán bộ, công chức, viên chức'));
    // The card parses with the Adaptive Cards SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AC = require('adaptivecards/dist/adaptivecards.min.js');
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card);
    assert.equal(parsed.getActionCount(), 1);
    const text = policyAnswerText(a, 300);
    assert.ok(text.length <= 300, `${text.length}`);
    assert.match(text, /Căn cứ: điểm c mục 1 Công văn số …\/UBND-NC/);
    assert.match(text, /xem toàn văn/);
    const full = policyAnswerText(a);
    assert.ok(full.length <= 2000);
    const article = await answerer.showArticle(a.fullArticleRef!.provisionId);
    assert.ok(articleText(article!, 500).length <= 500);
  });

  it('exports the evaluation as a function: the dev part keeps its figures, the holdout part is measured apart', async function () {
    // The whole dev set (about 21,500 questions) in sample: about 70 s on two cores, over 120 s when another evaluation
    // shares them (a from-scratch CI run of 05/12/2026 beside one).
    this.timeout(300000);
    const report = await runQaEvaluation();
    assert.ok(report.questions >= 450);
    // Issue 17's targets are the holdout's (npm run eval:qa). Dev, in sample, must not fall below its figures of
    // 04/12/2026 (4,651 questions with thirteen blind sets in it: 97.7 % top-1, 99.1 % top-3, 0.9 % wrong topic,
    // refusal precision/recall 95.8/98.8 %; that evening 6,259 questions with twenty: 97.6 / 99.3 / 0.9 %,
    // 96.0/99.1 %): a regression guard.
    assert.ok(report.top1 >= 0.965, `top-1 ${report.top1}`);
    assert.ok(report.top3 >= 0.985, `top-3 ${report.top3}`);
    assert.ok(report.wrongTopic <= TARGETS.wrongTopic, `wrong topic ${report.wrongTopic}`);
    assert.ok(report.refusalPrecision >= 0.95, `refusal precision ${report.refusalPrecision}`);
    // Every out-of-scope dev question is measured (none kept out to make this 1): most must be refused.
    assert.ok(report.refusalRecall >= 0.95, `refusal recall ${report.refusalRecall}`);
    assert.equal(report.collisionAccuracy, 1);
    // The holdout is only measured (never a target of a test, which would make it a tuning set). While its
    // file is being written by someone else it is absent: the dev part alone must then hold 250 questions.
    const holdout = loadHoldoutQuestions();
    if (!holdout) {
      assert.ok(report.questions >= 250);
      return;
    }
    assert.ok(report.questions + holdout.length >= 250);
    assert.ok(holdout.filter((q) => q.expect === 'refuse').length >= 40);
    assert.equal(new Set(holdout.map((q) => q.q)).size, holdout.length);
    // Up to capitals and Unicode form: the answerer reads them alike.
    const same = (q: string) => q.normalize('NFC').trim().toLowerCase();
    const dev = new Set(loadDevQuestions().map((q) => same(q.q)));
    assert.ok(
      holdout.every((q) => !dev.has(same(q.q))),
      'no question is in both parts',
    );
  });
});
