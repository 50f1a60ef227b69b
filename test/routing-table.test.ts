// The routing table of Decree 73 Art. 7.3–7.4 and the province's letter (point 2.b), from the directory.
import assert from 'node:assert/strict';
import { DecisionService } from '../services/decisions/decision-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { RoutingService } from '../services/routing/routing-service.js';
import { canTransition, transitionProposal, TransitionError } from '../services/proposals/proposal-state-machine.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';

describe('routing table (Art. 7.3–7.4)', () => {
  let db: TestDatabase;
  let p: People;
  const today = () => '2026-03-02';

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
  });
  after(async () => db?.dispose());

  async function route(key: string) {
    const [row] = (await db.dataSource.query(`SELECT unit_id FROM officer WHERE id = $1`, [p[key]])) as { unit_id: string }[];
    return new RoutingService(db.dataSource, defaultWorkflowConfig, today).route(p[key]!, row!.unit_id);
  }

  const cases: [string, string, string, 'intake' | 'decision'][] = [
    ['a staff member of a department', 'scStaff', 'scHead', 'decision'],
    ['a staff member of a phòng inside a department', 'roomStaff', 'scHead', 'decision'],
    ["a phòng's chief (the phòng does not employ staff)", 'roomChief', 'scHead', 'decision'],
    ['a deputy head', 'scDeputy1', 'scHead', 'decision'],
    ['a department head (intake at Home Affairs first)', 'scHead', 'haHead', 'intake'],
    ['a commune head (intake at Home Affairs first)', 'communeHead', 'haHead', 'intake'],
    ['the head of Home Affairs (straight to the Chairman)', 'haHead', 'chairman', 'decision'],
  ];
  for (const [label, proposer, decider, stage] of cases) {
    it(`${label} → ${decider} (${stage})`, async () => {
      const r = await route(proposer);
      assert.equal(r.ok, true, JSON.stringify(r));
      if (!r.ok) return;
      assert.equal(r.decider.id, p[decider]);
      assert.equal(r.stage, stage);
    });
  }

  it('a unit without a head → routing failure naming the unit', async () => {
    const r = await route('healthStaff');
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.reason, 'no_head');
    assert.equal(r.unit?.name, 'Sở Y tế');
  });

  it('the Chairman has no superior in the province → routing failure', async () => {
    const r = await route('chairman');
    assert.equal(r.ok, false);
  });

  it('an acting head takes the head’s place for the dates given, and only then', async () => {
    await db.dataSource.query(
      `INSERT INTO acting_head (unit_id, officer_id, from_date, to_date) VALUES ((SELECT id FROM unit WHERE code = 'SYT'), $1, '2026-03-01', '2026-03-31')`,
      [p.healthDeputy],
    );
    const r = await route('healthStaff');
    assert.equal(r.ok, true);
    if (r.ok) {
      assert.equal(r.decider.id, p.healthDeputy);
      assert.equal(r.deciderActing, true);
    }
    const [row] = (await db.dataSource.query(`SELECT unit_id FROM officer WHERE id = $1`, [p.healthStaff])) as { unit_id: string }[];
    const later = await new RoutingService(db.dataSource, defaultWorkflowConfig, () => '2026-04-01').route(p.healthStaff!, row!.unit_id);
    assert.equal(later.ok, false);
  });

  it('a plan that cannot be routed is kept in the Home Affairs queue and both sides are told', async () => {
    const service = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), {
      config: WORKFLOW_WITHOUT_PARTY_STEP,
      today: () => '2026-04-02',
    });
    const { id } = await createSubmittedProposal(db.dataSource, p.healthStaff!);
    const r = await service.routeSubmitted(id, p.healthStaff!);
    assert.equal(r.ok, false);
    const [prop] = (await db.dataSource.query(`SELECT status, holder_id FROM proposal WHERE id = $1`, [id])) as {
      status: string;
      holder_id: string | null;
    }[];
    assert.equal(prop!.status, 'routing_failed');
    assert.deepEqual(
      (await service.routingQueue()).map((x) => x.id),
      [id],
    );
    const notes = (await db.dataSource.query(`SELECT officer_id, kind FROM notification_outbox WHERE proposal_id = $1 ORDER BY id`, [
      id,
    ])) as {
      officer_id: string;
      kind: string;
    }[];
    assert.deepEqual(
      notes.map((n) => [n.officer_id, n.kind]),
      [
        [p.healthStaff, 'decision.routing_failed'],
        [p.haHead, 'decision.queue'],
      ],
    );
    const audit = (await db.dataSource.query(`SELECT action, from_status, to_status FROM audit_event WHERE proposal_id = $1`, [
      id,
    ])) as Record<string, string>[];
    assert.deepEqual(audit, [{ action: 'route.failed', from_status: 'submitted', to_status: 'routing_failed' }]);
  });

  it('routing a staff plan sets holder, due date in working days, a decision and an audit row', async () => {
    const service = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), {
      config: WORKFLOW_WITHOUT_PARTY_STEP,
      today: () => '2026-02-13',
    });
    const { id } = await createSubmittedProposal(db.dataSource, p.scStaff!);
    await service.routeSubmitted(id, p.scStaff!);
    const [prop] = (await db.dataSource.query(
      `SELECT status, holder_id, to_char(due_date, 'YYYY-MM-DD') AS due FROM proposal WHERE id = $1`,
      [id],
    )) as Record<string, string>[];
    // Friday 13/02/2026 + 7 working days, across the Tết break 14–22/02 → Tuesday 03/03/2026.
    assert.deepEqual(prop, { status: 'under_review', holder_id: p.scHead, due: '2026-03-03' });
    // A second event for the same submission changes nothing.
    const again = await service.routeSubmitted(id, p.scStaff!);
    assert.equal(again.ok, false);
    const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM decision WHERE proposal_id = $1`, [id])) as { n: number }[];
    assert.equal(n, 1);
  });

  it('the state machine refuses invalid transitions and stale versions, and audit rows cannot be changed', async () => {
    assert.equal(canTransition('draft', 'approved'), false);
    assert.equal(canTransition('voting', 'approved'), true);
    const { id } = await createSubmittedProposal(db.dataSource, p.scStaff!);
    await assert.rejects(
      db.dataSource.transaction((m) => transitionProposal(m, { proposalId: id, to: 'approved', action: 'x', actorId: null })),
      (e: unknown) => e instanceof TransitionError && e.code === 'invalid_transition',
    );
    await assert.rejects(
      db.dataSource.transaction((m) =>
        transitionProposal(m, { proposalId: id, to: 'under_review', action: 'x', actorId: null, expectedVersion: 99 }),
      ),
      (e: unknown) => e instanceof TransitionError && e.code === 'stale',
    );
    await assert.rejects(db.dataSource.query(`DELETE FROM audit_event`));
  });
});
