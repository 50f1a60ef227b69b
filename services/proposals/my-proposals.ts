// "Đề xuất của tôi": the proposer's plans with who holds each, the due date, and, for a plan returned for
// changes (or reopened to answer the return), the decider's comments taken from the audit log of the return.
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { notReachedOnZalo } from '../zalo/zalo-reach.js';

/** The latest return for changes of a proposal: who returned it, when, and what they asked for. */
export interface ReturnNote {
  comment: string;
  by: Officer | null;
  at: Date;
  /** The submitted revision that was returned. */
  revision: number;
}

export interface MyProposalItem {
  proposal: Proposal;
  /** Who must act now; null while the proposer holds it (a draft) or nobody does. */
  holder: Officer | null;
  /** A notice to the holder waits on Zalo (they unfollowed, or the window closed). */
  holderNotReached?: boolean;
  /** For a returned plan, or a draft reopened after a return: the comments to answer. */
  returnNote: ReturnNote | null;
}

/** A draft that was submitted before and reopened after a return (it keeps its code). */
export function isReopened(proposal: Proposal): boolean {
  return proposal.status === 'draft' && proposal.currentRevision > 0;
}

/** Whether the proposer is answering a return: returned, or reopened to edit. */
export function answersReturn(proposal: Proposal): boolean {
  return proposal.status === 'returned' || isReopened(proposal);
}

/** The latest return of this proposal (audit_event written by the state machine with to_status 'returned'). */
export async function latestReturn(source: DataSource | EntityManager, proposalId: string): Promise<ReturnNote | null> {
  const event = await source
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    // A real transition into 'returned' (audited actions that change nothing carry from = to).
    .where(`e.proposal_id = :proposalId AND e.to_status = 'returned' AND e.from_status IS DISTINCT FROM 'returned'`, { proposalId })
    .orderBy('e.at', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .getOne();
  if (!event) return null;
  const by = event.actorId ? await source.getRepository(Officer).findOneBy({ id: event.actorId }) : null;
  const proposal = await source.getRepository(Proposal).findOneBy({ id: proposalId });
  return { comment: event.comment ?? '', by, at: event.at, revision: proposal?.currentRevision ?? 0 };
}

/** The officer's proposals except withdrawn ones, most recently changed first (at most `limit`). */
export async function listMyProposals(source: DataSource | EntityManager, officerId: string, limit = 20): Promise<MyProposalItem[]> {
  const proposals = await source
    .getRepository(Proposal)
    .createQueryBuilder('p')
    .where(`p.proposer_id = :officerId AND p.status <> 'withdrawn'`, { officerId })
    .orderBy('p.updated_at', 'DESC')
    .addOrderBy('p.id', 'ASC')
    .limit(limit)
    .getMany();
  const holderIds = [...new Set(proposals.map((p) => p.holderId).filter((id): id is string => !!id && id !== officerId))];
  const holders = holderIds.length ? await source.getRepository(Officer).find({ where: { id: In(holderIds) } }) : [];
  const byId = new Map(holders.map((o) => [o.id, o]));
  const unreached = await notReachedOnZalo(source, holderIds);
  const items: MyProposalItem[] = [];
  for (const proposal of proposals) {
    items.push({
      proposal,
      holder: proposal.holderId && proposal.holderId !== officerId ? (byId.get(proposal.holderId) ?? null) : null,
      returnNote: answersReturn(proposal) ? await latestReturn(source, proposal.id) : null,
      ...(proposal.holderId && unreached.has(proposal.holderId) ? { holderNotReached: true } : {}),
    });
  }
  return items;
}
