// The state machine from approval to closure through the services, on a real database: assignment,
// check-ins, progress and obstacles, pause/resume/stop, completion, the evaluation vote (proposer deputy
// excluded, >50%, tie follows the head), a meeting tally, and each outcome's recognition or protection.
import assert from 'node:assert/strict';
import { EvaluationService } from '../services/evaluation/evaluation-service.js';
import { renderEvaluationFile } from '../services/evaluation/evaluation-document.js';
import { ImplementationService } from '../services/implementation/implementation-service.js';
import { AFTER_DECISION_NOTICES as N } from '../services/implementation/after-decision-common.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { WorkingCalendar } from '../services/calendar/working-days.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createApprovedProposal, noticesFor, statusOf } from './helpers/after-decision-fixtures.js';
import mammoth from 'mammoth';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';

describe('implementation and evaluation services', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let today = '2026-03-02';
  const clock = () => today;
  let impl: ImplementationService;
  let evals: EvaluationService;
  const as = (key: string) => ({ officerId: p[key]!, channel: 'test' });

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    impl = new ImplementationService(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: clock });
    evals = new EvaluationService(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: clock });
  });
  after(async () => db?.dispose());

  async function implementing(proposer = 'scStaff'): Promise<{ id: string; code: string }> {
    today = '2026-03-02';
    const a = await createApprovedProposal(db.dataSource, p[proposer]!, { today: clock });
    const r = await impl.assign(as('scHead'), a.id, { implementers: ['cv.skhcn@test.invalid'] });
    assert.ok(r.ok, JSON.stringify(r));
    return a;
  }

  async function completed(proposer = 'scStaff'): Promise<{ id: string; code: string }> {
    const a = await implementing(proposer);
    today = '2026-06-30';
    const r = await impl.reportCompletion(as('scStaff'), a.id, 'Đã số hóa 12.000 hồ sơ');
    assert.ok(r.ok, JSON.stringify(r));
    return a;
  }

  it('assignment: only the deciding head (or the deputy named), implementers from the directory, resources from the plan, milestones become check-ins', async () => {
    today = '2026-03-02';
    const { id } = await createApprovedProposal(db.dataSource, p.scStaff!, { today: clock });
    assert.equal(await statusOf(db.dataSource, id), 'approved');
    const intruder = await impl.assign(as('scDeputy1'), id, { implementers: ['cv.skhcn@test.invalid'] });
    assert.deepEqual([intruder.ok, !intruder.ok && intruder.reason], [false, 'not_allowed']);
    const unknown = await impl.assign(as('scHead'), id, { implementers: ['nobody@test.invalid'] });
    assert.deepEqual([unknown.ok, !unknown.ok && unknown.reason], [false, 'unknown_officer']);
    assert.equal(await statusOf(db.dataSource, id), 'approved');

    // The head names a deputy, who then assigns.
    const named = await impl.nameManager(as('scHead'), id, 'pgd1.skhcn@test.invalid');
    assert.ok(named.ok);
    const notDeputy = await impl.nameManager(as('scHead'), id, 'cv.qlkh@test.invalid');
    assert.equal(!notDeputy.ok && notDeputy.reason, 'not_deputy');
    const r = await impl.assign(as('scDeputy1'), id, {
      implementers: ['cv.skhcn@test.invalid', 'CV.QLKH@test.invalid'],
      resources: { funding: '120 triệu đồng' },
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(await statusOf(db.dataSource, id), 'implementing');
    const again = await impl.assign(as('scHead'), id, { implementers: ['cv.skhcn@test.invalid'] });
    assert.equal(!again.ok && again.reason, 'already_done');

    const [row] = (await db.dataSource.query(`SELECT * FROM implementation WHERE proposal_id = $1`, [id])) as Record<string, unknown>[];
    assert.equal(row!.resources_people, '3 chuyên viên');
    assert.equal(row!.resources_funding, '120 triệu đồng');
    assert.equal(row!.resources_equipment, '2 máy quét');
    assert.equal(row!.manager_id, p.scDeputy1);
    const members = (await db.dataSource.query(
      `SELECT officer_id, is_lead FROM implementation_member WHERE proposal_id = $1 ORDER BY is_lead DESC`,
      [id],
    )) as { officer_id: string; is_lead: boolean }[];
    assert.deepEqual(
      members.map((x) => [x.officer_id, x.is_lead]),
      [
        [p.scStaff, true],
        [p.roomStaff, false],
      ],
    );
    const checkIns = (await db.dataSource.query(
      `SELECT kind, due_date::text AS due FROM implementation_check_in WHERE proposal_id = $1 ORDER BY due_date`,
      [id],
    )) as { kind: string; due: string }[];
    const periodic = new WorkingCalendar(defaultWorkflowConfig.calendar).addWorkingDays('2026-03-02', 20);
    assert.deepEqual(
      checkIns,
      [
        { kind: 'periodic', due: periodic },
        { kind: 'milestone', due: '2026-04-15' },
        { kind: 'milestone', due: '2026-05-29' },
      ].sort((a, b) => a.due.localeCompare(b.due)),
    );
    const audit = (await db.dataSource.query(
      `SELECT action, from_status, to_status FROM audit_event WHERE proposal_id = $1 AND action = 'impl.assign'`,
      [id],
    )) as { from_status: string; to_status: string }[];
    assert.deepEqual(
      audit.map((a) => [a.from_status, a.to_status]),
      [['approved', 'implementing']],
    );
    assert.equal((await noticesFor(db.dataSource, p.roomStaff!, N.assigned)).length, 1);
  });

  it('progress answers the due check-ins; an obstacle goes to the head; provincial obstacles also to Home Affairs', async () => {
    const { id } = await implementing();
    today = new WorkingCalendar(defaultWorkflowConfig.calendar).addWorkingDays('2026-03-02', 19);
    const r = await impl.report(as('scStaff'), id, 'progress', 'Đã quét 40% hồ sơ');
    assert.ok(r.ok);
    const states = (await db.dataSource.query(
      `SELECT kind, state, due_date::text AS due FROM implementation_check_in WHERE proposal_id = $1 ORDER BY id`,
      [id],
    )) as { kind: string; state: string; due: string }[];
    assert.equal(
      states.find((s) => s.kind === 'periodic' && s.state === 'reported')?.due,
      new WorkingCalendar(defaultWorkflowConfig.calendar).addWorkingDays('2026-03-02', 20),
    );
    assert.equal(states.filter((s) => s.kind === 'periodic' && s.state === 'pending').length, 1);
    assert.ok(states.filter((s) => s.kind === 'milestone').every((s) => s.state === 'pending'));

    const before = (await noticesFor(db.dataSource, p.haHead!, N.obstacle)).length;
    const o = await impl.report(as('scStaff'), id, 'obstacle', 'Thiếu máy quét');
    assert.ok(o.ok && o.data?.homeAffairs === false);
    assert.equal((await noticesFor(db.dataSource, p.scHead!, N.obstacle)).filter((n) => n.proposal_id === id).length, 1);
    assert.equal((await noticesFor(db.dataSource, p.haHead!, N.obstacle)).length, before);
    const outsider = await impl.report(as('scDeputy2'), id, 'progress', 'x');
    assert.equal(!outsider.ok && outsider.reason, 'not_allowed');
    const empty = await impl.report(as('scStaff'), id, 'progress', '   ');
    assert.equal(!empty.ok && empty.reason, 'text_required');

    // A department head's plan is decided by the Chairman: an obstacle also reaches Home Affairs.
    today = '2026-03-02';
    const prov = await createApprovedProposal(db.dataSource, p.financeHead!, { today: clock });
    const assigned = await impl.assign(as('chairman'), prov.id, { implementers: ['gd.stc@test.invalid'] });
    assert.ok(assigned.ok, JSON.stringify(assigned));
    const po = await impl.report(as('financeHead'), prov.id, 'obstacle', 'Vướng quy định về đấu thầu');
    assert.ok(po.ok && po.data?.homeAffairs === true);
    assert.equal((await noticesFor(db.dataSource, p.haHead!, N.obstacle)).filter((n) => n.proposal_id === prov.id).length, 1);
    assert.equal((await noticesFor(db.dataSource, p.chairman!, N.obstacle)).filter((n) => n.proposal_id === prov.id).length, 1);
  });

  it('pause, resume and stop with a reason, audited; the implementer cannot', async () => {
    const { id } = await implementing();
    const denied = await impl.pause(as('scStaff'), id, 'tự dừng');
    assert.equal(!denied.ok && denied.reason, 'not_allowed');
    const noReason = await impl.pause(as('scHead'), id, ' ');
    assert.equal(!noReason.ok && noReason.reason, 'text_required');
    assert.ok((await impl.pause(as('scHead'), id, 'Chờ bố trí kinh phí')).ok);
    assert.equal(await statusOf(db.dataSource, id), 'paused');
    const progress = await impl.report(as('scStaff'), id, 'progress', 'x');
    assert.equal(!progress.ok && progress.reason, 'wrong_state');
    assert.ok((await impl.resume(as('scHead'), id)).ok);
    assert.equal(await statusOf(db.dataSource, id), 'implementing');
    const managerStop = await impl.stop(as('scDeputy1'), id, 'x');
    assert.equal(!managerStop.ok && managerStop.reason, 'not_allowed');
    assert.ok((await impl.stop(as('scHead'), id, 'Không còn phù hợp')).ok);
    assert.equal(await statusOf(db.dataSource, id), 'stopped');
    const audit = (await db.dataSource.query(
      `SELECT action, comment FROM audit_event WHERE proposal_id = $1 AND action IN ('impl.pause','impl.resume','impl.stop') ORDER BY id`,
      [id],
    )) as { action: string; comment: string | null }[];
    assert.deepEqual(
      audit.map((a) => a.action),
      ['impl.pause', 'impl.resume', 'impl.stop'],
    );
    assert.equal(audit[0]!.comment, 'Chờ bố trí kinh phí');
    const pending = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM implementation_check_in WHERE proposal_id = $1 AND state = 'pending'`,
      [id],
    )) as { n: number }[];
    assert.equal(pending[0]!.n, 0);
  });

  it('completion report: evaluation due 07 working days later, with the head as holder', async () => {
    const { id } = await completed();
    const [row] = (await db.dataSource.query(`SELECT status, due_date::text AS due, holder_id FROM proposal WHERE id = $1`, [id])) as {
      status: string;
      due: string;
      holder_id: string;
    }[];
    assert.equal(row!.status, 'completion_reported');
    assert.equal(row!.due, '2026-07-09'); // 30/6 (Tue) + 7 working days
    assert.equal(row!.holder_id, p.scHead);
    assert.equal((await noticesFor(db.dataSource, p.scHead!, N.completionReported)).filter((n) => n.proposal_id === id).length, 1);
  });

  it('completed → vote (proposer deputy excluded) → recognition from the configured list → closed, conclusion .docx', async () => {
    const { id } = await completed('scDeputy3');
    // The implementer is the head's staff; the proposer is deputy 3, who is not a voter.
    const r = await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Giảm 60% thời gian xử lý hồ sơ' });
    assert.ok(r.ok && r.data?.voters === 3, JSON.stringify(r));
    assert.equal(await statusOf(db.dataSource, id), 'evaluating');
    const excluded = await evals.castVote(as('scDeputy3'), id, 'for');
    assert.equal(!excluded.ok && excluded.reason, 'not_voter');
    const tooEarly = await evals.closeVote(as('scHead'), id);
    assert.equal(!tooEarly.ok && tooEarly.reason, 'vote_not_finished');
    assert.ok((await evals.castVote(as('scDeputy1'), id, 'for')).ok);
    const noComment = await evals.castVote(as('scDeputy2'), id, 'against');
    assert.equal(!noComment.ok && noComment.reason, 'text_required');
    assert.ok((await evals.castVote(as('scDeputy2'), id, 'against', 'Chưa đủ số liệu')).ok);
    const last = await evals.castVote(as('scHead'), id, 'for');
    assert.ok(last.ok && last.action === 'evaluation_passed' && last.status === 'evaluated', JSON.stringify(last));
    const bad = await evals.recordRecognition(as('scHead'), id, ['khong_co']);
    assert.equal(!bad.ok && bad.reason, 'invalid_recognition');
    const rec = await evals.recordRecognition(as('scHead'), id, ['bieu_duong', '5']);
    assert.ok(rec.ok, JSON.stringify(rec));
    assert.equal(await statusOf(db.dataSource, id), 'closed');
    const [e] = (await db.dataSource.query(
      `SELECT outcome, provision, recognitions, tally FROM evaluation WHERE proposal_id = $1 AND state = 'passed'`,
      [id],
    )) as {
      outcome: string;
      provision: string;
      recognitions: { code: string }[];
      tally: { inFavour: number; voters: number };
    }[];
    assert.equal(e!.provision, '11.1');
    assert.deepEqual(
      e!.recognitions.map((x) => x.code),
      ['bieu_duong', 'nang_luong_truoc_han'],
    );
    assert.deepEqual([e!.tally.inFavour, e!.tally.voters], [2, 3]);
    const told = await noticesFor(db.dataSource, p.scDeputy3!, N.proposerOutcome);
    assert.deepEqual(
      told.filter((n) => n.proposal_id === id).map((n) => n.payload.stage),
      ['evaluated', 'recognized'],
    );
    const file = await renderEvaluationFile(db.dataSource, id);
    assert.ok(file);
    const text = (await mammoth.extractRawText({ buffer: file.content })).value;
    assert.match(text, /Hoàn thành đề xuất/);
    assert.match(text, /khoản 1 Điều 11/);
    assert.match(text, /Biểu dương, khen ngợi kịp thời/);
    assert.match(text, /2\/3 thành viên tán thành/);
  });

  it('not completed, pure motive → Art. 11.2 (liability excluded) for a manager, closed at once; a tie follows the head', async () => {
    // The room chief is a manager (Art. 2), so the protection of Art. 11.2 is his.
    const { id } = await completed('roomChief');
    const missing = await evals.open(as('scHead'), id, { outcome: 'not_completed_pure_motive', results: 'Hoàn thành 50%' });
    assert.equal(!missing.ok && missing.reason, 'causes_required');
    assert.ok(
      (
        await evals.open(as('scHead'), id, {
          outcome: 'not_completed_pure_motive',
          results: 'Hoàn thành 50%',
          objectiveCauses: 'Thiếu thiết bị',
          subjectiveCauses: 'Ước tính khối lượng chưa sát',
        })
      ).ok,
    );
    // 4 voters: head + 3 deputies; 2 for (with the head), 2 against → passes on the head's side.
    const r = await evals.recordMeeting(as('scHead'), id, {
      inFavour: 2,
      against: 2,
      headInFavour: true,
      participants: 'Giám đốc, 3 Phó Giám đốc',
    });
    assert.ok(r.ok && r.status === 'closed', JSON.stringify(r));
    const [e] = (await db.dataSource.query(
      `SELECT provision, tally, proposer_covered FROM evaluation WHERE proposal_id = $1 AND state = 'passed'`,
      [id],
    )) as { provision: string; tally: { source: string }; proposer_covered: boolean }[];
    assert.equal(e!.provision, '11.2');
    assert.equal(e!.proposer_covered, true);
    assert.equal(e!.tally.source, 'meeting');
    const rec = await evals.recordRecognition(as('scHead'), id, ['bieu_duong']);
    assert.equal(rec.ok, false);
    const file = await renderEvaluationFile(db.dataSource, id);
    const text = (await mammoth.extractRawText({ buffer: file!.content })).value;
    assert.match(text, /khoản 2 Điều 11/);
    assert.match(text, /được loại trừ trách nhiệm/);
    assert.match(text, /Thiếu thiết bị/);
  });

  it('not carried out by the policy (Art. 4.2, 6): reasons required, no protection, closed', async () => {
    const { id } = await completed('roomChief');
    const bare = await evals.open(as('scHead'), id, { outcome: 'not_by_policy', results: 'Tự ý mở rộng phạm vi' });
    assert.equal(!bare.ok && bare.reason, 'causes_required');
    assert.ok(
      (
        await evals.open(as('scHead'), id, {
          outcome: 'not_by_policy',
          results: 'Tự ý mở rộng phạm vi',
          objectiveCauses: 'Không có',
          subjectiveCauses: 'Triển khai ngoài phạm vi được phê duyệt',
        })
      ).ok,
    );
    const r = await evals.recordMeeting(as('scHead'), id, { inFavour: 4, against: 0, headInFavour: true, participants: 'Tập thể' });
    assert.ok(r.ok && r.status === 'closed', JSON.stringify(r));
    const [e] = (await db.dataSource.query(`SELECT provision FROM evaluation WHERE proposal_id = $1 AND state = 'passed'`, [id])) as {
      provision: string;
    }[];
    assert.equal(e!.provision, 'none');
    const text = (await mammoth.extractRawText({ buffer: (await renderEvaluationFile(db.dataSource, id))!.content })).value;
    assert.match(text, /Không áp dụng các biện pháp bảo vệ tại Điều 11/);
    assert.match(text, /khoản 2 Điều 4 và Điều 6/);
    assert.doesNotMatch(text, /được loại trừ trách nhiệm/);
  });

  it('a paused proposal is evaluated with its causes, never as completed; its pending check-ins are cancelled', async () => {
    const { id } = await implementing('roomChief');
    assert.ok((await impl.pause(as('scHead'), id, 'Chờ kinh phí')).ok);
    const asDone = await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Xong' });
    assert.equal(!asDone.ok && asDone.reason, 'not_completed_when_stopped');
    assert.ok(
      (
        await evals.open(as('scHead'), id, {
          outcome: 'not_completed_pure_motive',
          results: 'Xong 20%',
          objectiveCauses: 'Không có kinh phí',
          subjectiveCauses: 'Không',
        })
      ).ok,
    );
    assert.equal(await statusOf(db.dataSource, id), 'evaluating');
    const pending = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM implementation_check_in WHERE proposal_id = $1 AND state = 'pending'`,
      [id],
    )) as { n: number }[];
    assert.equal(pending[0]!.n, 0);
    // A later round still may not find it completed.
    assert.ok((await evals.recordMeeting(as('scHead'), id, { inFavour: 0, against: 4, headInFavour: false, participants: 'Tập thể' })).ok);
    const again = await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Xong' });
    assert.equal(!again.ok && again.reason, 'not_completed_when_stopped');
  });

  it('with damage → Art. 11.3; a round not passed lets the head propose again', async () => {
    const { id } = await completed();
    const noDamage = await evals.open(as('scHead'), id, {
      outcome: 'not_completed_with_damage',
      results: 'Hỏng dữ liệu',
      objectiveCauses: 'Mất điện',
      subjectiveCauses: 'Chưa sao lưu',
    });
    assert.equal(!noDamage.ok && noDamage.reason, 'causes_required');
    assert.ok((await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Xong' })).ok);
    const notPassed = await evals.recordMeeting(as('scHead'), id, { inFavour: 1, against: 3, headInFavour: true, participants: 'Tập thể' });
    assert.ok(notPassed.ok && notPassed.action === 'evaluation_not_passed');
    assert.equal(await statusOf(db.dataSource, id), 'evaluating');
    const second = await evals.open(as('scHead'), id, {
      outcome: 'not_completed_with_damage',
      results: 'Hỏng 2% dữ liệu',
      objectiveCauses: 'Mất điện',
      subjectiveCauses: 'Chưa sao lưu',
      damage: 'Phải nhập lại 240 hồ sơ',
    });
    assert.ok(second.ok);
    const invalid = await evals.recordMeeting(as('scHead'), id, { inFavour: 5, against: 0, headInFavour: true, participants: 'x' });
    assert.equal(!invalid.ok && invalid.reason, 'invalid_counts');
    const r = await evals.recordMeeting(as('scHead'), id, { inFavour: 4, against: 0, headInFavour: true, participants: 'Tập thể' });
    assert.ok(r.ok && r.status === 'closed');
    const rows = (await db.dataSource.query(`SELECT round, state, provision FROM evaluation WHERE proposal_id = $1 ORDER BY round`, [
      id,
    ])) as { round: number; state: string; provision: string | null }[];
    assert.deepEqual(
      rows.map((x) => [x.round, x.state, x.provision]),
      [
        [1, 'not_passed', null],
        [2, 'passed', '11.3'],
      ],
    );
    const outsider = await evals.open(as('scDeputy1'), id, { outcome: 'completed', results: 'x' });
    assert.equal(!outsider.ok && outsider.reason, 'not_allowed');
  });

  it("progress check-ins start from the plan's start date, never before it; milestones before it are not asked", async () => {
    today = '2026-03-02';
    const { id } = await createApprovedProposal(db.dataSource, p.scStaff!, {
      today: clock,
      plan: {
        startDate: '2026-05-04',
        endDate: '2026-12-31',
        milestones: [
          { date: '2026-04-15', description: 'Trước khi bắt đầu' },
          { date: '2026-07-01', description: 'Giữa kỳ' },
        ],
      },
    });
    assert.ok((await impl.assign(as('scHead'), id, { implementers: ['cv.skhcn@test.invalid'] })).ok);
    const rows = (await db.dataSource.query(
      `SELECT kind, due_date::text AS due FROM implementation_check_in WHERE proposal_id = $1 AND state = 'pending' ORDER BY due_date`,
      [id],
    )) as { kind: string; due: string }[];
    const periodic = new WorkingCalendar(defaultWorkflowConfig.calendar).addWorkingDays('2026-05-04', 20);
    assert.deepEqual(rows, [
      { kind: 'periodic', due: periodic },
      { kind: 'milestone', due: '2026-07-01' },
    ]);
    assert.ok(rows.every((r) => r.due > '2026-05-04'));
    // A progress report before the start reschedules from the start too.
    assert.ok((await impl.report(as('scStaff'), id, 'progress', 'Đang chuẩn bị')).ok);
    const [next] = (await db.dataSource.query(
      `SELECT min(due_date)::text AS due FROM implementation_check_in WHERE proposal_id = $1 AND state = 'pending' AND kind = 'periodic'`,
      [id],
    )) as { due: string }[];
    assert.equal(next!.due, periodic);
  });

  it('"việc chờ tôi" after the decision: assignment, evaluation, ballots, recognition wait for the right people', async () => {
    today = '2026-03-02';
    const a = await createApprovedProposal(db.dataSource, p.scStaff!, { today: clock });
    const steps = async (key: string) => (await impl.tasksFor(p[key]!)).filter((x) => x.proposal.id === a.id).map((x) => x.step);
    assert.deepEqual(await steps('scHead'), ['assign']);
    assert.deepEqual(await steps('scStaff'), []);
    assert.ok((await impl.assign(as('scHead'), a.id, { implementers: ['cv.skhcn@test.invalid'] })).ok);
    assert.deepEqual(await steps('scHead'), []);
    today = '2026-06-30';
    assert.deepEqual(await steps('scStaff'), ['progress', 'completion']);
    assert.ok((await impl.reportCompletion(as('scStaff'), a.id, 'Xong')).ok);
    assert.deepEqual(await steps('scHead'), ['evaluate']);
    assert.ok((await evals.open(as('scHead'), a.id, { outcome: 'completed', results: 'Xong' })).ok);
    assert.deepEqual(await steps('scDeputy1'), ['evaluation_vote']);
    assert.ok((await evals.recordMeeting(as('scHead'), a.id, { inFavour: 4, against: 0, headInFavour: true, participants: 'Tập thể' })).ok);
    assert.deepEqual(await steps('scHead'), ['recognize']);
    assert.deepEqual(await steps('scDeputy1'), []);
  });

  it('double clicks: concurrent assignments, completions and votes record once', async () => {
    today = '2026-03-02';
    const { id } = await createApprovedProposal(db.dataSource, p.scStaff!, { today: clock });
    const assigns = await Promise.all([...Array(5)].map(() => impl.assign(as('scHead'), id, { implementers: ['cv.skhcn@test.invalid'] })));
    assert.equal(assigns.filter((r) => r.ok).length, 1);
    assert.ok(assigns.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'already_done'));
    const members = (await db.dataSource.query(`SELECT count(*)::int AS n FROM implementation_member WHERE proposal_id = $1`, [id])) as {
      n: number;
    }[];
    assert.equal(members[0]!.n, 1);
    today = '2026-06-30';
    const completions = await Promise.all([...Array(4)].map(() => impl.reportCompletion(as('scStaff'), id, 'Xong')));
    assert.equal(completions.filter((r) => r.ok).length, 1);
    assert.ok((await evals.open(as('scHead'), id, { outcome: 'completed', results: 'Xong' })).ok);
    const votes = await Promise.all([
      evals.castVote(as('scDeputy1'), id, 'for'),
      evals.castVote(as('scDeputy2'), id, 'for'),
      evals.castVote(as('scDeputy3'), id, 'for'),
      evals.castVote(as('scHead'), id, 'for'),
      evals.castVote(as('scHead'), id, 'for'),
    ]);
    assert.equal(votes.filter((r) => r.ok && r.action === 'evaluation_passed').length, 1);
    const passed = (await db.dataSource.query(`SELECT count(*)::int AS n FROM evaluation WHERE proposal_id = $1 AND state = 'passed'`, [
      id,
    ])) as { n: number }[];
    assert.equal(passed[0]!.n, 1);
    const transitions = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND to_status = 'evaluated' AND from_status = 'evaluating'`,
      [id],
    )) as { n: number }[];
    assert.equal(transitions[0]!.n, 1);
  });
});
