// Issue 17, second round: near-topic traps built from the pack's own words are refused with the nearest
// provisions, and a question's kind picks the decree's clause when the asker's role or story dilutes its words.
import assert from 'node:assert/strict';
import { PolicyAnswerer } from '../services/knowledge/policy-answerer.js';
import { type TestDatabase } from './helpers/test-database.js';
import { assertRefused, databaseWithLetter, ND73, testAnswerer } from './helpers/knowledge-fixture.js';

describe('knowledge: near-topic traps and the question kinds', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let answerer: PolicyAnswerer;
  /** Each question is answered first with `citation`. */
  const answersFirst = async (questions: string[], citation: string) => {
    for (const q of questions) assert.equal((await answerer.answer(q)).citations[0].citation, citation, q);
  };

  before(async () => {
    db = await databaseWithLetter();
    answerer = testAnswerer(db);
  });
  after(async () => db?.dispose());

  it("refuses questions that use the pack's words about another subject, offering the nearest provisions", async () => {
    for (const q of [
      'Chi bộ biểu quyết kết nạp đảng viên mới cần bao nhiêu phần trăm đảng viên đồng ý?',
      'Theo quy chế làm việc, UBND xã họp thường kỳ mỗi tháng mấy lần?',
      'Doanh nghiệp tư nhân muốn xây dựng quỹ đổi mới sáng tạo cho nhân viên thì làm thế nào?',
      'Sáng kiến kinh nghiệm của giáo viên được chấm theo thang điểm nào?',
      'Bảo vệ môi trường nơi công cộng có những hành vi nào bị nghiêm cấm?',
      'vien chuc bi khien trach thi bao lau moi duoc nang luong lai',
      'Luật Phòng cháy chữa cháy cấm những hành vi nào ở nơi làm việc?',
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'not_found', `${q} → ${a.citations[0]?.citation}`);
      assert.equal(a.confident, false);
      assert.ok(a.suggestions.length >= 1, q);
    }
    // The same words about the decree are still answered.
    const covered = await answerer.answer('Doanh nghiệp nhà nước có thuộc đối tượng áp dụng của Nghị định 73 không?');
    assert.equal(covered.citations[0].citation, `Điều 2 ${ND73}`);
    const banned = await answerer.answer('nd73 cam nhung hanh vi nao');
    assert.equal(banned.citations[0].citation, `Điều 6 ${ND73}`);
  });

  it('answers Art. 2 whatever role the asker names, and routes a plan by the proposer’s role', async () => {
    const director = await answerer.answer('giám đốc bệnh viện đa khoa tỉnh là viên chức quản lý thì có thuộc đối tượng của nđ73 k ạ');
    assert.equal(director.confident, true);
    assert.equal(director.citations[0].citation, `Điều 2 ${ND73}`);
    const officer = await answerer.answer('Trưởng phòng chuyên môn của UBND xã có đề xuất thì gửi kế hoạch đến ai xem xét?');
    assert.equal(officer.citations[0].citation, `khoản 3 Điều 7 ${ND73}`);
    const head = await answerer.answer('chu tich ubnd phuong co y tuong moi thi nop ke hoach len dau a');
    assert.equal(head.citations[0].citation, `khoản 4 Điều 7 ${ND73}`);
  });

  it('asks more of a pack provision when the question names none of the pack’s subject (another procedure in its words)', async () => {
    // The ranking alone (the shipped memory refuses these too).
    const rules = testAnswerer(db, []);
    await assertRefused(rules, [
      'Ban chấp hành công đoàn cơ sở biểu quyết kết nạp đoàn viên theo tỷ lệ nào?',
      'kế hoạch phòng cháy chữa cháy của xã cần có những nội dung gì?',
      'Hội đồng nhân dân xã biểu quyết thông qua nghị quyết theo tỷ lệ nào?',
      'Tập thể lãnh đạo trường họp xét học bổng thì biểu quyết theo tỷ lệ nào?',
      'kế hoạch tiêm chủng của trạm y tế gửi ai xem xét?',
    ]);
    const vote = await rules.answer('Tập thể lãnh đạo biểu quyết đề xuất theo tỷ lệ nào thì thông qua?');
    assert.equal(vote.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
    const plan = await rules.answer('kế hoạch đề xuất cần có những nội dung gì?');
    assert.equal(plan.citations[0].citation, `khoản 1, khoản 2 Điều 7 ${ND73}`);
  });

  it('picks the protection clause by the outcome named, and lists no other clause of Art. 11 under it', async () => {
    const done = await answerer.answer('de xuat hoan thanh thi co bi truy cuu trach nhiem khong');
    assert.equal(done.citations[0].citation, `khoản 1 Điều 11 ${ND73}`);
    assert.ok(
      // (the memory's related provisions are shown apart, not as its basis)
      done.citations.slice(1).every((c) => c.related || !(c.paths ?? []).some((p) => p.startsWith('dieu:11'))),
      JSON.stringify(done.citations),
    );
    const notDone = await answerer.answer('Cán bộ dám làm được bảo vệ thế nào nếu đề xuất không thành?');
    assert.equal(notDone.citations[0].citation, `khoản 2 Điều 11 ${ND73}`);
    // A story asking about the review deadline keeps Art. 8.1 although its last sentence alone reads otherwise.
    const story = await answerer.answer(
      'Phòng em nộp kế hoạch đề xuất cho giám đốc từ đầu tháng, đến nay đã mười ngày làm việc mà vẫn chưa họp xét. Vậy giám đốc có đúng thời hạn quy định không ạ?',
    );
    assert.equal(story.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
  });

  // Third round (dev-blind3): the same behaviours on wording that no question file holds.
  it('refuses a law named by its title after "theo" and a weak scope word alone, but keeps the decree on its own subject', async () => {
    for (const q of [
      'Theo Luật Tiếp công dân, người khiếu nại được bảo vệ ra sao?',
      'Báo cáo tổng kết công tác thi đua cuối năm viết thế nào?',
      // Only "bảo vệ", a scope word with common uses, ties it to the pack.
      'Công chức phản ánh tiêu cực của cấp trên có được bảo vệ thông tin cá nhân không?',
    ]) {
      const a = await answerer.answer(q);
      assert.equal(a.kind, 'not_found', `${q} → ${a.citations[0]?.citation}`);
      assert.ok(a.suggestions.length >= 1, q);
    }
    // Against a law: the principle that protection stays within the law (khoản 2 Điều 4), the article beside it.
    const own = await answerer.answer('Đề xuất đổi mới trái với Luật Đất đai thì có được bảo vệ không?');
    assert.deepEqual(
      own.citations.slice(0, 2).map((c) => c.citation),
      [`khoản 2 Điều 4 ${ND73}`, `Điều 4 ${ND73}`],
    );
  });

  it('reads who approves a plan as where it goes, a forbidden act asked with "bị xử lý" as its clause of Art. 6, and a plan outline or a plan required as Art. 7.1', async () => {
    const officer = await answerer.answer('Ai có thẩm quyền phê duyệt kế hoạch đề xuất của chuyên viên?');
    assert.equal(officer.citations[0].citation, `khoản 3 Điều 7 ${ND73}`);
    const head = await answerer.answer('Giám đốc sở tự lập kế hoạch đề xuất thì cấp nào xem xét?');
    assert.equal(head.citations[0].citation, `khoản 4 Điều 7 ${ND73}`);
    const obstruct = await answerer.answer('Cản trở người thực hiện đề xuất đổi mới thì bị xử lý ra sao?');
    assert.equal(obstruct.citations[0].citation, `khoản 2 Điều 6 ${ND73}`);
    const outline = await answerer.answer('Kế hoạch gửi lãnh đạo cần có bố cục ra sao?');
    assert.equal(outline.citations[0].citation, `khoản 1, khoản 2 Điều 7 ${ND73}`);
    // Whether an idea must be written up as a plan at all is Art. 7.1; whether the head's override must be written
    // is Art. 8.1.
    const written = await answerer.answer('Có ý tưởng đổi mới thì phải lập kế hoạch không hay chỉ cần nói miệng với trưởng phòng?');
    assert.equal(written.citations[0].citation, `khoản 1, khoản 2 Điều 7 ${ND73}`);
    const override = await answerer.answer('Tập thể lãnh đạo đa số không đồng ý thì thủ trưởng có được tự quyết thực hiện đề xuất không?');
    assert.equal(override.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
    // A head's own plan: its time limit is not known, so Art. 8.1's 07 days is neither the answer nor its basis.
    const ownPlan = await answerer.answer('Giám đốc sở tự lập kế hoạch đề xuất thì thời hạn xem xét là bao lâu?');
    assert.equal(ownPlan.citations[0].confidence, 'unknown', JSON.stringify(ownPlan.citations[0]));
    assert.ok(!ownPlan.citations.some((c) => (c.paths ?? []).includes('dieu:8/khoan:1')), JSON.stringify(ownPlan.citations));
    // An officer's plan goes to the officer's head even when the question names the Department or the letter (its
    // routing through the Department is for heads' plans); a deputy principal is an officer under the principal.
    await answersFirst(
      [
        'Phó phòng thuộc sở có kế hoạch đề xuất đổi mới thì nộp giám đốc sở hay nộp Sở Nội vụ?',
        'Theo công văn của tỉnh, kế hoạch đề xuất của chuyên viên gửi cho ai?',
        'Phó hiệu trưởng có kế hoạch đề xuất thì gửi hiệu trưởng hay gửi phòng giáo dục?',
      ],
      `khoản 3 Điều 7 ${ND73}`,
    );
    const summing = await answerer.answer('Tổ chức sơ kết việc triển khai Nghị định 73 giao cho đơn vị nào?');
    assert.ok((summing.citations[0].paths ?? []).includes('muc:2/diem:d'), JSON.stringify(summing.citations[0]));
  });

  it('routes by the role after "tôi là", keeps the focal point with the letter, and answers the clause an article reference asks about', async () => {
    const principal = await answerer.answer('Tôi là hiệu trưởng trường tiểu học, kế hoạch đề xuất của chính tôi thì gửi ai duyệt?');
    assert.equal(principal.citations[0].citation, `khoản 4 Điều 7 ${ND73}`);
    const focal = await answerer.answer('Cơ quan nào là đầu mối tiếp nhận kế hoạch đề xuất của thủ trưởng các sở, ngành?');
    assert.ok((focal.citations[0].paths ?? []).includes('muc:2/diem:b'), JSON.stringify(focal.citations[0]));
    const content = await answerer.answer('Theo Điều 7 NĐ 73, kế hoạch đề xuất cần nêu những nội dung gì?');
    assert.equal(content.citations[0].citation, `khoản 1, khoản 2 Điều 7 ${ND73}`);
    // The whole article when that is what its words ask for; never an unverified clause unless a clause is asked.
    const banned = await answerer.answer('Các hành vi bị nghiêm cấm theo Điều 6 Nghị định 73 là gì?');
    assert.equal(banned.citations[0].citation, `Điều 6 ${ND73}`);
    const evaluation = await answerer.answer('Phó giám đốc là người đề xuất có được tham gia họp đánh giá kết quả không?');
    assert.equal(evaluation.citations[0].entryId, 'danh-gia-ket-qua');
    const wedding = await answerer.answer('Đảng viên lập kế hoạch tổ chức đám cưới cho con thì mời tối đa bao nhiêu khách?');
    assert.equal(wedding.kind, 'not_found');
  });

  it('reads a task refused or a clause asked for by "khoản nào", a plan held for a month, and a wrong report frequency', async () => {
    await answersFirst(
      [
        'Nhân viên không thực hiện nhiệm vụ đã được giao trong đề xuất được duyệt thì có sai không?',
        'Cán bộ từ chối thực hiện nhiệm vụ được giao trong đề xuất đã phê duyệt thì vi phạm khoản nào của Điều 6?',
      ],
      `khoản 4 Điều 6 ${ND73}`,
    );
    const held = await answerer.answer('Thủ trưởng ôm kế hoạch đề xuất của em cả tháng nay không đưa ra họp thì có đúng không?');
    assert.equal(held.citations[0].citation, `khoản 1 Điều 8 ${ND73}`);
    const quarterly = await answerer.answer('Cơ quan báo cáo Sở Nội vụ về thực hiện Nghị định 73 hằng quý phải không?');
    assert.ok((quarterly.citations[0].paths ?? []).includes('muc:1/diem:d'), JSON.stringify(quarterly.citations[0]));
  });

  it('reads the first step, the Party committee asked before signing, who judges completion, and criteria of the concept', async () => {
    const first = await answerer.answer('Em có ý tưởng cải tiến rồi, bước đầu tiên cần làm gì ạ?');
    assert.equal(first.citations[0].citation, `khoản 1, khoản 2 Điều 7 ${ND73}`);
    const party = await answerer.answer(
      'Tập thể đã đồng ý đề xuất, giám đốc ký luôn có được không hay phải báo cáo chi ủy trước? Ai đúng?',
    );
    assert.equal(party.citations[0].citation, `khoản 3 Điều 4 ${ND73}`);
    const judged = await answerer.answer('Đề xuất làm xong thì ai đánh giá là hoàn thành?');
    assert.equal(judged.citations[0].entryId, 'danh-gia-ket-qua');
    const criteria = await answerer.answer('Tiêu chí nào để được coi là cán bộ năng động sáng tạo?');
    assert.equal(criteria.citations[0].entryId, 'khai-niem-nang-dong-sang-tao');
  });

  it('routes by the proposer when a head is only a destination or another choice, and by the subject of "có ý tưởng thì gửi"', async () => {
    await answersFirst(
      [
        'Phó giám đốc sở có kế hoạch đề xuất thì gửi giám đốc sở hay cũng phải qua Sở Nội vụ?',
        'Đội trưởng đội kiểm lâm có ý tưởng, kế hoạch gửi hạt trưởng hay gửi thẳng chi cục?',
      ],
      `khoản 3 Điều 7 ${ND73}`,
    );
    await answersFirst(
      [
        'hạt kiểm lâm tôi muốn tuần tra bằng flycam, hạt trưởng có ý tưởng thì gửi kế hoạch cho ai',
        'giám đốc trung tâm y tế có ý tưởng đổi mới thì gửi sở y tế hay gửi ubnd tỉnh',
      ],
      `khoản 4 Điều 7 ${ND73}`,
    );
  });

  it('routes a plan "đưa cho" or "gửi GĐ … hay …" by its proposer, and reads a finished model as Art. 11.1 in ordinary words', async () => {
    await answersFirst(
      [
        'Tôi là phó giám đốc trung tâm dịch vụ nông nghiệp, kế hoạch gửi giám đốc trung tâm hay Sở Nông nghiệp?',
        'Phó trưởng phòng như tôi có ý tưởng thì đưa kế hoạch cho trưởng phòng hay cho giám đốc sở?',
        // Abbreviations: a teacher (GV), a vice-chairman (Phó CT) sending to the head (HT, CT).
        'GV trường tiểu học có KH đổi mới thì nộp HT hay nộp phòng GD xã?',
        'Phó CT xã có đề xuất thì nộp KH cho CT xã hay lên Sở Nội vụ?',
      ],
      `khoản 3 Điều 7 ${ND73}`,
    );
    await answersFirst(
      ['Mô hình chợ số của xã đã chạy trọn vẹn, được đánh giá đạt. Chủ tịch xã có bị ai bắt lỗi vì làm khác cách cũ không?'],
      `khoản 1 Điều 11 ${ND73}`,
    );
    // By the rule alone (no question memory), also when the question's words reached another clause first.
    const rulesOnly = testAnswerer(db, []);
    const q = 'cong chuc phuong co de xuat thi gui cho chu tich ubnd phuong hay gui so noi vu';
    assert.equal((await rulesOnly.answer(q)).citations[0].citation, `khoản 3 Điều 7 ${ND73}`, q);
  });

  it("answers the letter's tasks for agencies and communes with its whole section 1, and what is owed after approval with 1.c", async () => {
    const paths = async (q: string) => ((await answerer.answer(q)).citations[0]?.paths ?? []).join('|');
    for (const q of ['Công văn tỉnh giao cho phường những việc gì về NĐ 73?', 'Theo công văn, sở phải làm những nhóm việc gì?'])
      assert.equal(await paths(q), 'muc:1', q);
    assert.equal(await paths('Theo CV của tỉnh, sau khi duyệt đề xuất thì thủ trưởng phải làm những gì?'), 'muc:1/diem:c');
  });

  it('tells the report deadline from the evaluation meeting, and reads a term, half done, and feedback on an unfit rule', async () => {
    const report = await answerer.answer('Hạn nộp báo cáo kết quả thực hiện đề xuất là bao lâu?');
    assert.equal(report.citations[0].entryId, 'bao-cao-ket-qua-thuc-hien');
    const meeting = await answerer.answer('Nhận báo cáo kết quả rồi thì bao lâu phải họp đánh giá?');
    assert.equal(meeting.citations[0].entryId, 'danh-gia-ket-qua');
    const term = await answerer.answer('Thuật ngữ cán bộ trong Nghị định 73 gồm những ai?');
    assert.equal(term.citations[0].citation, `Điều 2 ${ND73}`);
    const half = await answerer.answer('Tôi được duyệt thí điểm nhưng chỉ làm được một nửa kế hoạch, có phải chịu trách nhiệm không?');
    assert.equal(half.citations[0].citation, `khoản 2 Điều 11 ${ND73}`);
    const feedback = await answerer.answer('thấy quy định triển khai chưa hợp lý thì kiến nghị qua đâu');
    assert.ok((feedback.citations[0].paths ?? []).includes('muc:2/diem:c'), JSON.stringify(feedback.citations[0]));
  });
});
