// The frame every evaluation action runs in: one transaction that locks the proposal row and reads its
// implementation (the head who chairs the evaluation); a refusal to someone without the right is audited.
import type { EntityManager } from 'typeorm';
import { Implementation } from '../../entities/implementation.entity.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import { runWithNotices, type Notify } from '../notifications/notifier.js';
import { lockProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { auditRefusal, type Actor, type AfterDecisionResult } from '../implementation/after-decision-common.js';

export async function act(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  action: string,
  work: (m: EntityManager, notify: Notify, p: Proposal, impl: Implementation) => Promise<AfterDecisionResult>,
): Promise<AfterDecisionResult> {
  const result = await runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const p = await lockProposal(m, proposalId);
    if (!p) return { ok: false as const, reason: 'not_found' as const };
    const impl = await m.findOne(Implementation, { where: { proposalId } });
    if (!impl) return { ok: false as const, reason: 'wrong_state' as const, proposalId };
    return work(m, notify, p, impl);
  });
  if (!result.ok) await auditRefusal(ctx.dataSource, actor, proposalId, action, result.reason);
  return result;
}
