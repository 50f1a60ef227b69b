// The same-level Party committee consultation before deciding (Art. 4, secondary; a step the province
// switches on in workflow.decision.partyCommitteeConsultation): the decider starts it and records the
// committee's opinion.
import type { EntityManager } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { deciderAction, type ActionResult, type Actor } from './decider-action.js';

/**
 * When the step is required, the vote, a meeting result and a single-voter approval wait until the
 * decider has recorded the consultation.
 */
export async function partyConsultationMissing(ctx: WorkflowStepContext, m: EntityManager, decision: Decision): Promise<boolean> {
  const step = ctx.config.decision.partyCommitteeConsultation;
  if (!step.required || !step.beforeDecision) return false;
  const rows = (await m.query(
    `SELECT 1 FROM audit_event WHERE proposal_id = $1 AND action = 'party.consulted' AND data->>'decisionId' = $2 LIMIT 1`,
    [decision.proposalId, decision.id],
  )) as unknown[];
  return rows.length === 0;
}

/** Whether the current decision still waits for the Party committee consultation. */
export async function partyConsultationPending(ctx: WorkflowStepContext, proposalId: string): Promise<boolean> {
  const d = await ctx.dataSource.manager.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
  if (!d || d.stage !== 'decision' || d.state !== 'open') return false;
  return partyConsultationMissing(ctx, ctx.dataSource.manager, d);
}

/** The decider starts the Party committee consultation (status party_consultation). */
export async function startPartyConsultation(ctx: WorkflowStepContext, actor: Actor, proposalId: string): Promise<ActionResult> {
  return deciderAction(ctx, actor, proposalId, 'party.start', ['open'], ['decision'], async (m, _notify, proposal, decision) => {
    if (proposal.status !== 'under_review') return { ok: false, reason: 'wrong_state', proposalId };
    await transitionProposal(m, {
      proposalId,
      to: 'party_consultation',
      action: 'party.start',
      actorId: actor.officerId,
      channel: actor.channel,
      data: { decisionId: decision.id },
    });
    return { ok: true, action: 'party_started', proposalId, decisionId: decision.id, status: 'party_consultation' };
  });
}

/** The decider records the committee's opinion; the plan is back with the decider. */
export async function recordPartyConsultation(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  opinion: string,
): Promise<ActionResult> {
  const text = opinion.trim();
  if (!text) return { ok: false, reason: 'comment_required', proposalId };
  return deciderAction(ctx, actor, proposalId, 'party.consulted', ['open'], ['decision'], async (m, _notify, proposal, decision) => {
    if (proposal.status === 'party_consultation') {
      await transitionProposal(m, {
        proposalId,
        to: 'under_review',
        action: 'party.consulted',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
        data: { decisionId: decision.id },
      });
    } else {
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'party.consulted',
        comment: text,
        data: { decisionId: decision.id },
        status: proposal.status,
      });
    }
    return { ok: true, action: 'party_consulted', proposalId, decisionId: decision.id, status: 'under_review' };
  });
}
