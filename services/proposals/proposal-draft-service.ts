// Drafts of the plan: created, answered field by field, listed and withdrawn. Every answer is written at
// once (the proposal's plan plus an 'edit' revision with the changed fields), so a draft survives restarts
// and follows the officer to any conversation or channel: it is keyed by the officer, never by a chat.
import type { DataSource, EntityManager } from 'typeorm';
import { hydrate } from '../../entities/hydrate.js';
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

/**
 * One answer in one statement (one round trip, atomic without a transaction): the draft's plan merged as
 * the old read-merge-save did (removed keys, set keys, conditions merged one level deep), its columns, and
 * the 'edit' revision. Only the officer's own draft is touched; no row back means it is not a draft any
 * more. Version and updated_at move only when something changed, as TypeORM's save did.
 * $1 id, $2 officer, $3 removed keys, $4 set keys, $5 conditions patch, $6/$7 title, $8/$9 field,
 * $10 revision plan, $11 channel.
 */
const MERGED_PLAN = `((plan - $3::text[]) || $4::jsonb) || CASE WHEN $5::jsonb IS NULL THEN '{}'::jsonb ELSE
  jsonb_build_object('conditions', CASE WHEN jsonb_typeof(plan -> 'conditions') = 'object' THEN plan -> 'conditions'
  ELSE '{}'::jsonb END || $5::jsonb) END`;
const CHANGED = `(${MERGED_PLAN} IS DISTINCT FROM plan OR ($6 AND $7::varchar IS DISTINCT FROM title)
  OR ($8 AND $9::varchar IS DISTINCT FROM field))`;
const SAVE_ANSWERS_SQL = `WITH saved AS (
  UPDATE proposal SET
    plan = ${MERGED_PLAN},
    title = CASE WHEN $6 THEN $7::varchar ELSE title END,
    field = CASE WHEN $8 THEN $9::varchar ELSE field END,
    version = CASE WHEN ${CHANGED} THEN version + 1 ELSE version END,
    updated_at = CASE WHEN ${CHANGED} THEN now() ELSE updated_at END
  WHERE id = $1 AND proposer_id = $2 AND status = 'draft'
  RETURNING *
), revision AS (
  INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id, channel)
  SELECT id, 'edit', current_revision + 1, $10::jsonb, $2, $11 FROM saved
)
SELECT * FROM saved`;

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
    if (!/^[0-9a-f-]{36}$/i.test(proposalId)) throw new DraftNotFoundError();
    const removed: string[] = [];
    const set: Record<string, unknown> = {};
    let conditions: unknown = null;
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) removed.push(key);
      else if (key === 'conditions') conditions = value ?? {};
      else set[key] = value;
    }
    // The columns that mirror the plan change only with their key (a key left alone keeps its column).
    const title = 'title' in changes ? { on: true, value: columnsOf({ title: changes.title }).title } : { on: false, value: null };
    const field = 'field' in changes ? { on: true, value: changes.field ?? null } : { on: false, value: null };
    // JSON has no undefined: a cleared field is recorded as null in the revision.
    const revision = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v === undefined ? null : v]));
    const rows: Record<string, unknown>[] = await this.dataSource.query(SAVE_ANSWERS_SQL, [
      proposalId,
      officer.id,
      removed,
      JSON.stringify(set),
      conditions === null ? null : JSON.stringify(conditions),
      title.on,
      title.value,
      field.on,
      field.value,
      JSON.stringify(revision),
      channel,
    ]);
    if (!rows.length) throw new DraftNotFoundError();
    return hydrate(this.dataSource, Proposal, rows[0]);
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
