// The frame every action on a decision runs in. Each action runs in one transaction that first locks the
// proposal row (FOR UPDATE) and then re-reads the decision, so double clicks and stale cards see the state
// the first click left. Notifications are written to the outbox inside the same transaction and delivered
// after commit. A refusal to someone without the right is audited.
import type { EntityManager } from 'typeorm';
import { Decision, type DecisionOutcome, type DecisionStage, type VoteTally } from '../../entities/decision.entity.js';
import type { Proposal, ProposalStatus } from '../../entities/proposal.entity.js';
import { logger } from '../platform/logger.js';
import { runWithNotices, type Notify } from '../notifications/notifier.js';
import { lockProposal, recordAudit } from '../proposals/proposal-state-machine.js';
import type { TallyResult } from '../votes/vote-tally.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';

export type ActionRefusal =
  | 'not_found'
  | 'not_decider'
  | 'not_voter'
  | 'already_done'
  | 'wrong_state'
  | 'comment_required'
  | 'vote_not_finished'
  | 'single_voter_only'
  | 'invalid_counts'
  | 'party_consultation_required';

export interface Actor {
  officerId: string;
  channel: string;
}

export type ActionResult =
  | { ok: true; action: string; proposalId: string; decisionId: string; status: ProposalStatus; tally?: TallyResult }
  | { ok: false; reason: ActionRefusal; proposalId?: string };

/** Loads and checks the current decision of a proposal inside the transaction. */
export async function lockCurrentDecision(
  m: EntityManager,
  proposalId: string,
): Promise<{ proposal: Proposal; decision: Decision | null } | null> {
  const proposal = await lockProposal(m, proposalId);
  if (!proposal) return null;
  const decision = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
  return { proposal, decision };
}

export async function refuseAction(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string | undefined,
  reason: ActionRefusal,
  action: string,
): Promise<ActionResult> {
  if (reason === 'not_decider' || reason === 'not_voter') {
    logger.info({ action, reason }, 'decision action refused');
    if (proposalId) {
      await ctx.dataSource.transaction((m) =>
        recordAudit(m, {
          proposalId,
          actorId: actor.officerId,
          channel: actor.channel,
          action: 'refused',
          comment: null,
          data: { attempted: action, reason },
        }),
      );
    }
  }
  return { ok: false, reason, ...(proposalId ? { proposalId } : {}) };
}

/** Common guard: the actor is the decider of the unfinished decision in one of these states. */
export async function deciderAction(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  action: string,
  states: Decision['state'][],
  stages: DecisionStage[],
  work: (m: EntityManager, notify: Notify, proposal: Proposal, decision: Decision) => Promise<ActionResult>,
): Promise<ActionResult> {
  let refusal: ActionRefusal | undefined;
  const result = await runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const cur = await lockCurrentDecision(m, proposalId);
    if (!cur) return void (refusal = 'not_found');
    const { proposal, decision } = cur;
    if (!decision) return void (refusal = 'not_found');
    if (decision.deciderId !== actor.officerId) return void (refusal = 'not_decider');
    if (decision.state === 'done') return void (refusal = 'already_done');
    if (!states.includes(decision.state) || !stages.includes(decision.stage)) return void (refusal = 'wrong_state');
    return work(m, notify, proposal, decision);
  });
  if (refusal) return refuseAction(ctx, actor, proposalId, refusal, action);
  return result!;
}

export async function finishDecision(
  m: EntityManager,
  decision: Decision,
  outcome: DecisionOutcome,
  comment: string | null,
  tally?: VoteTally | null,
): Promise<void> {
  const set: Partial<Decision> = { state: 'done', outcome, comment, decidedAt: new Date(), version: decision.version + 1 };
  if (tally !== undefined) set.tally = tally;
  await m.update(Decision, { id: decision.id, version: decision.version }, set);
  Object.assign(decision, set);
}
