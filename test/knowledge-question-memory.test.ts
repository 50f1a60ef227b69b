// The question memory: labelled example questions vote, by likeness, for the provision that answers a new
// question or for refusal, and weigh against the ranking (issue 17: other people's wording).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { composeAnswer, notFoundAnswer } from '../services/knowledge/answer-composition.js';
import { policyAnswerAdaptiveCard } from '../bot/knowledge/policy-answer-card.js';
import { labelAccepts } from '../services/knowledge/example-labels.js';
import { weighWithMemory } from '../services/knowledge/memory-decision.js';
import { loadQuestionExamples } from '../services/knowledge/question-examples.js';
import { QuestionMemory } from '../services/knowledge/question-memory.js';
import { EXAMPLES_FILE, examplesFileText } from '../tools/build-question-examples.js';
import { type TestDatabase } from './helpers/test-database.js';
import { databaseWithLetter, testAnswerer } from './helpers/knowledge-fixture.js';

describe('knowledge: question memory', function () {
  this.timeout(60000);
  let db: TestDatabase;

  before(async () => {
    db = await databaseWithLetter();
  });
  after(async () => db?.dispose());

  const answererWith = (examples: Array<{ q: string; expect: string }>) => testAnswerer(db, examples);

  it('ships the examples generated from the dev files (npm run kb:examples), without the holdout', () => {
    assert.equal(readFileSync(EXAMPLES_FILE, 'utf8'), examplesFileText(), 'run `npm run kb:examples`');
    const examples = loadQuestionExamples();
    assert.ok(examples.length > 1000);
    assert.ok(examples.every((e) => e.expect !== 'collision' && !e.expect.includes('syn-')));
  });

  it('reads labels with alternatives, an entry among them, and other documents', () => {
    const c = { citation: 'khoản 4 Điều 7 …', documentKey: 'nd73', paths: ['dieu:7/khoan:4'] };
    assert.ok(labelAccepts('nd73 dieu:7/khoan:4|cv-trien-khai muc:2/diem:b', c));
    assert.ok(!labelAccepts('cv-trien-khai muc:2/diem:b|dieu:7/khoan:4', c));
    assert.ok(labelAccepts('nd73 dieu:5|entry:x', { citation: '', entryId: 'x' }));
    // An entry first, then a provision: both alternatives are read (the whole label was once taken as the id).
    assert.ok(labelAccepts('entry:x|cv-trien-khai doan:mo-dau', { citation: '', entryId: 'x' }));
    assert.ok(labelAccepts('entry:x|cv-trien-khai doan:mo-dau', { citation: '', documentKey: 'cv-trien-khai', paths: ['doan:mo-dau'] }));
    assert.ok(!labelAccepts('refuse', c));
  });

  it('votes by likeness: a paraphrase for its provision, a question like the refused ones for refusal', async () => {
    const index = await answererWith([]).ensureFresh();
    const memory = new QuestionMemory(
      [
        { q: 'Thời hạn xem xét kế hoạch đề xuất là bao lâu?', expect: 'nd73 dieu:8/khoan:1' },
        { q: 'thủ trưởng phải xem xét kế hoạch trong mấy ngày', expect: 'nd73 dieu:8/khoan:1' },
        { q: 'Giá vàng hôm nay bao nhiêu?', expect: 'refuse' },
        { q: 'giá xăng hôm nay thế nào', expect: 'refuse' },
      ],
      index,
      { k: 2, charWeight: 0.5 },
    );
    const deadline = memory.recall('thoi han xem xet ke hoach de xuat bao lau vay');
    assert.equal(deadline.units[0].unit.paths[0], 'dieu:8/khoan:1');
    assert.equal(deadline.refuse, 0);
    assert.equal(memory.recall('giá vàng hôm nay').refuse, 1);
  });

  it('outvotes the ranking only when its neighbours agree, and never on an explicit citation', async () => {
    const odd = 'cán bộ tổ chức nhận hồ sơ ý tưởng xong thì bao nhiêu hôm phải có kết quả';
    const examples = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ q: `${odd} ${'nhé '.repeat(i)}`, expect: 'nd73 dieu:8/khoan:1' }));
    const alone = await answererWith([]).answer(odd);
    assert.ok(
      !alone.confident || alone.citations[0].citation !== 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP',
      'the ranking alone would miss it',
    );
    const a = await answererWith(examples).answer(odd);
    assert.ok(a.confident);
    assert.equal(a.citations[0].citation, 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP');
    const byRef = await answererWith(examples.map((e) => ({ ...e, q: 'khoản 2 Điều 7' }))).answer('khoản 2 Điều 7');
    assert.match(byRef.citations[0].citation, /khoản 2 Điều 7 /);
    const none = await answererWith([]).answer('giá vàng hôm nay');
    assert.equal(none.kind, 'not_found');
  });

  it('leaves a refusal of another rule and an answer chosen by the question kind, and gives way on a refusal whose nearest provision the neighbours name', async () => {
    // "quy chế làm việc" is a rule the pack does not hold: neighbours that share the question's words do not
    // make it Art. 8.1.
    const other = 'người đứng đầu tự quyết khi tập thể lãnh đạo không thống nhất có đúng quy chế làm việc không';
    const examples = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ q: `${other} ${'nhé '.repeat(i)}`, expect: 'nd73 dieu:8/khoan:1' }));
    assert.equal((await answererWith([]).answer(other)).kind, 'not_found');
    assert.equal((await answererWith(examples).answer(other)).kind, 'not_found');
    // Art. 2 chosen by the question's kind ("áp dụng cho ai") keeps its place against a slim majority.
    const covered = 'nghị định 73 bảo vệ cán bộ dám nghĩ dám làm áp dụng cho ai';
    const slim = [
      ...[1, 2, 3, 4, 5].map((i) => ({ q: `cán bộ dám nghĩ dám làm ${'là ai '.repeat(i)}`, expect: 'entry:khai-niem-nang-dong-sang-tao' })),
      ...[1, 2, 3, 4].map((i) => ({ q: `nghị định 73 áp dụng cho ai ${'ạ '.repeat(i)}`, expect: 'nd73 dieu:2' })),
    ];
    assert.equal((await answererWith(slim).answer(covered)).citations[0].citation, 'Điều 2 Nghị định 73/2023/NĐ-CP');
    // A refusal (0.8 votes) whose nearest provision 3/4 of the neighbours name gives way; to another provision, not.
    const index = await answererWith([]).ensureFresh();
    const unit = (path: string) => index.units.find((u) => u.entry && u.paths.join('|') === path)!;
    const refusal = notFoundAnswer('nộp plan t6, bao h phải họp', [{ unit: unit('dieu:8/khoan:1'), score: 0.1 }]);
    const votes = (path: string) => ({ refuse: 0, unheld: 0, units: [{ unit: unit(path), share: 0.75 }] });
    assert.equal(
      weighWithMemory(index, 'q', refusal, votes('dieu:8/khoan:1')).citations[0].citation,
      'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP',
    );
    assert.equal(weighWithMemory(index, 'q', refusal, votes('dieu:8/khoan:1')).confident, true);
    assert.equal(weighWithMemory(index, 'q', refusal, votes('dieu:7/khoan:3')).kind, 'not_found');
    // Words that reached no provision at all ("message") are not answered from likeness alone, however many agree.
    const nothing = notFoundAnswer('message', []);
    assert.equal(
      weighWithMemory(index, 'message', nothing, { refuse: 0, unheld: 0, units: [{ unit: unit('dieu:8/khoan:1'), share: 1 }] }).kind,
      'not_found',
    );
  });

  it("shows beside an answer the provisions its neighbours were answered with, marked as related, up to three, and names the likeliest among a refusal's nearest", async () => {
    const index = await answererWith([]).ensureFresh();
    const unit = (path: string) => index.units.find((u) => u.entry && u.paths.join('|') === path)!;
    const answer = composeAnswer(index, 'q', [{ unit: unit('dieu:11/khoan:2'), score: 0.5 }], true);
    // The ranking's Art. 11.2 stays first (a slim minority does not overturn it); 11.4, which 40% of the
    // neighbours name, is shown beside it as related; 8.1 at 10% is not.
    const votes = {
      refuse: 0,
      unheld: 0,
      units: [
        { unit: unit('dieu:11/khoan:4'), share: 0.4 },
        { unit: unit('dieu:11/khoan:2'), share: 0.35 },
        { unit: unit('dieu:8/khoan:1'), share: 0.1 },
      ],
    };
    const weighed = weighWithMemory(index, 'q', answer, votes);
    assert.deepEqual(
      weighed.citations.map((c) => [c.citation, c.related ?? false]),
      [
        ['khoản 2 Điều 11 Nghị định 73/2023/NĐ-CP', false],
        ['khoản 4 Điều 11 Nghị định 73/2023/NĐ-CP', true],
      ],
    );
    assert.equal(weighed.answer, answer.answer, 'the answer itself is unchanged');
    const facts = (policyAnswerAdaptiveCard(weighed).body as Array<{ type: string; facts?: Array<{ title: string }> }>).find(
      (b) => b.type === 'FactSet',
    )!.facts!;
    assert.deepEqual(
      facts.map((f) => f.title),
      ['Căn cứ', 'Xem thêm'],
    );
    // Nothing beside an unverified provision (it says the official text must be checked).
    const head = index.units.find((u) => u.entry?.id === 'thu-tuc-ke-hoach-thu-truong')!;
    const unverified = composeAnswer(index, 'q', [{ unit: head, score: 0.5 }], true);
    const beside = {
      refuse: 0,
      unheld: 0,
      units: [
        { unit: head, share: 0.5 },
        { unit: unit('dieu:8/khoan:1'), share: 0.3 },
      ],
    };
    assert.equal(weighWithMemory(index, 'q', unverified, beside).citations.length, 1);
    // A refusal the memory keeps names, after the ranking's nearest, the provision most neighbours name (11.4 at
    // 40 %), in its text and as a button; at a share below RELATED_SHARE its nearest stay the ranking's alone.
    const refusal = notFoundAnswer('q', [{ unit: unit('dieu:8/khoan:1'), score: 0.1 }]);
    const kept = weighWithMemory(index, 'q', refusal, { refuse: 0.9, unheld: 0, units: votes.units });
    assert.equal(kept.kind, 'not_found');
    assert.deepEqual(
      kept.citations.map((c) => c.citation),
      ['khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP', 'khoản 4 Điều 11 Nghị định 73/2023/NĐ-CP'],
    );
    assert.match(kept.answer, /khoản 4 Điều 11/);
    assert.ok(kept.suggestions.includes(unit('dieu:11/khoan:4').entry!.questions[0]), kept.suggestions.join(' | '));
    const slim = { refuse: 0.9, unheld: 0, units: [{ unit: unit('dieu:11/khoan:4'), share: 0.1 }] };
    assert.equal(weighWithMemory(index, 'q', refusal, slim).citations.length, 1);
  });
});
