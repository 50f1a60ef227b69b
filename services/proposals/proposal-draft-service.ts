// Drafts of the plan: created, answered field by field, listed and withdrawn. Every answer is written at
// once (the proposal's plan plus an 'edit' revision with the changed fields), so a draft survives restarts
// and follows the officer to any conversation or channel: it is keyed by the officer, never by a chat.
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import { Proposal, type ProposalPlan, type ProposalStatus } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';

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

  async create(officer: Officer, channel: string): Promise<Proposal> {
    return this.dataSource.transaction(async (m) => {
      const proposal = m.create(Proposal, { status: 'draft', proposerId: officer.id, unitId: officer.unitId, plan: {}, title: null, field: null });
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
      return proposal;
    });
  }

  /** The officer's drafts, most recently changed first. */
  async listDrafts(officerId: string): Promise<Proposal[]> {
    return this.dataSource.getRepository(Proposal).find({ where: { proposerId: officerId, status: 'draft' }, order: { updatedAt: 'DESC', id: 'ASC' } });
  }

  /** All the officer's proposals except withdrawn ones, most recently changed first. */
  async listMine(officerId: string): Promise<Proposal[]> {
    return this.dataSource
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.proposer_id = :officerId', { officerId })
      .andWhere(`p.status <> 'withdrawn'`)
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  /** The officer's own proposal (any status), or null. */
  async get(officerId: string, proposalId: string): Promise<Proposal | null> {
    if (!/^[0-9a-f-]{36}$/i.test(proposalId)) return null;
    return this.dataSource.getRepository(Proposal).findOne({ where: { id: proposalId, proposerId: officerId } });
  }

  async findByCode(officerId: string, code: string): Promise<Proposal | null> {
    return this.dataSource.getRepository(Proposal).findOne({ where: { code: code.trim().toUpperCase().replace(/^DX/, 'ĐX'), proposerId: officerId } });
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
      const proposal = await this.lockDraft(m, officer.id, proposalId);
      const from: ProposalStatus = proposal.status;
      proposal.status = 'withdrawn';
      await m.save(proposal);
      await m.insert(AuditEvent, {
        proposalId,
        actorId: officer.id,
        channel,
        action: 'draft_withdrawn',
        fromStatus: from,
        toStatus: 'withdrawn',
        comment: null,
        data: null,
      });
      return proposal;
    });
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
