// Issue 17: the decree ranked before the province's letter that repeats its words, honest refusals with
// the nearest provisions, "Căn cứ" limited to supporting provisions, the corrected entries, follow-ups,
// the next step in the product, and the demo importing the letter at first start.
import assert from 'node:assert/strict';
import { KB_ASK_VERB, policyAnswerAdaptiveCard } from '../bot/knowledge/policy-answer-card.js';
import { loadCuratedPack } from '../services/knowledge/curated-pack.js';
import { removeDocument } from '../services/knowledge/knowledge-store.js';
import { importSampleLetterIfEmpty } from '../services/knowledge/sample-letter.js';
import { PolicyAnswerer } from '../services/knowledge/policy-answerer.js';
import { tallyCounts } from '../services/votes/vote-tally.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { assertAnswered, assertRefused, databaseWithLetter, ND73, testAnswerer } from './helpers/knowledge-fixture.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

describe('knowledge: ranking, refusals and corrected entries', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let answerer: PolicyAnswerer;

  before(async () => {
    db = await databaseWithLetter();
    answerer = testAnswerer(db);
  });
  after(async () => db?.dispose());

  it('answers the principles and the prohibited acts with the decree first although the letter is imported', async () => {
    const principles = await answerer.answer('Nguyên tắc, trình tự, thủ tục khuyến khích bảo vệ cán bộ năng động sáng tạo là gì?');
    assert.equal(principles.citations[0].citation, `Điều 4 ${ND73}`);
    assert.match(principles.answer, /phạm vi thẩm quyền/);
    const banned = await answerer.answer('nhung hanh vi bi nghiem cam theo nd 73');
    assert.equal(banned.citations[0].citation, `Điều 6 ${ND73}`);
    assert.match(banned.answer, /tạm dừng/);
    assert.match(banned.answer, /chưa đầy đủ/);
    const conditions = await answerer.answer(
      'Đề xuất phải xuất phát từ yêu cầu cấp thiết, tháo gỡ điểm nghẽn cơ chế chính sách đúng không?',
    );
    assert.equal(conditions.citations[0].citation, `Điều 5 ${ND73}`);
    // The letter's own words (point c of section 1 repeats the conditions): the decree first, the letter beside.
    const repeated = await answerer.answer(
      'Đề xuất phải tháo gỡ nút thắt, điểm nghẽn trong cơ chế chính sách chưa được quy định trong văn bản quy phạm pháp luật?',
    );
    assert.equal(repeated.citations[0].citation, `Điều 5 ${ND73}`);
    assert.match(repeated.citations[1]?.citation ?? '', /^điểm c mục 1 Công văn số/);
    // A task only the letter sets stays with the letter, quoted word for word.
    const focal = await answerer.answer('Ai là đầu mối tiếp nhận kế hoạch đề xuất của thủ trưởng các sở?');
    assert.equal(focal.kind, 'official');
    assert.match(focal.citations[0].citation, /^điểm b mục 2 Công văn/);
  });

  it('answers the examples the issue found on the wrong topic', async () => {
    const deadline = await answerer.answer('Thủ trưởng phải xem xét kế hoạch đề xuất trong bao nhiêu ngày?');
    assert.equal(deadline.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
    // "Căn cứ" lists only provisions that support the answer: not the routing clause.
    assert.ok(
      deadline.citations.every((c) => !(c.paths ?? []).some((p) => p.startsWith('dieu:7'))),
      JSON.stringify(deadline.citations),
    );
    const who = await answerer.answer('Nghị định 73 bảo vệ những ai?');
    assert.equal(who.citations[0].citation, `Điều 2 ${ND73}`);
    const damage = await answerer.answer('Đề xuất thất bại và gây thiệt hại thì cán bộ chịu trách nhiệm thế nào?');
    assert.equal(damage.citations[0].citation, `khoản 3 Điều 11 ${ND73}`);
    const pause = await answerer.answer('Ai quyết định tạm dừng hoặc dừng thực hiện đề xuất?');
    assert.equal(pause.citations[0].citation, `khoản 4 Điều 6 ${ND73}`);
    assert.match(pause.answer, /chưa có nội dung đã kiểm chứng/);
    assert.doesNotMatch(pause.answer, /bằng văn bản/);
  });

  it('refuses off-topic questions, naming the two nearest provisions and offering them as buttons', async () => {
    for (const q of [
      'Phụ cấp chức vụ trưởng phòng cấp huyện là bao nhiêu?',
      'Bảo hiểm y tế của cán bộ được chi trả bao nhiêu phần trăm?',
      'Ủy quyền ký văn bản cho phó giám đốc có đúng quy định không?',
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'not_found', q);
      assert.match(a.answer, /chưa tìm thấy quy định/);
      assert.match(a.answer, /Các quy định gần nhất với câu hỏi: /);
      const card = policyAnswerAdaptiveCard(a) as {
        actions?: Array<{ type: string; title: string; data: { verb: string; question: string } }>;
      };
      const buttons = (card.actions ?? []).filter((x) => x.type === 'Action.Submit');
      assert.equal(buttons.length, Math.min(3, a.suggestions.length), q);
      assert.equal(buttons[0].data.verb, KB_ASK_VERB);
      assert.equal(buttons[0].data.question, a.suggestions[0]);
    }
  });

  it('keeps context for a follow-up and ends with the next step in the product', async () => {
    const first = await answerer.answer('Đề xuất thất bại thì cán bộ có bị kỷ luật không?');
    assert.equal(first.citations[0].citation, `khoản 2 Điều 11 ${ND73}`);
    const next = await answerer.answer('còn trường hợp gây thiệt hại thì sao?', JSON.parse(JSON.stringify(first.context)));
    assert.equal(next.citations[0].citation, `khoản 3 Điều 11 ${ND73}`);
    // A long story ending in a question is answered from its question, the story still setting the topic.
    const story = await answerer.answer(
      'Phòng tôi đã bàn nhiều lần về việc số hóa toàn bộ sổ sách lưu trữ từ năm 2000 đến nay nhưng chưa ai dám làm vì sợ sai quy trình và sợ bị kiểm điểm. Xin hỏi nếu làm mà không thành công thì cán bộ có bị kỷ luật không?',
    );
    assert.equal(story.citations[0].citation, `khoản 2 Điều 11 ${ND73}`);
    assert.ok(story.confident);
    const plan = await answerer.answer('Kế hoạch đề xuất cần những nội dung gì?');
    assert.match(plan.nextStep ?? '', /tạo đề xuất/);
    assert.ok(plan.answer.trimEnd().endsWith(plan.nextStep!));
  });

  it('follows up from the provision asked about, and does not carry the topic into a question on another rule', async () => {
    const article = await answerer.answer('Điều 8 quy định gì?');
    const clause = await answerer.answer('còn khoản 2?', JSON.parse(JSON.stringify(article.context)));
    assert.equal(clause.citations[0].citation, `khoản 2 Điều 8 ${ND73}`);
    const banned = await answerer.answer('Những hành vi bị cấm theo NĐ 73?');
    assert.equal(banned.citations[0].citation, `Điều 6 ${ND73}`);
    const allowance = await answerer.answer('vậy còn phụ cấp công vụ thì sao', JSON.parse(JSON.stringify(banned.context)));
    assert.equal(allowance.kind, 'not_found');
  });

  it('refuses a neighbouring rule the pack does not hold, and reads chat shorthand and formal openings', async () => {
    await assertRefused(answerer, [
      'Phụ cấp công vụ hiện nay là bao nhiêu phần trăm?',
      'Biểu quyết trong đại hội chi bộ cần bao nhiêu phần trăm?',
    ]);
    const vote = await answerer.answer('Biểu quyết đề xuất cần bao nhiêu phần trăm đồng ý?');
    assert.equal(vote.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
    assert.ok(vote.confident);
    const formal = await answerer.answer('Đề nghị cho biết phạm vi đối tượng áp dụng của Nghị định số 73/2023/NĐ-CP.');
    assert.ok(formal.confident);
    assert.equal(formal.citations[0].citation, `Điều 2 ${ND73}`);
    const zalo = await answerer.answer('nhung viec gi bi cam lam theo nd 73 vay mn');
    assert.ok(zalo.confident);
    assert.equal(zalo.citations[0].citation, `Điều 6 ${ND73}`);
    // "SNV" is the Department of Home Affairs: the province's letter keeps first place.
    const focal = await answerer.answer('SNV tổng hợp kế hoạch đề xuất của thủ trưởng rồi trình ai?');
    assert.match(focal.citations[0].citation, /^điểm b mục 2 /);
  });

  it('refuses the software, what is yet to come, the assistant itself and other counts, by rule alone', async () => {
    // No question memory: the rules alone must refuse these (their words reach plans, the council, reports).
    const rulesOnly = testAnswerer(db, []);
    await assertRefused(rulesOnly, [
      'Kế hoạch đề xuất nộp qua phần mềm nào của tỉnh, có đường link không?',
      'Ai cấp tài khoản để gửi kế hoạch đề xuất trực tuyến?',
      'Tỉnh dự kiến khi nào sửa đổi Quy định 32?',
      'Bạn là ai, do ai phát triển?',
      'Cho biết tên người phụ trách tiếp nhận kế hoạch ở Sở Nội vụ',
      'Các tỉnh khác áp dụng chính sách bảo vệ cán bộ dám nghĩ dám làm ra sao?',
      'Đến nay bao nhiêu xã đã báo cáo kết quả thực hiện Nghị định 73?',
      'Ai làm chủ tịch hội đồng đánh giá đề xuất cấp tỉnh?',
      'Đề xuất gây thiệt hại thì được giảm bao nhiêu phần trăm trách nhiệm?',
      // Another report's deadline, one's own case, a salary coefficient.
      'Hạn gửi báo cáo công tác phòng chống tham nhũng của xã là ngày nào?',
      'Đề xuất của em có được duyệt không ạ?',
      'Nâng lương trước hạn thì hệ số lương mới là bao nhiêu?',
      // Advice on one's own case, a lawsuit, an office holder, an inspection's date.
      'Tôi nên bỏ phiếu tán thành hay không với đề xuất của trưởng phòng?',
      'Có nên khởi kiện giám đốc vì không duyệt đề xuất của em không?',
      'Giám đốc Sở Tư pháp là ai?',
      'Đoàn kiểm tra của Sở Nội vụ về trường em vào hôm nào?',
      // Another plan's contents, a letter's number, the yearly report's template.
      'Kế hoạch công tác năm của phòng cần những nội dung gì?',
      'Công văn triển khai của tỉnh có số hiệu là bao nhiêu?',
      'Có mẫu báo cáo năm gửi Sở Nội vụ không?',
      // A named person's own case, another text by its title.
      'Anh Trần Văn Bình ở phòng tôi có đề xuất bị bác, anh ấy có được bảo vệ không?',
      'Điều lệ Đảng có bao nhiêu chương?',
      // A lookup of one's own proposal, criminal liability (the Criminal Code's).
      'Bạn tra giúp đề xuất của phòng tôi đang ở khâu nào?',
      'Đề xuất gây thiệt hại thì có bị truy cứu trách nhiệm hình sự không, khung hình phạt thế nào?',
      // Who was already spared or praised, a precedent, an amount of damage, the Party committee's reply time.
      'Ở tỉnh đã có ai được miễn trách nhiệm theo nghị định này chưa?',
      'Có án lệ nào về bảo vệ cán bộ dám nghĩ dám làm không?',
      'Hỏi ý kiến về đề xuất thì cấp ủy phải trả lời trong bao nhiêu ngày?',
      // A share the texts do not set.
      'Tỷ lệ cán bộ trẻ mỗi đơn vị phải đạt tối thiểu bao nhiêu % theo công văn?',
      // How the vote is held, who must be invited, a quorum (Art. 8.1 sets who votes and the share only).
      'Phó giám đốc đi công tác thì có được biểu quyết kế hoạch đề xuất qua Zalo không?',
      'Họp tập thể lãnh đạo xét đề xuất có phải mời chủ tịch công đoàn dự họp không?',
      'Khi tập thể lãnh đạo họp biểu quyết đề xuất thì phải có mặt tối thiểu mấy người?',
      // A deadline to submit plans, insurance, a complaint's letter, money to repay, a guarantee on one's own case.
      'Hạn nộp kế hoạch đề xuất của năm 2027 là khi nào?',
      'Đề xuất gây thiệt hại thì có gói bảo hiểm nào chi trả cho cán bộ không?',
      'Gửi đơn tố cáo người cản trở đề xuất đổi mới ở đâu?',
      'Đề xuất bị dừng thì kinh phí còn lại phải nộp trả ngân sách thế nào?',
      'Sáng kiến của tôi có chắc được khen thưởng không?',
      // How many the province approved, the letter's number, a ministry's circular, the report's cut-off date.
      'Năm nay Chủ tịch UBND tỉnh đã duyệt được bao nhiêu kế hoạch đề xuất?',
      'Công văn số bao nhiêu của UBND tỉnh triển khai Nghị định 73?',
      'Bộ Nội vụ đã có thông tư hướng dẫn Nghị định 73 chưa?',
      'Số liệu chốt báo cáo hằng năm tính đến ngày nào?',
    ]);
    // The same words where the texts answer: a proposal about software, who is covered, the Department's part in
    // summing up, a section's tasks in abbreviations, an outcome then "thì sao", an officer written CBCCVC.
    await assertAnswered(rulesOnly, [
      ['Những ai thuộc diện được bảo vệ khi đề xuất đổi mới?', 'dieu:2'],
      ['Sở Nội vụ được giao việc gì trong sơ kết, tổng kết thực hiện Nghị định 73?', 'muc:2/diem:d'],
      ['Mục 1 công văn giao các sở những NV gì?', 'muc:1'],
      ['Đề xuất không hoàn thành, không gây thiệt hại thì sao?', 'dieu:11/khoan:2'],
      ['CBCCVC phòng chuyên môn có đề xuất thì gửi kế hoạch cho ai?', 'dieu:7/khoan:3'],
      // The outcome told decides the clause asked by number, and "có bị sao không" asks how it is judged.
      ['Đề xuất không hoàn thành, không gây thiệt hại thì được loại trừ trách nhiệm theo khoản mấy Điều 11?', 'dieu:11/khoan:2'],
      ['Đề xuất thất bại nhưng không gây thiệt hại gì thì người đề xuất có bị sao không?', 'dieu:11/khoan:2'],
      ['Mục 2 công văn giao gì?', 'muc:2'],
      // Someone naming themself asks for themself; the letter named by the decree it carries out.
      ['Tôi là Nguyễn Văn An, chuyên viên, có ý tưởng đổi mới thì kế hoạch gửi ai?', 'dieu:7/khoan:3'],
      ['Công văn triển khai Nghị định 73 do cơ quan nào ban hành?', 'doan:mo-dau'],
      ['Trách nhiệm của Sở Nội vụ theo công văn là gì?', 'muc:2'],
      ['CC xã có kế hoạch đề xuất thì gửi ai xem xét?', 'dieu:7/khoan:3'],
      // A section's tasks asked as a list: the whole section, not the point its words reach first.
      [
        'Theo công văn của tỉnh, các sở phải thực hiện những nhiệm vụ trọng tâm nào để khuyến khích, bảo vệ cán bộ năng động, sáng tạo?',
        'muc:1',
      ],
    ]);
    // A matter no provision holds stays refused however many earlier askers of like questions were answered: the
    // memory does not overturn it (a council's member list, a course's opening date, a text the pack does not hold
    // whole, a text's end).
    const askedBefore = (q: string, expect: string) => [1, 2, 3, 4, 5].map((i) => ({ q: `${q} ${'ạ '.repeat(i)}`, expect }));
    const misled = testAnswerer(db, [
      ...askedBefore('danh sách thành viên ban chỉ đạo quy định 32', 'entry:qd32-tong-quan'),
      ...askedBefore('lớp bồi dưỡng chuyển đổi số khai giảng khi nào', 'cv-trien-khai muc:1/diem:b'),
      ...askedBefore('quy định 32 có mấy chương mấy điều', 'entry:qd32-tong-quan'),
      ...askedBefore('nghị định 73 hết hiệu lực khi nào', 'entry:nd73-tong-quan'),
    ]);
    await assertRefused(misled, [
      'Xin cung cấp danh sách thành viên Ban Chỉ đạo thực hiện Quy định 32 của Tỉnh ủy.',
      'Lớp bồi dưỡng chuyển đổi số theo công văn khai giảng khi nào?',
      // Regulation 32's chapters (its text is not available here), when the decree ceases to have effect.
      'Quy định 32 của Tỉnh ủy Lào Cai có mấy chương, bao nhiêu điều?',
      'Nghị định 73/2023/NĐ-CP hết hiệu lực vào năm nào?',
    ]);
    // A year before the decree was issued names another decree 73.
    assert.equal((await rulesOnly.answer('Nghị định 73 năm 2019 về ứng dụng CNTT còn hiệu lực không?')).kind, 'collision');
    // A provision named beside what it does not hold: refused, that provision first among the two nearest.
    const amount = await rulesOnly.answer('Điều 10 Nghị định 73 thưởng bao nhiêu tiền?');
    assert.equal(amount.kind, 'not_found');
    assert.deepEqual(amount.citations[0].paths, ['dieu:10']);
    // A proposal about software is the decree's matter: what its plan must contain (Art. 7).
    const software = await answerer.answer('Giáo viên đề xuất dùng phần mềm chấm điểm trực tuyến thì kế hoạch cần nêu những gì?');
    assert.equal(software.confident, true);
    assert.ok(software.citations[0].paths?.every((p) => p.startsWith('dieu:7/')));
  });

  it("answers a school's staff on their proposals for pupils, and a story by its last question, by rule alone", async () => {
    const rulesOnly = testAnswerer(db, []);
    await assertAnswered(rulesOnly, [
      // Pupils are who a school's proposal is for, not who proposes: the decree's matter.
      [
        'Tôi là phó hiệu trưởng một trường THCS. Tôi có đề xuất đổi mới cách quản lý bán trú cho học sinh dân tộc. Có người bảo gửi thẳng lên Sở Giáo dục và Đào tạo. Kế hoạch đề xuất của tôi phải gửi tới ai để xem xét, quyết định?',
        'dieu:7/khoan:3',
      ],
      // The meeting the story tells is not what its last sentence asks: where a head's own plan goes.
      [
        'Chủ tịch UBND xã tôi có ý tưởng tự mình đề xuất lập tổ dịch vụ công lưu động. Văn phòng định đưa ra họp tập thể lãnh đạo xã như mọi đề xuất khác. Kế hoạch đề xuất của chủ tịch xã phải gửi đến đâu?',
        'dieu:7/khoan:4',
      ],
      ['so noi vu lam gi trong viec thuc hien nd 73 va qd 32', 'muc:2'],
      ['NLTH 12 tháng theo NĐ 73 áp dụng khi nào', 'dieu:10'],
      ['CV tỉnh dẫn chiếu Điều mấy NĐ73 về trình tự, thủ tục?', 'muc:1/diem:c'],
      // English words in chat, a school's pilot told without the pack's words, the letter named beside another
      // topic's word (poor households).
      ['stop de xuat giua chung thi phai theo ko', 'dieu:6/khoan:4'],
      [
        'Trường mình thử mô hình mới mà chỉ đạt được một phần mục tiêu, nhưng làm đúng chủ trương và hoàn toàn vì học sinh, vậy thầy cô có bị kỷ luật không nhỉ?',
        'dieu:11/khoan:2',
      ],
      [
        'Xã tôi làm mô hình cho hộ nghèo nuôi lợn đen, nhưng vướng quy định thanh toán. Theo công văn triển khai, đầu mối tổng hợp những vướng mắc này là ai?',
        'muc:2/diem:c',
      ],
    ]);
    // Pupils who act or are rewarded stay outside the decree.
    await assertRefused(rulesOnly, [
      'Học sinh có đề xuất sáng tạo trong cuộc thi khoa học kỹ thuật thì được cộng điểm không?',
      // The year's holidays, a labour contract's notice, a text's successor, a deadline the letter does not set, a
      // promise, the letter's number, a criminal sentence.
      'Năm 2026 có những ngày nghỉ lễ nào để em tính hạn 7 ngày làm việc cho đúng ạ?',
      'Theo Bộ luật Lao động, cơ quan phải báo trước bao nhiêu ngày nếu không ký tiếp hợp đồng?',
      'Kết luận 14 sẽ được Bộ Chính trị thay thế bằng văn bản nào?',
      'Hạn chót phổ biến, quán triệt Nghị định 73 ở cơ quan là ngày nào?',
      'Xã em định đề xuất lắp camera giám sát ở chợ phiên, chắc chắn được duyệt không ạ?',
      'số hiệu công văn triển khai NĐ73 của tỉnh',
      'Nghị định 73 có quy định mức án hình sự cho người lợi dụng đề xuất để tham nhũng không?',
      'Có đề cương hay mẫu BC hằng năm kèm theo công văn không?',
      'Quyết định thành lập Hội đồng đánh giá đề xuất cấp tỉnh đã được ban hành chưa, số và ngày ký là gì?',
    ]);
  });

  it("tells a head's own plan from an officer's by who says who they are, and the province's way for a head's", async () => {
    const rulesOnly = testAnswerer(db, []);
    await assertAnswered(rulesOnly, [
      // The asker names their office: "mình" after it is the same head, not an officer.
      ['Mình là chủ tịch UBND xã, giờ mình có đề xuất thì gửi cho ai duyệt đây ạ?', 'dieu:7/khoan:4'],
      [
        'Xã tôi sau sắp xếp rộng gần gấp ba, dân đi làm thủ tục rất xa. Tôi là chủ tịch, nghĩ ra cách cho công chức trực lưu động theo lịch tại các điểm trường cũ. Anh em trong UBND đều ủng hộ, nhưng người đề xuất lại là tôi. Tôi tự quyết luôn được hay phải trình lên trên?',
        'dieu:7/khoan:4',
      ],
      ['HT trường THPT có ĐX ĐMST thì gửi KH cho ai xem xét, QĐ?', 'dieu:7/khoan:4'],
      // The plan's owner named, whoever the story starts with; the head a plan is sent to is not its proposer.
      [
        'Anh trưởng phòng văn hóa xã hội của phường em được giao tham mưu. Ý tưởng là của chủ tịch phường. Kế hoạch đề xuất do chính chủ tịch phường đứng tên thì trình lên ai ạ?',
        'dieu:7/khoan:4',
      ],
      ['gửi kế hoạch đề xuất cho người đứng đầu cơ quan sử dụng cán bộ', 'dieu:7/khoan:3'],
      ['Tôi là chuyên viên, giám đốc sở tôi có ý tưởng thì gửi kế hoạch cho ai?', 'dieu:7/khoan:4'],
      // A head's plan asked of the province is the letter's 2.b, unless the province is only one choice asked about.
      ['Kế hoạch của Chủ tịch UBND xã gửi qua Sở Nội vụ rồi thì ai là người quyết định cuối cùng?', 'muc:2/diem:b'],
      ['Hiệu trưởng THPT gửi kế hoạch đề xuất của mình lên Sở Giáo dục hay lên Sở Nội vụ?', 'dieu:7/khoan:4'],
      ['Ai trình kế hoạch của thủ trưởng lên Chủ tịch tỉnh?', 'muc:2/diem:b'],
      // "Thủ trưởng cơ quan em" who writes the plan himself is the proposer; the owner named a few words after the plan.
      ['thu truong co quan em tu viet ke hoach de xuat doi moi thi ai xem xet, quyet dinh ke hoach do?', 'dieu:7/khoan:4'],
      [
        'Kế hoạch đề xuất đổi mới, sáng tạo do Giám đốc bệnh viện trực thuộc Sở Y tế xây dựng được gửi đến ai để xem xét, quyết định?',
        'dieu:7/khoan:4',
      ],
      // Evading responsibility (Art. 6.3), a harm told after "hai tháng" (not a delay), the duty to name causes (11.4).
      [
        'Đến lúc triển khai, phó hiệu trưởng phụ trách chuyên môn bảo đây là việc của tổ chuyên môn, tổ chuyên môn lại bảo chờ ban giám hiệu. Kiểu né tránh, đùn qua đẩy lại khi thực hiện đề xuất như vậy có bị Nghị định 73 cấm không?',
        'dieu:6/khoan:3',
      ],
      [
        'Tôi được giao thực hiện đề xuất thí điểm tiếp nhận hồ sơ qua Zalo OA. Đề xuất đã qua tập thể lãnh đạo biểu quyết. Triển khai được hai tháng thì bị lộ một số dữ liệu, cơ quan mất khoản tiền thuê dịch vụ. Tôi làm đúng chủ trương, không vụ lợi gì. Trường hợp gây thiệt hại như vậy thì tôi được bảo vệ thế nào?',
        'dieu:11/khoan:3',
      ],
      [
        'Văn phòng sở tôi triển khai đề xuất số hóa nhưng chỉ đạt 40% kế hoạch. Trong cuộc họp đánh giá, có ý kiến muốn kết luận gọn là không hoàn thành. Theo nghị định, cơ quan đánh giá có nghĩa vụ gì về việc xác định nguyên nhân?',
        'dieu:11/khoan:4',
      ],
      // The letter's section 2 asked as a list, and what proposals should aim at (1.c).
      ['Ở mục 2 công văn, Sở Nội vụ được giao bao nhiêu việc, kể lướt giúp mình với?', 'muc:2'],
      ['Trong công văn triển khai, phần giao nhiệm vụ cho Sở Nội vụ gồm những nội dung gì?', 'muc:2'],
      ['Nhiệm vụ của SNV theo mục 2 CV triển khai?', 'muc:2'],
      // "không ai được lợi" is not "who": an outcome and liability, not where a plan goes.
      [
        'Thầy ơi đề xuất của trường mình chỉ đạt một phần thôi, nhưng tụi mình làm vì học sinh, không ai được lợi gì, vậy có bị xem xét trách nhiệm ko ạ',
        'dieu:11/khoan:2',
      ],
      [
        'cong van tinh co noi de xuat phai xuat phat tu yeu cau cap thiet cua thuc tien, gop phan van hanh chinh quyen dia phuong 2 cap khong?',
        'muc:1/diem:c',
      ],
    ]);
  });

  it("answers what Conclusion 14 is from its overview, and tells the schools' charter numbered 32 from Regulation 32, by rule alone", async () => {
    const a = await testAnswerer(db, []).answer(
      'Hay nghe nói Kết luận 14, nó là văn bản gì vậy, liên quan gì tới việc bảo vệ cán bộ dám nghĩ dám làm?',
    );
    assert.equal(a.confident, true);
    assert.equal(a.citations[0].entryId, 'kl14-quan-he');
    // "Quy định số 32 về điều lệ trường" is the schools' charter (Thông tư 32/2020), not Regulation 32-QĐ/TU.
    const charter = await testAnswerer(db, []).answer(
      'Quy định số 32 về điều lệ trường trung học cơ sở giới hạn số lớp tối đa là bao nhiêu?',
    );
    assert.equal(charter.kind, 'collision');
  });

  it("answers what a story asks, not the provision it read on the way, and tells another body's text numbered 32 or 73, by rule alone", async () => {
    const answerer = testAnswerer(db, []);
    // The article the writer read (Điều 11) is context; the question is whom the decree covers (Art. 2).
    await assertAnswered(answerer, [
      [
        'Tôi có đọc Điều 11 về bảo vệ cán bộ rồi nên cũng yên tâm phần nào. Em ấy chỉ là chuyên viên ở phòng, không giữ chức vụ lãnh đạo gì cả. Ý tưởng của em ấy là làm sổ tay điện tử cho người dân. Vậy nghị định 73 có áp dụng cho em ấy không?',
        'dieu:2',
      ],
    ]);
    // A story that read Điều 8 and asks what no provision holds is refused, not answered with Điều 8.
    await assertRefused(answerer, [
      'Tôi là trưởng trạm y tế, đã đọc kỹ Điều 8 nghị định 73 vì trạm có đề xuất được duyệt năm ngoái. Năm nay lượng người khám tăng mạnh. Tôi cần biết định mức thuốc thiết yếu cho trạm y tế xã hiện nay là bao nhiêu?',
      'Hạn nộp báo cáo sơ kết 3 năm thực hiện Nghị định 73 là ngày nào?',
    ]);
    // A commune's Party committee issues its own rules numbered 32; the yearly bonus is the 2024 decree 73's; a typo
    // in a document's kind still names it.
    for (const q of [
      'Quy định 32 của Đảng ủy xã về sinh hoạt chi bộ quy định họp mấy lần một tháng?',
      'Tiền thưởng hằng năm theo Nghị định 73 thì cơ quan chi từ nguồn nào?',
      'Nghị địh 32/2019 về đặt hàng dịch vụ công thì xã áp dụng ra sao?',
    ])
      assert.equal((await answerer.answer(q)).kind, 'collision', q);
  });

  it('answers Art. 11 asked as a whole with the whole article, composed of its clauses, and one clause with that clause', async () => {
    for (const a of [answerer, testAnswerer(db, [])]) {
      for (const q of [
        'Nghị định 73 có mấy trường hợp được bảo vệ?',
        'Điều 11 nghị định 73 quy định gì?',
        'cac bien phap bao ve can bo theo nd73',
      ]) {
        const whole = await a.answer(q);
        assert.equal(whole.confident, true, q);
        assert.equal(whole.citations[0].citation, `Điều 11 ${ND73}`, q);
        assert.deepEqual(whole.citations[0].paths, ['dieu:11'], q);
        // Every clause's summary, in order, under one line that says so; still a summary, not the official words.
        assert.match(whole.answer, /gồm các khoản sau:\n1\. [^\n]*không bị xem xét trách nhiệm[\s\S]*\n2\. [^\n]*loại trừ trách nhiệm/, q);
        assert.match(whole.answer, /\n3\. [^\n]*giảm nhẹ[\s\S]*\n4\. [^\n]*nguyên nhân khách quan/, q);
        assert.match(whole.answer, /tóm tắt theo Điều 11/, q);
      }
    }
    // A follow-up on one clause continues from the article asked about.
    const article = await answerer.answer('Điều 11 nghị định 73 quy định gì?');
    const clause = await answerer.answer('còn khoản 3?', JSON.parse(JSON.stringify(article.context)));
    assert.deepEqual(clause.citations[0].paths, ['dieu:11/khoan:3']);
    await assertAnswered(testAnswerer(db, []), [
      ['Đề xuất thất bại nhưng đúng chủ trương thì có bị kỷ luật không?', 'dieu:11/khoan:2'],
      ['Điều 11 nói gì về trường hợp gây thiệt hại?', 'dieu:11/khoan:3'],
      // Every case asked for at once, one outcome named among them: still the whole article.
      ['ad ơi nếu làm đề xuất mà thất bại thì có đc bảo vệ ko, cho e xin hết các trường hợp bảo vệ ạ', 'dieu:11'],
      ['bao ve can bo nang dong sang tao gom nhung truong hop nao', 'dieu:11'],
    ]);
  });

  it('answers one item of Art. 4 or Art. 6 by its clause, the article beside it, and the list by the article', async () => {
    const answerer = testAnswerer(db, []);
    const obstruct = await answerer.answer('Cản trở, xúc phạm cán bộ có đề xuất thì có bị cấm không?');
    assert.deepEqual(
      obstruct.citations.slice(0, 2).map((c) => c.citation),
      [`khoản 2 Điều 6 ${ND73}`, `Điều 6 ${ND73}`],
    );
    assert.match(obstruct.answer, /^Nghiêm cấm cản trở, gây khó khăn, xúc phạm/);
    assert.doesNotMatch(obstruct.answer, /né tránh/);
    // Asked as a list, the article alone: no one clause is the answer.
    const all = await answerer.answer('Những hành vi bị nghiêm cấm theo NĐ 73?');
    assert.equal(all.citations[0].citation, `Điều 6 ${ND73}`);
    assert.ok(!all.citations.some((c) => /^khoản [123] Điều 6/.test(c.citation)));
    const named = await answerer.answer('Khoản 2 Điều 4 Nghị định 73 quy định gì?');
    assert.equal(named.citations[0].citation, `khoản 2 Điều 4 ${ND73}`);
    assert.match(named.answer, /phạm vi thẩm quyền/);
    assert.doesNotMatch(named.answer, /công khai, minh bạch/);
  });

  it('answers an item asked by "khoản nào", every case of Art. 11 asked bare, Art. 7 asked as a whole and the agencies\' tasks, by rule alone', async () => {
    const answerer = testAnswerer(db, []);
    await assertAnswered(answerer, [
      // The clause its words name, not the unranked clauses' neighbours 6.4 or 6.5.
      ['Cản trở người thực hiện đề xuất thì vi phạm khoản mấy Điều 6 Nghị định 73?', 'dieu:6/khoan:2'],
      ['Đùn đẩy trách nhiệm khi phê duyệt đề xuất là vi phạm khoản nào của Điều 6?', 'dieu:6/khoan:3'],
      ['Nguyên tắc Nhà nước khuyến khích cán bộ dám làm vì lợi ích chung nằm ở khoản nào Điều 4?', 'dieu:4/khoan:1'],
      ['Trưởng phòng chê bai, nói móc người làm thử mô hình mới thì phạm điều cấm nào của nghị định?', 'dieu:6/khoan:2'],
      ['Đề xuất trái vb của cơ quan cấp trên có được bảo vệ không?', 'dieu:4/khoan:2'],
      // Every case, asked without naming the decree, by levels, or with every outcome told.
      ['Bảo vệ cán bộ như thế nào?', 'dieu:11'],
      ['NĐ 73 bảo vệ cán bộ theo mấy mức?', 'dieu:11'],
      ['Làm đề xuất mà thành công, không thành công hay gây thiệt hại thì mỗi trường hợp được bảo vệ ra sao?', 'dieu:11'],
      // A rule asked for a dissemination is the rule, not the letter's point on disseminating.
      ['Điều cấm trong nghị định 73 gồm mấy điều, mình cần cho bài tuyên truyền', 'dieu:6'],
      ['Nhiệm vụ của các sở theo công văn?', 'muc:1'],
    ]);
    // One item in other words: its clause first, the article second for the other items; the list is the article.
    for (const [q, clause] of [
      ['Né trách nhiệm khi duyệt đề xuất có bị cấm không?', 'dieu:6/khoan:3'],
      ['Trái luật có được bảo vệ?', 'dieu:4/khoan:2'],
      ['Lợi dụng đề xuất để gây khó khăn cho người dân, doanh nghiệp thì có vi phạm NĐ 73 không?', 'dieu:6/khoan:1'],
      ['Theo NĐ 73, cán bộ năng động vì lợi ích chung thì Nhà nước chỉ khuyến khích hay vừa khuyến khích vừa bảo vệ?', 'dieu:4/khoan:1'],
    ]) {
      const a = await answerer.answer(q);
      assert.deepEqual(
        a.citations.slice(0, 2).map((c) => c.paths),
        [[clause], [clause.replace(/\/khoan:\d$/, '')]],
        q,
      );
    }
    const principles = await answerer.answer('Những nguyên tắc khuyến khích, bảo vệ cán bộ năng động sáng tạo vì lợi ích chung?');
    assert.deepEqual(principles.citations[0].paths, ['dieu:4']);
    // "K5 Đ6 … có phải về lợi dụng": the clause named stays first although the words name another item.
    const named = await answerer.answer('K5 Đ6 NĐ73 quy định gì? Có phải về lợi dụng đề xuất không?');
    assert.deepEqual(named.citations[0].paths, ['dieu:6/khoan:5']);
    // Art. 7 asked as a whole: the entry that holds the article, not the clause its words reach first.
    for (const q of [
      'Điều 7 Nghị định 73 cụ thể nói những gì, tôi cần nội dung chính',
      'Tóm tắt toàn bộ Điều 7 NĐ 73 về kế hoạch đề xuất',
    ]) {
      const whole = await answerer.answer(q);
      assert.ok(whole.citations[0].paths?.includes('dieu:7'), `${q}: ${whole.citations[0].citation}`);
    }
  });

  it("refuses a named person's case, a quorum and the Department's own time limit, and tells a ministry's circular 73, by rule alone", async () => {
    const answerer = testAnswerer(db, []);
    await assertRefused(answerer, [
      // A Hmong name has a one-letter middle name.
      'Đề nghị cho biết ông Giàng A Páo, Phó Chủ tịch UBND xã, có đủ điều kiện được khen thưởng theo Nghị định 73 không?',
      'Túc số cuộc họp tập thể lãnh đạo xét đề xuất là bao nhiêu?',
      'SNV trình trong mấy ngày?',
    ]);
    for (const q of ['TT 73 của Bộ Tài chính hướng dẫn về nội dung gì?', 'Thông tư 32 của Bộ Nội vụ quy định gì?'])
      assert.equal((await answerer.answer(q)).kind, 'collision', q);
    // A ministry never issues a decree: this decree, misattributed, is answered from its overview.
    const misattributed = await answerer.answer('NĐ 73/2023 do Bộ Nội vụ ban hành phải không?');
    assert.equal(misattributed.citations[0]?.entryId, 'nd73-tong-quan');
  });

  it('tells a text numbered alike by its issuer, year or pay, refuses texts yet to come, and reads rules and tasks asked in few words, by rule alone', async () => {
    const answerer = testAnswerer(db, []);
    for (const q of [
      'Quy định 32 của Ban Bí thư nói gì?',
      'Kết luận 14 của Ban Thường vụ Tỉnh ủy về phòng chống lụt bão có nội dung gì?',
      'Nghị định 73 từ năm 2010 về xử phạt hành chính còn hiệu lực không?',
      'Lương công chức tăng theo nghị định 73 từ tháng 7 là bao nhiêu?',
      'Kết luận 14 của Ban Thường vụ Huyện ủy Bát Xát về dồn điểm trường nói gì?',
      'Quyết định 32 về bảng giá đất áp dụng cho xã thế nào?',
      // The Politburo is no ministry; a ministry by its initials.
      'Quy định 32 của Bộ Chính trị nói về gì?',
      'TT 73 của BTC hướng dẫn gì?',
    ])
      assert.equal((await answerer.answer(q)).kind, 'collision', q);
    // The Politburo's conclusion named by the Secretariat or the Centre is still this one; so is a rule of the Standing Board.
    assert.notEqual((await answerer.answer('Kết luận 14 của Trung ương liên quan gì đến Nghị định 73?')).kind, 'collision');
    assert.notEqual((await answerer.answer('Quy định 32 của Ban Thường vụ Tỉnh ủy nói gì?')).kind, 'collision');
    await assertRefused(answerer, [
      'Quy trình xử lý kỷ luật đảng viên thế nào?',
      'Khi nào Bộ Nội vụ ban hành thông tư hướng dẫn Nghị định 73?',
      'Sắp tới Trung ương có ra kết luận mới thay Kết luận 14 không?',
      'Nghe nói sắp có NĐ mới thay NĐ73, bao giờ có hiệu lực?',
      'Kết luận 14 có được thay thế bằng văn bản mới chưa?',
      // The decree named with a ministry's initials is this decree, misattributed: no other text, and no circular held.
      'TT hướng dẫn NĐ73 của BNV là TT số mấy?',
    ]);
    await assertAnswered(answerer, [
      ['Nghị định 73 có cấm cán bộ làm những việc gì không?', 'dieu:6'],
      ['Bị đồng nghiệp mỉa mai vì làm đề xuất thì nghị định 73 có nói gì không?', 'dieu:6/khoan:2'],
      ['Về thẩm quyền, đề xuất cần gì để được bảo vệ?', 'dieu:4/khoan:2'],
      ['Công văn tỉnh giao UBND xã, phường những NV trọng tâm gì?', 'muc:1'],
      ['Xã vừa nhận văn bản của tỉnh về nđ73, xã phải làm mấy việc chính?', 'muc:1'],
      // Party discipline breached under cover of the rules is Art. 6.1; Party discipline's own procedure is refused.
      ['Lợi dụng chính sách bảo vệ cán bộ để vi phạm kỷ luật Đảng thì có bị cấm không?', 'dieu:6/khoan:1'],
      ['Ngoài 4 hành vi bị cấm thì Điều 6 nghị định 73 còn hành vi nào nữa không?', 'dieu:6/khoan:5'],
      ['Có mấy mức bảo vệ cán bộ khi thực hiện đề xuất?', 'dieu:11'],
      ['Các TH CB được BV theo Đ11 NĐ 73?', 'dieu:11'],
      ['Đề xuất phải đáp ứng yêu cầu gì về thẩm quyền thì người thực hiện mới được bảo vệ?', 'dieu:4/khoan:2'],
      ['Trong công văn thì SNV có mấy nhiệm vụ, tóm tắt giúp em', 'muc:2'],
    ]);
    // A clause with an entry of its own (4.3, the Party committee's say) has its article beside it too.
    const party = await answerer.answer('Trước khi phê duyệt đề xuất có phải xin ý kiến cấp ủy cùng cấp không?');
    assert.deepEqual(
      party.citations.slice(0, 2).map((c) => c.paths),
      [['dieu:4/khoan:3'], ['dieu:4']],
    );
  });

  it("tells a department's rule numbered 32, refuses another province named first, and reads 'gây khó dễ' as 6.2, by rule alone", async () => {
    const answerer = testAnswerer(db, []);
    assert.equal((await answerer.answer('Quy định 32 của Sở Y tế về trực đêm quy định phụ cấp bao nhiêu?')).kind, 'collision');
    // A department issues no decree: the decree named with one is this decree, misattributed.
    assert.notEqual((await answerer.answer('NĐ 73 của Sở Nội vụ quy định thời hạn xem xét bao lâu?')).kind, 'collision');
    await assertRefused(answerer, ['Tuyên Quang có quy định riêng?', 'Quảng Ninh áp dụng nghị định 73 thế nào?']);
    await assertAnswered(answerer, [['bị sếp gây khó dễ vì mình đề xuất cái mới thì NĐ 73 có nói gì k ạ', 'dieu:6/khoan:2']]);
  });

  it('answers a story whose words only resemble a matter the pack does not hold, and still refuses that matter, by rule alone', async () => {
    const answerer = testAnswerer(db, []);
    await assertAnswered(answerer, [
      // "giải quyết giúp" is not "quyết giúp" (deciding one's own case); training in digital skills is the letter's 1.b.
      ['đang làm đề xuất thì vướng, ai giải quyết giúp ạ', 'muc:1/diem:c'],
      ['Cử đi học chuyển đổi số?', 'muc:1/diem:b'],
      // A contract with a supplier is the proposal's, not a labour contract; "Sở quyết định" is no decision's number.
      [
        'Giám đốc sở đã quyết định tạm dừng đề xuất để rà soát kinh phí, nhưng tổ triển khai vẫn ký hợp đồng với nhà cung cấp. Như vậy có vi phạm điều cấm không?',
        'dieu:6',
      ],
      // Sending the decree's file to a chat group is how it was made known, not a request for a form.
      [
        'Cơ quan tôi chỉ gửi file nghị định 73 vào nhóm Zalo rồi coi như đã phổ biến, vậy đã đúng yêu cầu của công văn chưa?',
        'muc:1/diem:a',
      ],
      // The agencies' tasks listed, the letter named as the province's and no other topic word: section 1 whole.
      ['Liet ke giup cac nhiem vu ma cong van cua tinh giao cho cac so, ban, nganh thuc hien', 'muc:1'],
      ['Công văn tỉnh giao đơn vị việc gì?', 'muc:1'],
    ]);
    await assertRefused(answerer, [
      'Cử đi học thạc sĩ có được tính là khuyến khích không?',
      'Gửi file mẫu kế hoạch cho em với',
      'Nghị định 73 hết hiệu lực chưa?',
      'Lịch tiếp dân của chủ tịch xã là ngày nào?',
    ]);
  });

  it('has the five doubtful entries corrected against the facts page', () => {
    const entry = (id: string) => loadCuratedPack().entries.find((e) => e.id === id)!;
    assert.doesNotMatch(entry('gui-ke-hoach').answer, /nơi cán bộ công tác/);
    assert.match(entry('gui-ke-hoach').answer, /cơ quan sử dụng cán bộ/);
    assert.match(entry('che-do-khuyen-khich').answer, /được xem xét/);
    assert.notEqual(entry('quy-trinh-tong-quat').confidence, 'verified');
    assert.match(entry('quy-trinh-tong-quat').answer, /không mặc nhiên áp dụng/);
    assert.match(entry('nhan-vien-khong-quan-ly').answer, /Điều 11\) của Nghị định không áp dụng/);
    // The vote share counts every eligible voter, as the decision code does; the worked example agrees.
    const vote = entry('ty-le-thong-qua').answer;
    assert.match(vote, /tổng số người có quyền biểu quyết/);
    assert.match(vote, /4 người có quyền biểu quyết thì cần ít nhất 3 phiếu đồng ý/);
    assert.equal(tallyCounts({ voters: 4, inFavour: 3, against: 0, headInFavour: true }).passed, true);
    assert.equal(tallyCounts({ voters: 4, inFavour: 2, against: 1, headInFavour: true }).passed, false);
    assert.equal(tallyCounts({ voters: 4, inFavour: 2, against: 2, headInFavour: true }).passed, true);
  });
});

describe('knowledge: the demo imports the province letter at first start', function () {
  this.timeout(60000);
  let h: BotHarness;
  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), env: { DEMO_MODE: 'true' } });
  });
  after(async () => h?.close());

  it("quotes the letter's point word for word and still answers the decree's principles with Điều 4 first", async () => {
    const user = h.user(TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!.email);
    const report = allText(await user.say('Hạn nộp báo cáo hằng năm về khuyến khích bảo vệ cán bộ là ngày nào?'));
    assert.match(report, /Trích nguyên văn/);
    assert.match(report, /Định kỳ hằng năm \(trước ngày 30\/11\)/);
    assert.match(report, /điểm d mục 1 Công văn số …\/UBND-NC/);
    const rows: Array<{ n: string }> = await h.db.dataSource.query('SELECT count(*)::text AS n FROM legal_document');
    assert.equal(rows[0].n, '1');
    const principles = allText(await user.say('Nghị định 73 quy định những nguyên tắc nào?'));
    assert.match(principles, new RegExp(`Căn cứ[\\s\\S]*Điều 4 ${ND73}`));
    assert.match(principles, /tóm tắt/);
    // The button of a refusal asks its question.
    const asked = allText(await user.submit({ verb: KB_ASK_VERB, question: 'Những hành vi nào bị nghiêm cấm theo Nghị định 73?' }));
    assert.match(asked, new RegExp(`Điều 6 ${ND73}`));
  });

  it('does not import the letter again once an agency has removed it (a later start of the demo)', async () => {
    const fresh = await openTestDatabase();
    try {
      assert.equal(await importSampleLetterIfEmpty(fresh.dataSource), true);
      assert.equal(await removeDocument(fresh.dataSource, '…/UBND-NC'), 1);
      assert.equal(await importSampleLetterIfEmpty(fresh.dataSource), false);
      const rows: Array<{ n: string }> = await fresh.dataSource.query('SELECT count(*)::text AS n FROM legal_document');
      assert.equal(rows[0].n, '0');
    } finally {
      await fresh.dispose();
    }
  });
});
