// A round of the evaluation: the head proposes an outcome (a new round, a ballot for each voter of the
// collective), the voters vote, the head closes it at the due date or records a meeting's tally instead;
// the round's result is concluded in evaluation-conclusion.ts.
import type { EntityManager } from 'typeorm';
import type { VoteTally } from '../../entities/decision.entity.js';
import { Evaluation } from '../../entities/evaluation.entity.js';
import { recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import { RoutingService } from '../routing/routing-service.js';
import { tallyCounts, type TallyResult } from '../votes/vote-tally.js';
import { ballotOf, castBallot, onEvaluation, openBallots, tallyOf, voterCount, type MeetingInput } from '../votes/collective-vote.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { AFTER_DECISION_NOTICES as N, refusal, type Actor, type AfterDecisionResult } from '../implementation/after-decision-common.js';
import { act } from './evaluation-action.js';
import { conclude } from './evaluation-conclusion.js';
import { checkDraft, EVALUABLE_STATUSES, type EvaluationDraft } from './evaluation-draft.js';
import { partyConsultationMissing } from './evaluation-party-consultation.js';

/** Whether the evaluation began from a stopped or paused proposal (so "completed" is not an outcome). */
async function wasInterrupted(m: EntityManager, proposalId: string): Promise<boolean> {
  const rows = (await m.query(
    `SELECT 1 FROM audit_event WHERE proposal_id = $1 AND to_status = 'evaluating' AND from_status IN ('stopped','paused') LIMIT 1`,
    [proposalId],
  )) as unknown[];
  return rows.length > 0;
}

async function openRound(m: EntityManager, proposalId: string): Promise<Evaluation | null> {
  return m.findOne(Evaluation, { where: { proposalId, state: 'vote_open' } });
}

/** The head proposes an outcome: a new round opens and every voter gets a card. */
export async function open(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  draft: EvaluationDraft,
): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'eval.open', async (m, notify, p, impl) => {
    if (impl.headId !== actor.officerId) return refusal('not_allowed', proposalId);
    if (p.status === 'evaluated' || p.status === 'closed') return refusal('already_done', proposalId);
    if (!(EVALUABLE_STATUSES as readonly string[]).includes(p.status)) return refusal('wrong_state', proposalId);
    if (await openRound(m, proposalId)) return refusal('already_done', proposalId);
    if (await partyConsultationMissing(ctx, m, proposalId)) return refusal('party_consultation_required', proposalId);
    const interrupted = p.status === 'stopped' || p.status === 'paused' || (await wasInterrupted(m, proposalId));
    const checked = checkDraft(draft, interrupted);
    if (!checked.ok) return refusal(checked.reason, proposalId);
    const d = checked.draft;
    const today = ctx.today();
    if (p.status !== 'evaluating') {
      const from = p.status;
      await transitionProposal(m, {
        proposalId,
        to: 'evaluating',
        action: 'eval.open',
        actorId: actor.officerId,
        channel: actor.channel,
        holderId: impl.headId,
        data: { from },
      });
      // A paused proposal evaluated as it stands: its pending check-ins will not come.
      if (from === 'paused')
        await m.query(`UPDATE implementation_check_in SET state = 'cancelled' WHERE proposal_id = $1 AND state = 'pending'`, [proposalId]);
    }
    const [{ n }] = (await m.query(`SELECT COALESCE(max(round), 0)::int AS n FROM evaluation WHERE proposal_id = $1`, [proposalId])) as {
      n: number;
    }[];
    const due = p.dueDate ?? ctx.calendar.addWorkingDays(impl.completionReportedOn ?? today, ctx.config.evaluation.evaluationWorkingDays);
    const evaluation = m.create(Evaluation, {
      proposalId,
      round: n + 1,
      unitId: impl.unitId,
      chairId: impl.headId,
      state: 'vote_open',
      outcome: d.outcome,
      results: d.results,
      objectiveCauses: d.objectiveCauses,
      subjectiveCauses: d.subjectiveCauses,
      damage: d.damage,
      tally: null,
      provision: null,
      recognitions: null,
      recognitionNote: null,
      recognizedOn: null,
      openedOn: today,
      dueDate: due,
      concludedOn: null,
    });
    await m.save(evaluation);
    const voters = await new RoutingService(m, ctx.config, ctx.today).voters(impl.unitId, impl.headId, p.proposerId);
    await openBallots(
      m,
      onEvaluation(evaluation.id),
      voters.map((v) => ({ voterId: v.officer.id, isHead: v.isHead })),
    );
    await recordAudit(m, {
      proposalId,
      actorId: actor.officerId,
      channel: actor.channel,
      action: 'eval.propose',
      data: { evaluationId: evaluation.id, round: evaluation.round, outcome: d.outcome, voters: voters.map((v) => v.officer.id) },
      status: 'evaluating',
    });
    p.status = 'evaluating';
    for (const v of voters)
      if (!v.isHead) notify({ officerId: v.officer.id, proposalId, kind: N.evaluationVote, data: { evaluationId: evaluation.id } });
    return {
      ok: true,
      action: 'evaluation_opened',
      proposalId,
      status: 'evaluating',
      data: { evaluationId: evaluation.id, voters: voters.length },
    };
  });
}

/** A voter of the open round votes; the round closes when everyone has voted. */
export async function castVote(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  choice: 'for' | 'against',
  comment?: string,
): Promise<AfterDecisionResult> {
  const text = comment?.trim() || null;
  return act(ctx, actor, proposalId, 'eval.vote', async (m, notify, p, impl) => {
    const round = await openRound(m, proposalId);
    if (!round) {
      const last = await m.findOne(Evaluation, { where: { proposalId }, order: { round: 'DESC' } });
      const wasVoter = last ? await ballotOf(m, onEvaluation(last.id), actor.officerId) : null;
      return refusal(wasVoter ? 'already_done' : last ? 'not_voter' : 'wrong_state', proposalId);
    }
    const ballot = await ballotOf(m, onEvaluation(round.id), actor.officerId);
    if (!ballot) return refusal('not_voter', proposalId);
    if (choice === 'against' && !text) return refusal('text_required', proposalId);
    const tally = await castBallot(
      m,
      ballot,
      choice,
      text,
      { proposalId, actor, action: 'eval.vote', status: p.status, data: { evaluationId: round.id } },
      ctx.config.decision.voteMajority.base,
    );
    if (tally.allVoted) return conclude(ctx, m, notify, p, impl, round, toRecord(tally, 'vote'), actor, 'eval.closed_all_voted');
    return { ok: true, action: 'evaluation_vote_cast', proposalId, status: p.status, data: { tally } };
  });
}

/** The head closes the vote: when everyone has voted or the due date has come. */
export async function closeVote(ctx: WorkflowStepContext, actor: Actor, proposalId: string): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'eval.close', async (m, notify, p, impl) => {
    if (impl.headId !== actor.officerId) return refusal('not_allowed', proposalId);
    const round = await openRound(m, proposalId);
    if (!round) return refusal(p.status === 'evaluated' || p.status === 'closed' ? 'already_done' : 'wrong_state', proposalId);
    const tally = await tallyOf(m, onEvaluation(round.id), ctx.config.decision.voteMajority.base);
    if (!tally.allVoted && ctx.today() < round.dueDate) return refusal('vote_not_finished', proposalId);
    return conclude(ctx, m, notify, p, impl, round, toRecord(tally, 'vote'), actor, 'eval.close');
  });
}

/** The head records the tally of an in-person meeting on the proposed outcome. */
export async function recordMeeting(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  meeting: MeetingInput,
): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'eval.meeting', async (m, notify, p, impl) => {
    if (impl.headId !== actor.officerId) return refusal('not_allowed', proposalId);
    const round = await openRound(m, proposalId);
    if (!round) return refusal(p.status === 'evaluated' || p.status === 'closed' ? 'already_done' : 'wrong_state', proposalId);
    const voters = await voterCount(m, onEvaluation(round.id));
    const { inFavour, against } = meeting;
    if (
      !Number.isInteger(inFavour) ||
      !Number.isInteger(against) ||
      inFavour < 0 ||
      against < 0 ||
      inFavour + against > voters ||
      !meeting.participants.trim()
    ) {
      return refusal('invalid_counts', proposalId);
    }
    const t = tallyCounts({ voters, inFavour, against, headInFavour: meeting.headInFavour }, ctx.config.decision.voteMajority.base);
    const record: VoteTally = {
      ...toRecord(t, 'meeting'),
      participants: meeting.participants.trim(),
      ...(meeting.minutes?.trim() ? { minutes: meeting.minutes.trim() } : {}),
    };
    return conclude(ctx, m, notify, p, impl, round, record, actor, 'eval.meeting');
  });
}

function toRecord(t: TallyResult, source: 'vote' | 'meeting'): VoteTally {
  return { voters: t.voters, inFavour: t.inFavour, against: t.against, headInFavour: t.headInFavour, passed: t.passed, source };
}
