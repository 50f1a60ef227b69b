// Every status change of a proposal happens here, and only here: the allowed transitions, the optimistic
// version check, and an audit_event row written in the same transaction as the change.
import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import { Proposal, type ProposalStatus } from '../../entities/proposal.entity.js';

/** The allowed transitions (from → to). Anything else is refused. */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['in_intake', 'under_review', 'routing_failed'],
  // Home Affairs re-routes a plan from its queue once the directory is fixed.
  routing_failed: ['in_intake', 'under_review', 'routing_failed', 'withdrawn'],
  // Intake: forward to the Chairman (under_review) or return for changes.
  in_intake: ['under_review', 'returned', 'routing_failed'],
  under_review: ['voting', 'party_consultation', 'returned', 'approved', 'approved_by_override', 'rejected', 'under_review'],
  party_consultation: ['under_review', 'voting', 'returned'],
  voting: ['approved', 'approved_by_override', 'rejected', 'returned', 'voting'],
  // The proposer reopens the plan ("SỬA <mã>": back to draft, same code), edits it and submits a new
  // revision (draft → submitted, checked for completeness like the first time), or withdraws it.
  returned: ['draft', 'withdrawn'],
  approved: ['implementing'],
  approved_by_override: ['implementing'],
  rejected: [],
  implementing: ['paused', 'stopped', 'completion_reported'],
  // A stopped or paused proposal is still evaluated, with its causes (Decree 73 Art. 11.4).
  paused: ['implementing', 'stopped', 'evaluating'],
  stopped: ['evaluating'],
  completion_reported: ['evaluating'],
  evaluating: ['evaluated'],
  evaluated: ['closed'],
  closed: [],
  withdrawn: [],
};

/**
 * Approved, by decision or written override, and every status after it: what the follow-up shows, the
 * dashboard and the yearly report count as approved. The first four are before completion is reported.
 */
export const APPROVED_STATUSES: readonly ProposalStatus[] = [
  'approved',
  'approved_by_override',
  'implementing',
  'paused',
  'stopped',
  'completion_reported',
  'evaluating',
  'evaluated',
  'closed',
];

/**
 * Sent and not yet decided (a return included: the plan comes back): what the yearly report counts as under
 * consideration and what the library shows as a colleague's pending proposal.
 */
export const UNDER_CONSIDERATION_STATUSES: readonly ProposalStatus[] = [
  'submitted',
  'routing_failed',
  'in_intake',
  'under_review',
  'party_consultation',
  'voting',
  'returned',
];

export function canTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return PROPOSAL_TRANSITIONS[from]?.includes(to) ?? false;
}

export type TransitionErrorCode = 'not_found' | 'invalid_transition' | 'stale';

export class TransitionError extends Error {
  constructor(
    readonly code: TransitionErrorCode,
    readonly current?: Proposal,
  ) {
    super(`proposal transition refused: ${code}${current ? ` (status ${current.status})` : ''}`);
    this.name = 'TransitionError';
  }
}

export interface TransitionRequest {
  proposalId: string;
  to: ProposalStatus;
  /** The audit action, e.g. 'route', 'vote.open', 'decide.approve'. */
  action: string;
  actorId: string | null;
  channel?: string | null;
  comment?: string | null;
  data?: Record<string, unknown> | null;
  /** The version the actor saw (card, list): a different current version refuses the change as stale. */
  expectedVersion?: number;
  /** Only from these statuses (besides the table): lets a caller say "only while voting". */
  from?: readonly ProposalStatus[];
  /** New holder (who must act now); undefined keeps it, null clears it. */
  holderId?: string | null;
  /** New due date (YYYY-MM-DD); undefined keeps it, null clears it. */
  dueDate?: string | null;
}

/** Reads the proposal locked for the rest of the transaction. */
export async function lockProposal(manager: EntityManager, proposalId: string): Promise<Proposal | null> {
  if (!/^[0-9a-f-]{36}$/i.test(proposalId)) return null;
  return manager
    .getRepository(Proposal)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.id = :id', { id: proposalId })
    .getOne();
}

/**
 * Changes the status inside the caller's transaction (the manager must belong to a transaction). Returns
 * the updated proposal. Throws TransitionError when the proposal is missing, the change is not allowed, or
 * the version is stale.
 */
export async function transitionProposal(manager: EntityManager, request: TransitionRequest): Promise<Proposal> {
  const proposal = await lockProposal(manager, request.proposalId);
  if (!proposal) throw new TransitionError('not_found');
  if (request.expectedVersion !== undefined && request.expectedVersion !== proposal.version) {
    throw new TransitionError('stale', proposal);
  }
  const from = proposal.status;
  if (!canTransition(from, request.to) || (request.from && !request.from.includes(from))) {
    throw new TransitionError('invalid_transition', proposal);
  }
  const set: Record<string, unknown> = { status: request.to, version: proposal.version + 1, updatedAt: new Date() };
  if (request.holderId !== undefined) set.holderId = request.holderId;
  if (request.dueDate !== undefined) set.dueDate = request.dueDate;
  const result = await manager
    .createQueryBuilder()
    .update(Proposal)
    .set(set)
    .where('id = :id AND version = :version', { id: proposal.id, version: proposal.version })
    .execute();
  if (!result.affected) throw new TransitionError('stale', proposal);
  await manager.insert(AuditEvent, {
    proposalId: proposal.id,
    actorId: request.actorId,
    channel: request.channel ?? null,
    action: request.action,
    fromStatus: from,
    toStatus: request.to,
    comment: request.comment ?? null,
    data: (request.data ?? null) as never,
  });
  Object.assign(proposal, set);
  return proposal;
}

/** An audited action that does not change the status (a vote cast, a refusal, a reminder). */
export async function recordAudit(
  manager: EntityManager,
  event: {
    proposalId: string | null;
    actorId: string | null;
    action: string;
    channel?: string | null;
    comment?: string | null;
    data?: Record<string, unknown> | null;
    status?: string | null;
  },
): Promise<void> {
  await manager.insert(AuditEvent, {
    proposalId: event.proposalId,
    actorId: event.actorId,
    channel: event.channel ?? null,
    action: event.action,
    fromStatus: event.status ?? null,
    toStatus: event.status ?? null,
    comment: event.comment ?? null,
    data: (event.data ?? null) as never,
  });
}
