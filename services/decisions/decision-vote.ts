// The collective vote on a plan (Art. 8.1): the decider opens it, each voter casts a vote, it closes when
// everyone has voted or the decider closes it at the due date; or the decider records the result of an
// in-person meeting, or, alone in the collective, approves with that one vote. Passed: approved. Not
// passed: the decider chooses (return-and-override.ts).
import type { EntityManager } from 'typeorm';
import { Decision, type DecisionStage, type VoteTally } from '../../entities/decision.entity.js';
import type { Proposal, ProposalStatus } from '../../entities/proposal.entity.js';
import { runWithNotices, type Notify } from '../notifications/notifier.js';
import { transitionProposal } from '../proposals/proposal-state-machine.js';
import { RoutingService } from '../routing/routing-service.js';
import { tallyCounts, type TallyResult } from '../votes/vote-tally.js';
import { ballotOf, castBallot, onDecision, openBallots, tallyOf, type MeetingInput } from '../votes/collective-vote.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import {
  deciderAction,
  finishDecision,
  lockCurrentDecision,
  refuseAction,
  type ActionRefusal,
  type ActionResult,
  type Actor,
} from './decider-action.js';
import { partyConsultationMissing } from './decision-party-consultation.js';
import { forward } from './decision-routing.js';
import { assignNotice, DECISION_NOTICES, outcomeNotice, voteClosedNotice } from './decision-notices.js';

/** Opens the collective vote: every other voter gets a vote card. */
export async function openVote(ctx: WorkflowStepContext, actor: Actor, proposalId: string): Promise<ActionResult> {
  return deciderAction(ctx, actor, proposalId, 'vote.open', ['open'], ['decision'], async (m, notify, proposal, decision) => {
    if (await partyConsultationMissing(ctx, m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
    const voters = await new RoutingService(m, ctx.config, ctx.today).voters(decision.unitId, decision.deciderId, proposal.proposerId);
    await openBallots(
      m,
      onDecision(decision.id),
      voters.map((v) => ({ voterId: v.officer.id, isHead: v.isHead })),
    );
    await m.update(Decision, { id: decision.id }, { state: 'vote_open', version: decision.version + 1 });
    await transitionProposal(m, {
      proposalId,
      to: 'voting',
      action: 'vote.open',
      actorId: actor.officerId,
      channel: actor.channel,
      data: { decisionId: decision.id, voters: voters.map((v) => v.officer.id) },
    });
    // The head who opened it votes on the answer to that action (the decision card, refreshed with the
    // vote buttons): a second card with the same buttons went stale as soon as either was used.
    const votesOnHerCard = actor.officerId === decision.deciderId ? actor.officerId : null;
    for (const v of voters)
      if (v.officer.id !== votesOnHerCard)
        notify({ officerId: v.officer.id, proposalId, kind: DECISION_NOTICES.voteCard, data: { decisionId: decision.id } });
    return { ok: true, action: 'vote_opened', proposalId, decisionId: decision.id, status: 'voting' };
  });
}

/** A voter casts (or changes, while the vote is open) their vote. Closes the vote when everyone has voted. */
export async function castVote(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  choice: 'for' | 'against',
  comment?: string,
): Promise<ActionResult> {
  let refusal: ActionRefusal | undefined;
  const result = await runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const cur = await lockCurrentDecision(m, proposalId);
    if (!cur?.decision) return void (refusal = 'not_found');
    const { proposal, decision } = cur;
    const ballot = await ballotOf(m, onDecision(decision.id), actor.officerId);
    if (!ballot) return void (refusal = 'not_voter');
    if (decision.state !== 'vote_open')
      return void (refusal = decision.state === 'done' || decision.state === 'vote_closed' ? 'already_done' : 'wrong_state');
    const text = comment?.trim() || null;
    const tally = await castBallot(
      m,
      ballot,
      choice,
      text,
      { proposalId, actor, action: 'vote.cast', status: proposal.status, data: { decisionId: decision.id } },
      ctx.config.decision.voteMajority.base,
    );
    if (tally.allVoted) {
      const status = await closeVoteIn(ctx, m, notify, proposal, decision, tally, actor, 'vote.closed_all_voted');
      return { ok: true as const, action: 'vote_cast', proposalId, decisionId: decision.id, status, tally };
    }
    return { ok: true as const, action: 'vote_cast', proposalId, decisionId: decision.id, status: proposal.status, tally };
  });
  if (refusal) return refuseAction(ctx, actor, proposalId, refusal, 'vote.cast');
  return result!;
}

/** The head closes the vote: allowed when everyone has voted or the due date has come. */
export async function closeVote(ctx: WorkflowStepContext, actor: Actor, proposalId: string): Promise<ActionResult> {
  return deciderAction(ctx, actor, proposalId, 'vote.close', ['vote_open'], ['decision'], async (m, notify, proposal, decision) => {
    const tally = await tallyOf(m, onDecision(decision.id), ctx.config.decision.voteMajority.base);
    if (!tally.allVoted && ctx.today() < decision.dueDate) return { ok: false, reason: 'vote_not_finished', proposalId };
    const status = await closeVoteIn(ctx, m, notify, proposal, decision, tally, actor, 'vote.close');
    return { ok: true, action: 'vote_closed', proposalId, decisionId: decision.id, status, tally };
  });
}

async function closeVoteIn(
  ctx: WorkflowStepContext,
  m: EntityManager,
  notify: Notify,
  proposal: Proposal,
  decision: Decision,
  tally: TallyResult,
  actor: Actor,
  action: string,
): Promise<ProposalStatus> {
  const record: VoteTally = {
    voters: tally.voters,
    inFavour: tally.inFavour,
    against: tally.against,
    headInFavour: tally.headInFavour,
    passed: tally.passed,
    source: 'vote',
  };
  return applyTally(ctx, m, notify, proposal, decision, record, actor, action);
}

/** Passed → approved. Not passed → the head chooses (vote_closed) to proceed in writing or not. */
async function applyTally(
  ctx: WorkflowStepContext,
  m: EntityManager,
  notify: Notify,
  proposal: Proposal,
  decision: Decision,
  tally: VoteTally,
  actor: Actor,
  action: string,
): Promise<ProposalStatus> {
  if (tally.passed) {
    await finishDecision(m, decision, 'approved', null, tally);
    await transitionProposal(m, {
      proposalId: proposal.id,
      to: 'approved',
      action,
      actorId: actor.officerId,
      channel: actor.channel,
      // The head acts next: assign the implementers (asked at once, not by the hourly sweep).
      holderId: decision.deciderId,
      dueDate: null,
      data: { decisionId: decision.id, tally: { ...tally } },
    });
    notify(outcomeNotice(proposal, decision.id, 'approved'));
    notify(assignNotice(decision.deciderId, proposal.id));
    if (actor.officerId !== decision.deciderId) {
      notify(voteClosedNotice(decision.deciderId, proposal.id, decision.id));
    }
    return 'approved';
  }
  await m.update(Decision, { id: decision.id }, { state: 'vote_closed', tally, version: decision.version + 1 });
  await transitionProposal(m, {
    proposalId: proposal.id,
    to: 'voting',
    action,
    actorId: actor.officerId,
    channel: actor.channel,
    data: { decisionId: decision.id, tally: { ...tally } },
  });
  notify(voteClosedNotice(decision.deciderId, proposal.id, decision.id));
  return 'voting';
}

/** The head records the result of an in-person meeting of the collective leadership. */
export async function recordMeeting(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  meeting: MeetingInput,
): Promise<ActionResult> {
  return deciderAction(
    ctx,
    actor,
    proposalId,
    'meeting.record',
    ['open', 'vote_open'],
    ['decision'],
    async (m, notify, proposal, decision) => {
      if (await partyConsultationMissing(ctx, m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
      const eligible = await new RoutingService(m, ctx.config, ctx.today).voters(decision.unitId, decision.deciderId, proposal.proposerId);
      const voters = eligible.length;
      const { inFavour, against } = meeting;
      if (!Number.isInteger(inFavour) || !Number.isInteger(against) || inFavour < 0 || against < 0 || inFavour + against > voters) {
        return { ok: false, reason: 'invalid_counts', proposalId };
      }
      const t = tallyCounts({ voters, inFavour, against, headInFavour: meeting.headInFavour }, ctx.config.decision.voteMajority.base);
      const tally: VoteTally = {
        voters,
        inFavour,
        against,
        headInFavour: meeting.headInFavour,
        passed: t.passed,
        source: 'meeting',
        participants: meeting.participants.trim(),
        ...(meeting.minutes?.trim() ? { minutes: meeting.minutes.trim() } : {}),
      };
      if (proposal.status === 'under_review') {
        await transitionProposal(m, {
          proposalId,
          to: 'voting',
          action: 'meeting.held',
          actorId: actor.officerId,
          channel: actor.channel,
          data: { decisionId: decision.id },
        });
        proposal.status = 'voting';
      }
      const status = await applyTally(ctx, m, notify, proposal, decision, tally, actor, 'meeting.record');
      return { ok: true, action: 'meeting_recorded', proposalId, decisionId: decision.id, status, tally: t };
    },
  );
}

/**
 * "DUYỆT": at intake it forwards to the Chairman; for a decider whose collective is only themselves
 * (no deputy can vote) it is that one vote. Otherwise the collective must vote (Art. 8.1).
 */
export async function approve(ctx: WorkflowStepContext, actor: Actor, proposalId: string): Promise<ActionResult> {
  let stage: DecisionStage | undefined;
  await ctx.dataSource.transaction(async (m) => {
    const d = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
    stage = d?.stage;
  });
  if (stage === 'intake') return forward(ctx, actor, proposalId);
  return deciderAction(ctx, actor, proposalId, 'approve', ['open'], ['decision'], async (m, notify, proposal, decision) => {
    const voters = await new RoutingService(m, ctx.config, ctx.today).voters(decision.unitId, decision.deciderId, proposal.proposerId);
    if (voters.length !== 1) return { ok: false, reason: 'single_voter_only', proposalId };
    if (await partyConsultationMissing(ctx, m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
    await openBallots(m, onDecision(decision.id), [{ voterId: actor.officerId, isHead: true, choice: 'for' }]);
    await transitionProposal(m, {
      proposalId,
      to: 'voting',
      action: 'vote.open',
      actorId: actor.officerId,
      channel: actor.channel,
      data: { decisionId: decision.id, voters: [actor.officerId] },
    });
    proposal.status = 'voting';
    const tally: VoteTally = { voters: 1, inFavour: 1, against: 0, headInFavour: true, passed: true, source: 'vote' };
    const status = await applyTally(ctx, m, notify, proposal, decision, tally, actor, 'approve');
    return { ok: true, action: 'approved', proposalId, decisionId: decision.id, status };
  });
}
