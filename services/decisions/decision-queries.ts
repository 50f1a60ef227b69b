// What the cards and lists read about decisions: the decision card's view of a proposal (its decider,
// the votes, what changed since the plan was returned), "việc chờ tôi" ("đề xuất của tôi" is
// services/proposals/my-proposals.ts), the Home Affairs routing queue, and who an officer is to a decision.
import { In } from 'typeorm';
import { CollectiveVote } from '../../entities/collective-vote.entity.js';
import { Decision } from '../../entities/decision.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal, type ProposalStatus } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { tallyVotes, type TallyResult } from '../votes/vote-tally.js';
import { ballotOf, ballotsOf, onDecision, withVoters } from '../votes/collective-vote.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { diffPlans, type PlanChange } from './plan-diff.js';

export interface VoteView {
  voter: Officer;
  isHead: boolean;
  choice: 'for' | 'against' | null;
  comment: string | null;
}

export interface DecisionView {
  proposal: Proposal;
  proposer: Officer;
  proposerUnit: Unit | null;
  decision: Decision | null;
  decider: Officer | null;
  unit: Unit | null;
  votes: VoteView[];
  tally: TallyResult | null;
  /** Changes since the previous submission the same decider saw (a resubmission after return). */
  changes: PlanChange[];
  /** The comment of the return this revision answers. */
  previousReturnComment: string | null;
}

export interface TaskItem {
  proposal: Proposal;
  role: 'decider' | 'voter' | 'intake';
  dueDate: string | null;
  decisionId: string;
}

const ACTIVE_STATUSES: ProposalStatus[] = ['in_intake', 'under_review', 'voting', 'party_consultation'];

export async function view(ctx: WorkflowStepContext, proposalId: string, decisionId?: string): Promise<DecisionView | null> {
  const m = ctx.dataSource.manager;
  const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
  if (!proposal) return null;
  const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId } });
  const proposerUnit = await m.findOne(Unit, { where: { id: proposal.unitId } });
  const decision = decisionId
    ? await m.findOne(Decision, { where: { id: decisionId, proposalId } })
    : await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
  const decider = decision ? await m.findOne(Officer, { where: { id: decision.deciderId } }) : null;
  const unit = decision ? await m.findOne(Unit, { where: { id: decision.unitId } }) : null;
  const ballots = decision ? await withVoters(m, await ballotsOf(m, onDecision(decision.id))) : [];
  const votes = ballots.map((b) => ({ voter: b.voter!, isHead: b.isHead, choice: b.choice, comment: b.comment }));
  const tally = ballots.length ? tallyVotes(ballots, ctx.config.decision.voteMajority.base) : null;
  let changes: PlanChange[] = [];
  let previousReturnComment: string | null = null;
  if (decision && decision.revision > 1) {
    const prevReturn = await m.findOne(Decision, {
      where: { proposalId, outcome: 'returned', revision: decision.revision - 1 },
      order: { createdAt: 'DESC' },
    });
    if (prevReturn) {
      previousReturnComment = prevReturn.comment;
      const revs = await m.find(ProposalRevision, {
        where: { proposalId, kind: 'submission', revision: In([decision.revision - 1, decision.revision]) },
      });
      const before = revs.find((r) => r.revision === decision.revision - 1);
      const after = revs.find((r) => r.revision === decision.revision);
      if (before && after) changes = diffPlans(before.plan, after.plan);
    }
  }
  return { proposal, proposer, proposerUnit, decision, decider, unit, votes, tally, changes, previousReturnComment };
}

/** "Việc chờ tôi": decisions I hold and votes I have not cast, oldest due date first. */
export async function tasksFor(ctx: WorkflowStepContext, officerId: string): Promise<TaskItem[]> {
  const m = ctx.dataSource.manager;
  const decisions = await m.find(Decision, { where: { deciderId: officerId, state: In(['open', 'vote_open', 'vote_closed']) } });
  const ballots = await m
    .getRepository(CollectiveVote)
    .createQueryBuilder('v')
    .innerJoin(Decision, 'd', `v.subject_kind = 'decision' AND d.id = v.subject_id`)
    .where(`v.voter_id = :officerId AND v.choice IS NULL AND d.state = 'vote_open' AND v.is_head = false`, { officerId })
    .getMany();
  const voteDecisions = ballots.length ? await m.find(Decision, { where: { id: In(ballots.map((b) => b.subjectId)) } }) : [];
  const all = [
    ...decisions.map((d) => ({ d, role: (d.stage === 'intake' ? 'intake' : 'decider') as TaskItem['role'] })),
    ...voteDecisions.map((d) => ({ d, role: 'voter' as const })),
  ];
  if (!all.length) return [];
  const proposals = await m.find(Proposal, { where: { id: In(all.map((a) => a.d.proposalId)) } });
  const byId = new Map(proposals.map((p) => [p.id, p]));
  return all
    .filter((a) => byId.has(a.d.proposalId) && ACTIVE_STATUSES.includes(byId.get(a.d.proposalId)!.status))
    .map((a) => ({ proposal: byId.get(a.d.proposalId)!, role: a.role, dueDate: a.d.dueDate, decisionId: a.d.id }))
    .sort(
      (x, y) => (x.dueDate ?? '9999').localeCompare(y.dueDate ?? '9999') || x.proposal.createdAt.getTime() - y.proposal.createdAt.getTime(),
    );
}

/** Plans that could not be routed (the Home Affairs queue), oldest first. */
export async function routingQueue(ctx: WorkflowStepContext): Promise<Proposal[]> {
  return ctx.dataSource.getRepository(Proposal).find({ where: { status: 'routing_failed' }, order: { updatedAt: 'ASC' } });
}

/** Whether this officer is the decider or a voter of the proposal's current decision. */
export async function roleOf(ctx: WorkflowStepContext, officerId: string, proposalId: string): Promise<'decider' | 'voter' | null> {
  const m = ctx.dataSource.manager;
  const d = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
  if (!d) return null;
  if (d.deciderId === officerId) return 'decider';
  const v = await ballotOf(m, onDecision(d.id), officerId);
  return v ? 'voter' : null;
}
