// Drafts of the plan: created, answered field by field, listed and withdrawn. Every answer is written at
// once (the proposal's plan plus an 'edit' revision with the changed fields), so a draft survives restarts
// and follows the officer to any conversation or channel: it is keyed by the officer, never by a chat.
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import { Proposal, type ProposalPlan } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';
import { lockProposal, recordAudit, transitionProposal } from './proposal-state-machine.js';

export type ReopenResult =
  { status: 'reopened' | 'already_open' | 'not_returned' | 'not_proposer'; proposal: Proposal } | { status: 'not_found' };

export class DraftNotFoundError extends Error {
  constructor() {
    super('draft not found');
  }
}

/** Plan keys whose value mirrors a column (for lists and indexes). */
function columnsOf(plan: ProposalPlan): Pick<Proposal, 'title' | 'field'> {
  return { title: plan.title?.trim() ? plan.title.trim().slice(0, 300) : null, field: plan.field ?? null };
}

export class ProposalDraftService {
  constructor(private readonly dataSource: DataSource) {}

  /** A new draft; with `plan` (a plan read from a document), the draft and its answers in one transaction. */
  async create(officer: Officer, channel: string, plan: ProposalPlan = {}): Promise<Proposal> {
    return this.dataSource.transaction(async (m) => {
      const proposal = m.create(Proposal, {
        status: 'draft',
        proposerId: officer.id,
        unitId: officer.unitId,
        plan,
        ...columnsOf(plan),
      });
      await m.save(proposal);
      await m.insert(AuditEvent, {
        proposalId: proposal.id,
        actorId: officer.id,
        channel,
        action: 'draft_created',
        fromStatus: null,
        toStatus: 'draft',
        comment: null,
        data: null,
      });
      if (Object.keys(plan).length) {
        await m.insert(ProposalRevision, {
          proposalId: proposal.id,
          kind: 'edit',
          revision: proposal.currentRevision + 1,
          plan,
          authorId: officer.id,
          channel,
        });
      }
      return proposal;
    });
  }

  /** The officer's drafts, most recently changed first. */
  async listDrafts(officerId: string): Promise<Proposal[]> {
    return this.dataSource
      .getRepository(Proposal)
      .find({ where: { proposerId: officerId, status: 'draft' }, order: { updatedAt: 'DESC', id: 'ASC' } });
  }

  /** The officer's plans returned for changes and not reopened yet, most recently returned first. */
  async listReturned(officerId: string): Promise<Proposal[]> {
    return this.dataSource
      .getRepository(Proposal)
      .find({ where: { proposerId: officerId, status: 'returned' }, order: { updatedAt: 'DESC', id: 'ASC' } });
  }

  /** The officer's own proposal (any status), or null. */
  async get(officerId: string, proposalId: string): Promise<Proposal | null> {
    if (!/^[0-9a-f-]{36}$/i.test(proposalId)) return null;
    return this.dataSource.getRepository(Proposal).findOne({ where: { id: proposalId, proposerId: officerId } });
  }

  async findByCode(officerId: string, code: string): Promise<Proposal | null> {
    return this.dataSource
      .getRepository(Proposal)
      .findOne({ where: { code: code.trim().toUpperCase().replace(/^DX/, 'ĐX'), proposerId: officerId } });
  }

  /**
   * Merges answers into a draft and records them as an 'edit' revision. A key set to undefined is
   * removed (a field cleared in the Teams form). Throws DraftNotFoundError when the proposal is not the
   * officer's draft any more (submitted or withdrawn elsewhere).
   */
  async saveAnswers(officer: Officer, proposalId: string, changes: Partial<ProposalPlan>, channel: string): Promise<Proposal> {
    return this.dataSource.transaction(async (m) => {
      const proposal = await this.lockDraft(m, officer.id, proposalId);
      const plan: ProposalPlan = { ...proposal.plan };
      for (const [key, value] of Object.entries(changes) as [keyof ProposalPlan, unknown][]) {
        if (value === undefined) delete plan[key];
        else if (key === 'conditions') plan.conditions = { ...plan.conditions, ...(value as ProposalPlan['conditions']) };
        else (plan as Record<string, unknown>)[key] = value;
      }
      proposal.plan = plan;
      Object.assign(proposal, columnsOf(plan));
      await m.save(proposal);
      await m.insert(ProposalRevision, {
        proposalId,
        kind: 'edit',
        revision: proposal.currentRevision + 1,
        // JSON has no undefined: a cleared field is recorded as null.
        plan: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v === undefined ? null : v])) as ProposalPlan,
        authorId: officer.id,
        channel,
      });
      return proposal;
    });
  }

  /** Withdraws a draft (deleting or cancelling it): hidden from lists, its history kept. */
  async withdraw(officer: Officer, proposalId: string, channel: string): Promise<Proposal> {
    return this.dataSource.transaction(async (m) => {
      const draft = await this.lockDraft(m, officer.id, proposalId);
      return transitionProposal(m, {
        proposalId: draft.id,
        to: 'withdrawn',
        from: ['draft'],
        action: 'draft_withdrawn',
        actorId: officer.id,
        channel,
        holderId: null,
        dueDate: null,
      });
    });
  }

  /**
   * Reopens a plan returned for changes as a draft of its proposer (returned → draft through the state
   * machine), keeping its code and current revision: the next submission is revision current + 1.
   * A second press on a plan already reopened answers 'already_open' and changes nothing.
   */
  async reopen(officer: Officer, proposalId: string, channel: string): Promise<ReopenResult> {
    return this.dataSource.transaction(async (m): Promise<ReopenResult> => {
      const proposal = await lockProposal(m, proposalId);
      if (!proposal || proposal.status === 'withdrawn') return { status: 'not_found' };
      if (proposal.proposerId !== officer.id) {
        await recordAudit(m, {
          proposalId,
          actorId: officer.id,
          channel,
          action: 'refused',
          data: { attempted: 'reopen', reason: 'not_proposer' },
          status: proposal.status,
        });
        return { status: 'not_proposer', proposal };
      }
      if (proposal.status === 'draft' && proposal.currentRevision > 0) return { status: 'already_open', proposal };
      if (proposal.status !== 'returned') return { status: 'not_returned', proposal };
      const reopened = await transitionProposal(m, {
        proposalId,
        to: 'draft',
        from: ['returned'],
        action: 'reopen',
        actorId: officer.id,
        channel,
        holderId: officer.id,
        dueDate: null,
      });
      return { status: 'reopened', proposal: reopened };
    });
  }

  /** A proposal by its code, whoever proposed it (for commands that must tell "not yours" from "no such plan"). */
  async findAnyByCode(code: string): Promise<Proposal | null> {
    return this.dataSource.getRepository(Proposal).findOne({ where: { code: code.trim().toUpperCase().replace(/^DX/, 'ĐX') } });
  }

  private async lockDraft(m: EntityManager, officerId: string, proposalId: string): Promise<Proposal> {
    const proposal = await m
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :proposalId AND p.proposer_id = :officerId', { proposalId, officerId })
      .getOne();
    if (!proposal || proposal.status !== 'draft') throw new DraftNotFoundError();
    return proposal;
  }
}
