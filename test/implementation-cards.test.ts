// Every stage's card is a valid Adaptive Card 1.5 (parsed by the adaptivecards library, no unknown
// elements, unique input ids) with the right actions for the person looking at it, and its text rendering
// offers the typed commands for Zalo.
import assert from 'node:assert/strict';
import { implementationCard, type FollowRole } from '../bot/implementation/implementation-card.js';
import { renderTextCard } from '../bot/cards/render-text-card.js';
import { EvaluationService } from '../services/evaluation/evaluation-service.js';
import { ImplementationService } from '../services/implementation/implementation-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createApprovedProposal } from './helpers/after-decision-fixtures.js';
import { CollectiveVote } from '../entities/collective-vote.entity.js';
import type { NeutralCard } from '../services/platform/reply.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.min.js');

function check(card: NeutralCard): { verbs: string[]; inputs: string[] } {
  const json = card.adaptiveCard!;
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  parsed.parse(json, ctx);
  const events = [...Array(ctx.eventCount).keys()].map((i) => ctx.getEventAt(i).message);
  assert.deepEqual(events, [], JSON.stringify(events));
  assert.deepEqual(
    parsed.validateProperties().validationEvents.map((e: { message: string }) => e.message),
    [],
  );
  const inputs = (json.body as { type: string; id?: string }[]).filter((b) => b.type.startsWith('Input.')).map((b) => b.id!);
  assert.equal(new Set(inputs).size, inputs.length, `duplicate input ids: ${inputs}`);
  return { verbs: ((json.actions as { verb: string }[]) ?? []).map((a) => a.verb), inputs };
}

describe('after-decision cards', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let impl: ImplementationService;
  let evals: EvaluationService;
  let today = '2026-03-02';
  const as = (k: string) => ({ officerId: p[k]!, channel: 'test' });

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    impl = new ImplementationService(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: () => today });
    evals = new EvaluationService(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: () => today });
  });
  after(async () => db?.dispose());

  async function card(id: string, key: string, role: FollowRole): Promise<{ verbs: string[]; inputs: string[]; text: string }> {
    const view = (await impl.view(id))!;
    const ballots = view.evaluation
      ? await db.dataSource.manager.find(CollectiveVote, { where: { subjectKind: 'evaluation', subjectId: view.evaluation.id } })
      : [];
    const c = implementationCard(view, {
      role,
      officerId: p[key]!,
      candidates: await impl.candidates(id),
      ballots: ballots.map((b) => Object.assign(b, { voter: null })),
      recognitionOptions: defaultWorkflowConfig.recognitionOptions,
      checkInIntervalWorkingDays: 20,
      // Not the decree's figure: the card must say the province's configured limit.
      evaluationWorkingDays: 9,
    });
    return { ...check(c), text: renderTextCard(c) };
  }

  it('each stage offers the right actions to the right person, as valid cards and typed commands', async () => {
    const { id, code } = await createApprovedProposal(db.dataSource, p.scStaff!, { today: () => today });
    let c = await card(id, 'scHead', 'head');
    assert.deepEqual(c.verbs, ['impl.assign', 'impl.manager']);
    assert.deepEqual(c.inputs, ['implementers', 'emails', 'people', 'funding', 'equipment', 'manager']);
    assert.match(c.text, new RegExp(`GIAO THỰC HIỆN ${code}`));
    assert.deepEqual((await card(id, 'scStaff', 'viewer')).verbs, []);

    assert.ok((await impl.assign(as('scHead'), id, { implementers: ['cv.skhcn@test.invalid'] })).ok);
    c = await card(id, 'scStaff', 'implementer');
    assert.deepEqual(c.verbs, ['impl.progress', 'impl.obstacle', 'impl.complete']);
    assert.match(c.text, /Các mốc hỏi tiến độ[\s\S]*15\/04\/2026: mốc “Xong quét hồ sơ năm 2025”/);
    assert.match(c.text, new RegExp(`BÁO CÁO TIẾN ĐỘ ${code} <nội dung>`));
    assert.deepEqual((await card(id, 'scHead', 'head')).verbs, ['impl.pause', 'impl.stop']);

    today = '2026-06-30';
    assert.ok((await impl.reportCompletion(as('scStaff'), id, 'Đã xong https://files.example.invalid/kq.pdf')).ok);
    c = await card(id, 'scHead', 'head');
    assert.deepEqual(c.verbs, ['eval.open']);
    assert.deepEqual(c.inputs, ['outcome', 'results', 'objectiveCauses', 'subjectiveCauses', 'damage']);
    assert.match(c.text, /chậm nhất ngày 09\/07\/2026/);
    assert.match(c.text, /Trong 09 ngày làm việc kể từ ngày nhận báo cáo/);

    assert.ok((await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Giảm 60% thời gian' })).ok);
    c = await card(id, 'scDeputy1', 'voter');
    assert.deepEqual(c.verbs, ['eval.vote.for', 'eval.vote.against']);
    assert.match(c.text, new RegExp(`TÁN THÀNH ĐÁNH GIÁ ${code}`));
    c = await card(id, 'scHead', 'head');
    assert.deepEqual(c.verbs, ['eval.vote.for', 'eval.vote.against', 'eval.vote.close', 'eval.meeting']);

    assert.ok((await evals.recordMeeting(as('scHead'), id, { inFavour: 4, against: 0, headInFavour: true, participants: 'Tập thể' })).ok);
    c = await card(id, 'scHead', 'head');
    assert.deepEqual(c.verbs, ['eval.recognize']);
    assert.deepEqual(c.inputs, ['recognitions', 'note']);
    assert.match(c.text, /1\. Biểu dương, khen ngợi kịp thời/);
    assert.ok((await evals.recordRecognition(as('scHead'), id, ['1'])).ok);
    c = await card(id, 'scHead', 'head');
    assert.deepEqual(c.verbs, []);
    assert.match(c.text, /Biểu dương, khen ngợi kịp thời \(Điều 10/);
  });
});
