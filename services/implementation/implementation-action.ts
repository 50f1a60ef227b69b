// The frame every implementation action runs in: one transaction that first locks the proposal row, so
// double clicks see the first result; a refusal to someone without the right is audited. Then who may
// act for the head (the head or the deputy they named) and who hears of a change.
import type { EntityManager } from 'typeorm';
import { Implementation } from '../../entities/implementation.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import type { Decision } from '../../entities/decision.entity.js';
import { runWithNotices, type Notify } from '../notifications/notifier.js';
import { lockProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { auditRefusal, refusal, type Actor, type AfterDecisionResult } from './after-decision-common.js';

export async function act(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  action: string,
  work: (m: EntityManager, notify: Notify, p: Proposal) => Promise<AfterDecisionResult>,
): Promise<AfterDecisionResult> {
  const result = await runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const proposal = await lockProposal(m, proposalId);
    if (!proposal) return { ok: false as const, reason: 'not_found' as const };
    return work(m, notify, proposal);
  });
  if (!result.ok) await auditRefusal(ctx.dataSource, actor, proposalId, action, result.reason);
  return result;
}

/** The deciding head, or the deputy they named. */
function canManage(officerId: string, decision: Decision | null, impl: Implementation | null): boolean {
  if (impl) return impl.headId === officerId || impl.managerId === officerId;
  return decision?.deciderId === officerId;
}

export async function implementerIds(m: EntityManager, proposalId: string): Promise<string[]> {
  return (await m.find(ImplementationMember, { where: { proposalId }, order: { isLead: 'DESC', id: 'ASC' } })).map((x) => x.officerId);
}

export async function headAction(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  action: string,
  headOnly: boolean,
  work: (m: EntityManager, notify: Notify, p: Proposal, impl: Implementation) => Promise<AfterDecisionResult>,
): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, action, async (m, notify, p) => {
    const impl = await m.findOne(Implementation, { where: { proposalId } });
    if (!impl) return refusal('wrong_state', proposalId);
    const allowed = headOnly ? impl.headId === actor.officerId : canManage(actor.officerId, null, impl);
    if (!allowed) return refusal('not_allowed', proposalId);
    return work(m, notify, p, impl);
  });
}

export async function tellAll(
  m: EntityManager,
  notify: Notify,
  p: Proposal,
  impl: Implementation,
  kind: string,
  data: Record<string, unknown>,
  actorId: string,
): Promise<void> {
  const ids = new Set([...(await implementerIds(m, p.id)), p.proposerId, impl.headId, ...(impl.managerId ? [impl.managerId] : [])]);
  ids.delete(actorId);
  for (const id of ids) notify({ officerId: id, proposalId: p.id, kind, data });
}
