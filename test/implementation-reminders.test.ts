// Reminders on the right dates, driven with an injected "today": the assignment card, check-ins at the
// milestones and the configured interval, the completion report within 05 working days of the planned
// end, the evaluation within 07 working days of the report (then escalation to Home Affairs), and the
// yearly report reminders on 1/11 and 20/11 to units and on 30/11 to Home Affairs. Each is sent once.
import assert from 'node:assert/strict';
import { AfterDecisionReminders } from '../services/implementation/after-decision-reminders.js';
import { AFTER_DECISION_NOTICES as N } from '../services/implementation/after-decision-common.js';
import { ImplementationService } from '../services/implementation/implementation-service.js';
import { markSubmitted } from '../services/reports/annual-report-submissions.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { WorkingCalendar } from '../services/calendar/working-days.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createApprovedProposal, noticesFor } from './helpers/after-decision-fixtures.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';

describe('after-decision reminders on the right dates', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let today = '2026-03-02';
  let impl: ImplementationService;
  let sweep: AfterDecisionReminders;
  let proposalId: string;
  const cal = new WorkingCalendar(defaultWorkflowConfig.calendar);

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    impl = new ImplementationService(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: () => today });
    sweep = new AfterDecisionReminders(db.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP });
    proposalId = (await createApprovedProposal(db.dataSource, p.scStaff!, { today: () => today })).id;
  });
  after(async () => db?.dispose());

  const count = async (officer: string, kind: string) =>
    (await noticesFor(db.dataSource, p[officer]!, kind)).filter((n) => n.proposal_id === proposalId).length;

  it('the assignment card goes to the deciding head once, at the approval, and not after assignment', async () => {
    // Written by the approval itself; the sweep (a safety net with the same key) adds nothing.
    assert.equal(await count('scHead', N.assignCard), 1);
    assert.equal((await sweep.run('2026-03-02')).assignCards, 0);
    assert.equal((await sweep.run('2026-03-03')).assignCards, 0);
    assert.equal(await count('scHead', N.assignCard), 1);
    const r = await impl.assign({ officerId: p.scHead!, channel: 'test' }, proposalId, { implementers: ['cv.skhcn@test.invalid'] });
    assert.ok(r.ok);
  });

  it('check-ins: on each milestone and every configured interval, not before, not twice, never on a day off', async () => {
    const periodic = cal.addWorkingDays('2026-03-02', 20);
    assert.equal((await sweep.run(cal.addWorkingDays(periodic, -1))).checkIns, 0);
    assert.equal((await sweep.run(periodic)).checkIns, 1);
    assert.equal((await sweep.run(periodic)).checkIns, 0);
    // The next periodic ask is scheduled one interval later.
    const [next] = (await db.dataSource.query(
      `SELECT due_date::text AS due FROM implementation_check_in WHERE proposal_id = $1 AND kind = 'periodic' AND state = 'pending' ORDER BY due_date DESC LIMIT 1`,
      [proposalId],
    )) as { due: string }[];
    assert.equal(next!.due, cal.addWorkingDays(periodic, 20));
    assert.equal((await sweep.run('2026-04-14')).checkIns, 0);
    assert.equal((await sweep.run('2026-04-15')).checkIns, 1); // milestone "Xong quét hồ sơ năm 2025"
    // A progress report answers what is due; nothing more is asked for it.
    today = '2026-04-28';
    assert.ok((await impl.report({ officerId: p.scStaff!, channel: 'test' }, proposalId, 'progress', 'Xong 70%')).ok);
    const due = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM implementation_check_in WHERE proposal_id = $1 AND state = 'pending' AND due_date <= '2026-04-28'`,
      [proposalId],
    )) as { n: number }[];
    assert.equal(due[0]!.n, 0);
    assert.equal((await sweep.run('2026-05-02')).checkIns, 0); // Saturday
  });

  it('completion report: reminded on the planned end and before the 05-working-day limit, then the head is told', async () => {
    // planned end Tue 30/6/2026 → report due Tue 7/7/2026; reminders 30/6, 3/7 (2 working days before), 7/7.
    assert.equal((await sweep.run('2026-06-29')).completionReminders, 0);
    assert.equal((await sweep.run('2026-06-30')).completionReminders, 1);
    assert.equal((await sweep.run('2026-07-01')).completionReminders, 0);
    assert.equal((await sweep.run('2026-07-03')).completionReminders, 1);
    assert.equal((await sweep.run('2026-07-07')).completionReminders, 1);
    assert.equal((await sweep.run('2026-07-07')).completionReminders, 0);
    assert.equal(await count('scStaff', N.completionReminder), 3);
    const [first] = await noticesFor(db.dataSource, p.scStaff!, N.completionReminder);
    assert.deepEqual(first!.payload, { end: '2026-06-30', due: '2026-07-07' });
    assert.equal((await sweep.run('2026-07-08')).completionOverdue, 1);
    assert.equal((await sweep.run('2026-07-09')).completionOverdue, 0);
    assert.equal(await count('scHead', N.completionOverdue), 1);
  });

  it('evaluation: the head is reminded before the 07-working-day limit; overdue goes to Home Affairs once', async () => {
    today = '2026-07-09';
    assert.ok((await impl.reportCompletion({ officerId: p.scStaff!, channel: 'test' }, proposalId, 'Đã hoàn thành')).ok);
    const due = cal.addWorkingDays('2026-07-09', 7); // Mon 20/7/2026
    assert.equal(due, '2026-07-20');
    assert.equal((await sweep.run('2026-07-15')).evaluationReminders, 0);
    assert.equal((await sweep.run('2026-07-16')).evaluationReminders, 1);
    assert.equal((await sweep.run('2026-07-20')).evaluationReminders, 1);
    assert.equal((await sweep.run('2026-07-20')).evaluationReminders, 0);
    assert.equal((await sweep.run('2026-07-21')).evaluationEscalations, 1);
    assert.equal((await sweep.run('2026-07-22')).evaluationEscalations, 0);
    assert.equal(await count('scHead', N.evaluationReminder), 2);
    assert.equal(await count('haHead', N.evaluationEscalation), 1);
  });

  it('yearly report: units on 1/11 (a Sunday in 2026: sent Monday 2/11) and 20/11, Home Affairs on 30/11 with the missing units', async () => {
    const [{ id: xa }] = (await db.dataSource.query(`SELECT id FROM unit WHERE code = 'XA-BAC-HA'`)) as { id: string }[];
    await markSubmitted(db.dataSource, xa!, 2026, p.communeHead!);
    assert.equal((await sweep.run('2026-10-30')).annualUnitReminders, 0);
    assert.equal((await sweep.run('2026-11-01')).annualUnitReminders, 0);
    // SKHCN, SNV, STC (Sở Y tế has no head; Bắc Hà has submitted).
    assert.equal((await sweep.run('2026-11-02')).annualUnitReminders, 3);
    assert.equal((await sweep.run('2026-11-03')).annualUnitReminders, 0);
    assert.equal((await sweep.run('2026-11-19')).annualUnitReminders, 0);
    assert.equal((await sweep.run('2026-11-20')).annualUnitReminders, 3);
    assert.equal((await noticesFor(db.dataSource, p.communeHead!, N.annualUnitReminder)).length, 0);
    assert.equal((await noticesFor(db.dataSource, p.financeHead!, N.annualUnitReminder)).length, 2);
    assert.equal((await sweep.run('2026-11-27')).annualHomeAffairsReminders, 0);
    const last = await sweep.run('2026-11-30');
    assert.equal(last.annualHomeAffairsReminders, 1);
    assert.equal(last.annualUnitReminders, 0);
    const [ha] = await noticesFor(db.dataSource, p.haHead!, N.annualHomeAffairsReminder);
    assert.deepEqual(ha!.payload, { year: 2026, missing: ['Sở Khoa học và Công nghệ', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế'], all: 5 });
    assert.equal((await sweep.run('2026-12-01')).annualHomeAffairsReminders, 0);
    assert.equal((await sweep.run('2026-12-01')).annualUnitReminders, 0);
  });
});
