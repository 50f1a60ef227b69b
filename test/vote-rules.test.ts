// Art. 8.1: who votes, more than 50%, a tie follows the head, the head's written decision to proceed,
// an in-person meeting, refusals, and 50 concurrent clicks on one decision.
import assert from 'node:assert/strict';
import { tallyCounts, tallyVotes } from '../services/votes/vote-tally.js';
import { DecisionService } from '../services/decisions/decision-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { parseWorkflowConfig } from '../services/workflow/workflow-config.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';

describe('vote arithmetic (Art. 8.1)', () => {
  it('more than 50% passes; exactly 50% without a tie does not', () => {
    assert.equal(tallyCounts({ voters: 4, inFavour: 3, against: 1, headInFavour: false }).passed, true);
    assert.equal(tallyCounts({ voters: 4, inFavour: 2, against: 1, headInFavour: true }).passed, false);
    assert.equal(tallyCounts({ voters: 3, inFavour: 2, against: 0, headInFavour: true }).passed, true);
  });
  it('a tie follows the head', () => {
    const base = [
      { isHead: true, choice: 'for' as const },
      { isHead: false, choice: 'for' as const },
      { isHead: false, choice: 'against' as const },
      { isHead: false, choice: 'against' as const },
    ];
    assert.deepEqual([tallyVotes(base).tie, tallyVotes(base).passed], [true, true]);
    const headAgainst = [
      { isHead: true, choice: 'against' as const },
      { isHead: false, choice: 'for' as const },
      { isHead: false, choice: 'for' as const },
      { isHead: false, choice: 'against' as const },
    ];
    assert.deepEqual([tallyVotes(headAgainst).tie, tallyVotes(headAgainst).passed], [true, false]);
  });
  it('a tie with someone absent is still a tie and follows the head (2–2, one absent)', () => {
    const t = tallyCounts({ voters: 5, inFavour: 2, against: 2, headInFavour: true });
    assert.deepEqual([t.tie, t.passed, t.notVoting], [true, true, 1]);
    assert.equal(tallyCounts({ voters: 5, inFavour: 2, against: 2, headInFavour: false }).passed, false);
    // The head absent from a tie: nobody's side to follow, not passed.
    assert.equal(tallyCounts({ voters: 5, inFavour: 2, against: 2, headInFavour: null }).passed, false);
  });
  it('"more than 50%" of whom is the configured rule: eligible voters by default (unverified), or votes cast', () => {
    assert.equal(defaultWorkflowConfig.decision.voteMajority.base, 'eligible');
    assert.equal(defaultWorkflowConfig.decision.voteMajority.verified, false);
    assert.match(defaultWorkflowConfig.decision.voteMajority.note, /Chưa xác minh/);
    // 5 eligible, 2 for, 1 against, 2 absent.
    assert.equal(tallyCounts({ voters: 5, inFavour: 2, against: 1, headInFavour: true }).passed, false);
    assert.equal(tallyCounts({ voters: 5, inFavour: 2, against: 1, headInFavour: true }, 'cast').passed, true);
    assert.equal(tallyCounts({ voters: 5, inFavour: 0, against: 0, headInFavour: null }, 'cast').passed, false);
    const cast = parseWorkflowConfig({ decision: { voteMajority: { base: 'cast' } } });
    assert.equal(cast.decision.voteMajority.base, 'cast');
  });
  it('a unit with one voter: the head alone decides', () => {
    assert.equal(tallyVotes([{ isHead: true, choice: 'for' }]).passed, true);
    assert.equal(tallyVotes([{ isHead: true, choice: 'against' }]).passed, false);
    assert.equal(tallyVotes([{ isHead: true, choice: null }]).allVoted, false);
  });
});

describe('the collective vote in the database', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let service: DecisionService;
  const actor = (key: string) => ({ officerId: p[key]!, channel: 'msteams' });

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    service = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), {
      config: WORKFLOW_WITHOUT_PARTY_STEP,
      today: () => '2026-03-02',
    });
  });
  after(async () => db?.dispose());

  async function routed(proposer: string): Promise<string> {
    const { id } = await createSubmittedProposal(db.dataSource, p[proposer]!);
    const r = await service.routeSubmitted(id, p[proposer]!);
    assert.equal(r.ok, true);
    return id;
  }
  const status = async (id: string) =>
    ((await db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[])[0]!.status;

  it('a deputy who is the proposer does not vote', async () => {
    const id = await routed('scDeputy1');
    const r = await service.openVote(actor('scHead'), id);
    assert.equal(r.ok, true);
    const view = await service.view(id);
    assert.deepEqual(view!.votes.map((v) => v.voter.id).sort(), [p.scHead, p.scDeputy2, p.scDeputy3].sort());
    const refused = await service.castVote(actor('scDeputy1'), id, 'for');
    assert.deepEqual(refused, { ok: false, reason: 'not_voter', proposalId: id });
  });

  it('a tie follows the head; not passed → the head decides in writing to proceed', async () => {
    // Home Affairs: head + one deputy = 2 voters; a staff-less plan by the HA head goes to the Chairman, so
    // use the Chairman's collective: chairman + vice1.
    const id = await routed('haHead');
    await service.openVote(actor('chairman'), id);
    await service.castVote(actor('vice1'), id, 'for');
    const last = await service.castVote(actor('chairman'), id, 'against', 'Chưa khả thi');
    assert.equal(last.ok && last.tally?.tie, true);
    assert.equal(await status(id), 'voting');
    const view = await service.view(id);
    assert.equal(view!.decision!.state, 'vote_closed');
    // Someone else cannot decide in the head's place; an empty reason is refused.
    assert.equal((await service.proceedAnyway(actor('vice1'), id, 'lý do')).ok, false);
    assert.deepEqual(await service.proceedAnyway(actor('chairman'), id, '  '), { ok: false, reason: 'comment_required', proposalId: id });
    const r = await service.proceedAnyway(actor('chairman'), id, 'Cấp thiết cho cải cách hành chính');
    assert.equal(r.ok, true);
    assert.equal(await status(id), 'approved_by_override');
    const audit = (await db.dataSource.query(`SELECT action, from_status, to_status FROM audit_event WHERE proposal_id = $1 ORDER BY id`, [
      id,
    ])) as Record<string, string>[];
    assert.deepEqual(
      audit.map((a) => a.action),
      ['route.decider', 'vote.open', 'vote.cast', 'vote.cast', 'vote.closed_all_voted', 'refused', 'decide.override'],
    );
  });

  it('the head closes the vote early only when everyone voted or the due date came', async () => {
    const id = await routed('scStaff');
    await service.openVote(actor('scHead'), id);
    await service.castVote(actor('scDeputy1'), id, 'for');
    assert.deepEqual(await service.closeVote(actor('scHead'), id), { ok: false, reason: 'vote_not_finished', proposalId: id });
    const later = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), {
      config: WORKFLOW_WITHOUT_PARTY_STEP,
      today: () => '2026-12-31',
    });
    const r = await later.closeVote(actor('scHead'), id);
    assert.equal(r.ok, true);
    // 1 of 4 in favour: not passed; the head decides not to proceed.
    assert.equal(await status(id), 'voting');
    assert.equal((await service.notProceed(actor('scHead'), id, 'Không đủ nguồn lực')).ok, true);
    assert.equal(await status(id), 'rejected');
  });

  it('a unit whose collective is the head alone: DUYỆT approves; elsewhere DUYỆT asks for the vote', async () => {
    const finance = await routed('financeHead'); // → Home Affairs intake
    assert.equal((await service.approve(actor('haHead'), finance)).ok, true); // intake: forwards to the Chairman
    assert.equal(await status(finance), 'under_review');
    const staff = await routed('scStaff');
    assert.deepEqual(await service.approve(actor('scHead'), staff), { ok: false, reason: 'single_voter_only', proposalId: staff });
    // Sở Y tế with an acting head and no other leaders... use Sở Tài chính: head only, a staff plan.
    await db.dataSource.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role) VALUES ('cv.stc@test.invalid', 'Nông Văn Dũng', (SELECT id FROM unit WHERE code = 'STC'), 'Chuyên viên', 'member') `,
    );
    const [{ id: stcStaff }] = (await db.dataSource.query(`SELECT id FROM officer WHERE email = 'cv.stc@test.invalid'`)) as {
      id: string;
    }[];
    p.stcStaff = stcStaff!;
    const single = await routed('stcStaff');
    const r = await service.approve(actor('financeHead'), single);
    assert.equal(r.ok, true);
    assert.equal(await status(single), 'approved');
  });

  it('an in-person meeting result is recorded with participants and minutes', async () => {
    const id = await routed('roomStaff');
    assert.deepEqual(await service.recordMeeting(actor('scHead'), id, { inFavour: 4, against: 1, headInFavour: true, participants: 'x' }), {
      ok: false,
      reason: 'invalid_counts',
      proposalId: id,
    });
    const r = await service.recordMeeting(actor('scHead'), id, {
      inFavour: 3,
      against: 1,
      headInFavour: true,
      participants: 'Giám đốc, 3 Phó Giám đốc',
      minutes: 'Thống nhất',
    });
    assert.equal(r.ok, true);
    assert.equal(await status(id), 'approved');
    const view = await service.view(id);
    assert.equal(view!.decision!.tally!.source, 'meeting');
    assert.equal(view!.decision!.tally!.participants, 'Giám đốc, 3 Phó Giám đốc');
  });

  it('refusals are logged in the audit and change nothing', async () => {
    const id = await routed('scStaff');
    const r = await service.returnForChanges(actor('scStaff'), id, 'tự trả lại');
    assert.deepEqual(r, { ok: false, reason: 'not_decider', proposalId: id });
    assert.equal(await status(id), 'under_review');
    const [{ n }] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND action = 'refused'`, [
      id,
    ])) as { n: number }[];
    assert.equal(n, 1);
    assert.deepEqual(await service.returnForChanges(actor('scHead'), id, '   '), { ok: false, reason: 'comment_required', proposalId: id });
  });

  it('50 concurrent clicks on one decision record exactly one decision', async () => {
    const id = await routed('scStaff');
    await service.openVote(actor('scHead'), id);
    for (const d of ['scDeputy1', 'scDeputy2', 'scDeputy3']) await service.castVote(actor(d), id, 'against', 'Chưa rõ');
    // The head's vote makes 1/4: not passed → vote closed; now 50 clicks on "không triển khai" and "vẫn triển khai".
    await service.castVote(actor('scHead'), id, 'for');
    const clicks = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? service.notProceed(actor('scHead'), id, 'Không') : service.proceedAnyway(actor('scHead'), id, 'Cần thiết'),
      ),
    );
    assert.equal(clicks.filter((c) => c.ok).length, 1);
    assert.ok(clicks.filter((c) => !c.ok).every((c) => !c.ok && c.reason === 'already_done'));
    const [{ n }] = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND action IN ('decide.override','decide.reject')`,
      [id],
    )) as { n: number }[];
    assert.equal(n, 1);
    const [{ d }] = (await db.dataSource.query(`SELECT count(*)::int AS d FROM decision WHERE proposal_id = $1 AND state = 'done'`, [
      id,
    ])) as { d: number }[];
    assert.equal(d, 1);
  });

  it('with the Party committee consultation switched on, the vote waits until it is recorded', async () => {
    const config = parseWorkflowConfig({ decision: { partyCommitteeConsultation: { required: true } } });
    const strict = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), { config, today: () => '2026-03-02' });
    const { id } = await createSubmittedProposal(db.dataSource, p.scStaff!);
    await strict.routeSubmitted(id, p.scStaff!);
    assert.equal(await strict.partyConsultationPending(id), true);
    assert.deepEqual(await strict.openVote(actor('scHead'), id), { ok: false, reason: 'party_consultation_required', proposalId: id });
    assert.equal((await strict.startPartyConsultation(actor('scHead'), id)).ok, true);
    assert.equal(await status(id), 'party_consultation');
    assert.deepEqual(await strict.recordPartyConsultation(actor('scHead'), id, ' '), {
      ok: false,
      reason: 'comment_required',
      proposalId: id,
    });
    assert.equal((await strict.recordPartyConsultation(actor('scHead'), id, 'Đảng ủy Sở nhất trí')).ok, true);
    assert.equal(await status(id), 'under_review');
    assert.equal(await strict.partyConsultationPending(id), false);
    assert.equal((await strict.openVote(actor('scHead'), id)).ok, true);
  });
});
