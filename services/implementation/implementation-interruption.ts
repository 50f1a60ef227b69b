// The head (or the deputy they named) pauses the implementation with a reason and resumes it; only the
// deciding head stops it for good, with a reason. Everyone following the proposal is told.
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { AFTER_DECISION_NOTICES as N, refusal, type Actor, type AfterDecisionResult } from './after-decision-common.js';
import { headAction, tellAll } from './implementation-action.js';
import { schedulePeriodic } from './implementation-check-ins.js';

export async function pause(ctx: WorkflowStepContext, actor: Actor, proposalId: string, reason: string): Promise<AfterDecisionResult> {
  const text = reason.trim();
  return headAction(ctx, actor, proposalId, 'impl.pause', false, async (m, notify, p, impl) => {
    if (p.status === 'paused') return refusal('already_done', proposalId);
    if (p.status !== 'implementing') return refusal('wrong_state', proposalId);
    if (!text) return refusal('text_required', proposalId);
    await transitionProposal(m, {
      proposalId,
      to: 'paused',
      action: 'impl.pause',
      actorId: actor.officerId,
      channel: actor.channel,
      comment: text,
    });
    await tellAll(m, notify, p, impl, N.paused, { reason: text }, actor.officerId);
    return { ok: true, action: 'paused', proposalId, status: 'paused' };
  });
}

export async function resume(ctx: WorkflowStepContext, actor: Actor, proposalId: string, reason = ''): Promise<AfterDecisionResult> {
  return headAction(ctx, actor, proposalId, 'impl.resume', false, async (m, notify, p, impl) => {
    if (p.status === 'implementing') return refusal('already_done', proposalId);
    if (p.status !== 'paused') return refusal('wrong_state', proposalId);
    await transitionProposal(m, {
      proposalId,
      to: 'implementing',
      action: 'impl.resume',
      actorId: actor.officerId,
      channel: actor.channel,
      comment: reason.trim() || null,
    });
    await schedulePeriodic(ctx, m, proposalId, ctx.today(), impl.plannedEnd);
    await tellAll(m, notify, p, impl, N.resumed, {}, actor.officerId);
    return { ok: true, action: 'resumed', proposalId, status: 'implementing' };
  });
}

/** Stops the proposal for good (the deciding head only), with a reason. */
export async function stop(ctx: WorkflowStepContext, actor: Actor, proposalId: string, reason: string): Promise<AfterDecisionResult> {
  const text = reason.trim();
  return headAction(ctx, actor, proposalId, 'impl.stop', true, async (m, notify, p, impl) => {
    if (p.status === 'stopped') return refusal('already_done', proposalId);
    if (p.status !== 'implementing' && p.status !== 'paused') return refusal('wrong_state', proposalId);
    if (!text) return refusal('text_required', proposalId);
    // The head still evaluates a stopped proposal (Art. 11.4); the time limit is the evaluation's.
    const due = ctx.calendar.addWorkingDays(ctx.today(), ctx.config.evaluation.evaluationWorkingDays);
    await transitionProposal(m, {
      proposalId,
      to: 'stopped',
      action: 'impl.stop',
      actorId: actor.officerId,
      channel: actor.channel,
      comment: text,
      holderId: impl.headId,
      dueDate: due,
    });
    await m.update(ImplementationCheckIn, { proposalId, state: 'pending' }, { state: 'cancelled' });
    await tellAll(m, notify, p, impl, N.stopped, { reason: text }, actor.officerId);
    return { ok: true, action: 'stopped', proposalId, status: 'stopped' };
  });
}
