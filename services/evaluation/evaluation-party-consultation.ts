// Art. 4.3 (verified): the Party committee's opinion on the results, recorded by the head before the
// evaluation opens (when workflow.decision.partyCommitteeConsultation asks for it before evaluating).
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { refusal, type Actor, type AfterDecisionResult } from '../implementation/after-decision-common.js';
import { act } from './evaluation-action.js';
import { EVALUABLE_STATUSES } from './evaluation-draft.js';

/**
 * Art. 4.3 (verified): before evaluating the results the agency consults the same-level Party committee.
 * When the step is on (the default), the evaluation cannot open until the head has recorded it.
 */
export async function partyConsultationMissing(ctx: WorkflowStepContext, m: EntityManager, proposalId: string): Promise<boolean> {
  const step = ctx.config.decision.partyCommitteeConsultation;
  if (!step.required || !step.beforeEvaluation) return false;
  const rows = (await m.query(`SELECT 1 FROM audit_event WHERE proposal_id = $1 AND action = 'eval.party.consulted' LIMIT 1`, [
    proposalId,
  ])) as unknown[];
  return rows.length === 0;
}

/** Whether the evaluation still waits for the Party committee's opinion (for the card). */
export async function partyConsultationPending(ctx: WorkflowStepContext, proposalId: string): Promise<boolean> {
  return partyConsultationMissing(ctx, ctx.dataSource.manager, proposalId);
}

/** The head records the Party committee's opinion on the results before the evaluation opens. */
export async function recordPartyConsultation(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  opinion: string,
): Promise<AfterDecisionResult> {
  const text = opinion.trim();
  return act(ctx, actor, proposalId, 'eval.party.consulted', async (m, _notify, p, impl) => {
    if (impl.headId !== actor.officerId) return refusal('not_allowed', proposalId);
    if (!(EVALUABLE_STATUSES as readonly string[]).includes(p.status)) return refusal('wrong_state', proposalId);
    if (!text) return refusal('text_required', proposalId);
    await recordAudit(m, {
      proposalId,
      actorId: actor.officerId,
      channel: actor.channel,
      action: 'eval.party.consulted',
      comment: text.slice(0, 10_000),
      status: p.status,
    });
    return { ok: true, action: 'evaluation_party_consulted', proposalId, status: p.status };
  });
}
