// The notifications the decision writes to the outbox (rendered by bot/decision/decision-notices.ts).
import type { NotificationRequest } from '../notifications/notifier.js';
import { AFTER_DECISION_NOTICES } from '../implementation/after-decision-common.js';

/** Notification kinds rendered by the decision feature. */
export const DECISION_NOTICES = {
  deciderCard: 'decision.card', // to the decider: the plan and the actions
  voteCard: 'decision.vote_card', // to a voter
  proposerRouted: 'decision.routed', // to the proposer: where the plan went
  proposerRoutingFailed: 'decision.routing_failed', // to the proposer
  homeAffairsQueue: 'decision.queue', // to the head of Home Affairs: a plan could not be routed
  proposerOutcome: 'decision.outcome', // to the proposer: approved / rejected / returned / override
  voteClosed: 'decision.vote_closed', // to the head: the vote ended (passed or not)
  reminder: 'decision.reminder',
  escalation: 'decision.escalation',
} as const;

/** The assignment card for the deciding head, once per proposal (the sweep uses the same key as a safety net). */
export function assignNotice(deciderId: string, proposalId: string): NotificationRequest {
  return { officerId: deciderId, proposalId, kind: AFTER_DECISION_NOTICES.assignCard, data: {}, dedupeKey: `impl.assign:${proposalId}` };
}

/** The decision's outcome, to the proposer. */
export function outcomeNotice(
  proposal: { id: string; proposerId: string },
  decisionId: string,
  outcome: 'approved' | 'returned' | 'approved_by_override' | 'rejected',
): NotificationRequest {
  return { officerId: proposal.proposerId, proposalId: proposal.id, kind: DECISION_NOTICES.proposerOutcome, data: { decisionId, outcome } };
}

/** To the deciding head: the vote ended (passed or not). */
export function voteClosedNotice(deciderId: string, proposalId: string, decisionId: string): NotificationRequest {
  return { officerId: deciderId, proposalId, kind: DECISION_NOTICES.voteClosed, data: { decisionId } };
}
