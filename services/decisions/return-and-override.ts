// What the decider decides in writing: return the plan for changes (at intake or at decision, with the
// comments the proposer must answer), or, when the vote did not pass, proceed anyway answering for it
// (the head's override, Art. 8.1) or not carry it out.
import { transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { deciderAction, finishDecision, type ActionResult, type Actor } from './decider-action.js';
import { assignNotice, outcomeNotice } from './decision-notices.js';

/** Return for changes (intake or decider), with the comments the proposer must answer. */
export async function returnForChanges(ctx: WorkflowStepContext, actor: Actor, proposalId: string, comment: string): Promise<ActionResult> {
  const text = comment.trim();
  if (!text) return { ok: false, reason: 'comment_required', proposalId };
  return deciderAction(
    ctx,
    actor,
    proposalId,
    'return',
    ['open', 'vote_closed'],
    ['intake', 'decision'],
    async (m, notify, proposal, decision) => {
      await finishDecision(m, decision, 'returned', text);
      await transitionProposal(m, {
        proposalId,
        to: 'returned',
        action: 'return',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
        holderId: proposal.proposerId,
        dueDate: null,
        data: { decisionId: decision.id, stage: decision.stage },
      });
      notify(outcomeNotice(proposal, decision.id, 'returned'));
      return { ok: true, action: 'returned', proposalId, decisionId: decision.id, status: 'returned' };
    },
  );
}

/** Not passed: the head decides in writing to proceed anyway, answering for it (Art. 8.1). */
export async function proceedAnyway(ctx: WorkflowStepContext, actor: Actor, proposalId: string, reasons: string): Promise<ActionResult> {
  const text = reasons.trim();
  if (!text) return { ok: false, reason: 'comment_required', proposalId };
  return deciderAction(ctx, actor, proposalId, 'override', ['vote_closed'], ['decision'], async (m, notify, proposal, decision) => {
    await finishDecision(m, decision, 'approved_by_override', text);
    await transitionProposal(m, {
      proposalId,
      to: 'approved_by_override',
      action: 'decide.override',
      actorId: actor.officerId,
      channel: actor.channel,
      comment: text,
      holderId: decision.deciderId,
      dueDate: null,
      data: { decisionId: decision.id, responsibility: 'art_8_1' },
    });
    notify(outcomeNotice(proposal, decision.id, 'approved_by_override'));
    notify(assignNotice(decision.deciderId, proposalId));
    return { ok: true, action: 'overridden', proposalId, decisionId: decision.id, status: 'approved_by_override' };
  });
}

/** Not passed: the head decides not to carry it out. */
export async function notProceed(ctx: WorkflowStepContext, actor: Actor, proposalId: string, comment?: string): Promise<ActionResult> {
  return deciderAction(ctx, actor, proposalId, 'reject', ['vote_closed'], ['decision'], async (m, notify, proposal, decision) => {
    const text = comment?.trim() || null;
    await finishDecision(m, decision, 'rejected', text);
    await transitionProposal(m, {
      proposalId,
      to: 'rejected',
      action: 'decide.reject',
      actorId: actor.officerId,
      channel: actor.channel,
      comment: text,
      holderId: null,
      dueDate: null,
      data: { decisionId: decision.id },
    });
    notify(outcomeNotice(proposal, decision.id, 'rejected'));
    return { ok: true, action: 'rejected', proposalId, decisionId: decision.id, status: 'rejected' };
  });
}
