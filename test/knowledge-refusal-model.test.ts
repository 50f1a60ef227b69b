// The refusal model (issue 17): logistic regression over the question memory's features, trained on the labelled
// examples, which turns an answer into an honest refusal when the question asks what no provision holds.
import assert from 'node:assert/strict';
import { composeAnswer } from '../services/knowledge/answer-composition.js';
import { UNHELD_PROBABILITY, weighWithMemory } from '../services/knowledge/memory-decision.js';
import { featuresOf } from '../services/knowledge/question-features.js';
import { RefusalModel } from '../services/knowledge/refusal-model.js';
import { type TestDatabase } from './helpers/test-database.js';
import { databaseWithLetter, testAnswerer } from './helpers/knowledge-fixture.js';

const TRAINING: Array<[string, boolean]> = [
  ['kế hoạch đề xuất gửi ai xem xét', false],
  ['thủ trưởng xem xét kế hoạch trong bao nhiêu ngày', false],
  ['tập thể lãnh đạo biểu quyết thế nào', false],
  ['đề xuất không thành công có được bảo vệ không', false],
  ['người đề xuất được khen thưởng thế nào', false],
  ['kế hoạch đề xuất gồm những nội dung gì', false],
  ['số điện thoại của Sở Nội vụ là gì', true],
  ['email của phòng tổ chức là gì', true],
  ['mức thưởng là bao nhiêu tiền', true],
  ['giá vàng hôm nay bao nhiêu tiền', true],
  ['thời tiết Sa Pa ngày mai thế nào', true],
  ['tiền thưởng đề xuất là bao nhiêu tiền', true],
];

describe('knowledge: refusal model', function () {
  this.timeout(120000);
  let db: TestDatabase;

  before(async () => {
    db = await databaseWithLetter();
  });
  after(async () => db?.dispose());

  const train = () =>
    new RefusalModel(
      TRAINING.map(([q]) => featuresOf(q, 0.5)),
      TRAINING.map(([, refuse]) => refuse),
    );

  it('learns which words ask for what no provision holds, the same way on every start', () => {
    const model = train();
    // Words the examples never used weigh nothing; the words they did ("số điện thoại", "bao nhiêu tiền") decide.
    assert.ok(model.probability('số điện thoại của người phụ trách') > 0.7);
    assert.ok(model.probability('đề xuất được thưởng bao nhiêu tiền') > 0.5);
    assert.ok(model.probability('kế hoạch gửi ai') < 0.1);
    assert.ok(model.probability('tập thể biểu quyết kế hoạch đề xuất') < 0.1);
    assert.equal(train().probability('đề xuất được thưởng bao nhiêu tiền'), model.probability('đề xuất được thưởng bao nhiêu tiền'));
  });

  it('turns a confident answer into a refusal naming its provision as the nearest, only above the threshold', async () => {
    const index = await testAnswerer(db, []).ensureFresh();
    const unit = index.units.find((u) => u.entry && u.paths.join('|') === 'dieu:7/khoan:3')!;
    const answer = composeAnswer(index, 'q', [{ unit, score: 0.6 }], true);
    const votes = (unheld: number) => ({ refuse: 0, unheld, units: [{ unit, share: 1 }] });
    const refused = weighWithMemory(index, 'q', answer, votes(UNHELD_PROBABILITY + 0.05));
    assert.equal(refused.kind, 'not_found');
    assert.equal(refused.confident, false);
    assert.equal(refused.citations[0].citation, 'khoản 3 Điều 7 Nghị định 73/2023/NĐ-CP');
    const kept = weighWithMemory(index, 'q', answer, votes(UNHELD_PROBABILITY - 0.05));
    assert.equal(kept.kind, 'curated');
    assert.equal(kept.confident, true);
  });

  it('refuses, with the shipped examples, a trap the rules alone answer from its words', async () => {
    const q = 'Sở Nội vụ nhận kế hoạch qua địa chỉ thư điện tử nào?';
    assert.equal((await testAnswerer(db, []).answer(q)).confident, true, 'the rules alone answer it (point 2.b)');
    const a = await testAnswerer(db).answer(q);
    assert.equal(a.kind, 'not_found');
    assert.ok(a.citations.length > 0, 'the nearest provisions are named');
  });
});
