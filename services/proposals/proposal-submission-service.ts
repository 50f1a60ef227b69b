// Submitting a plan: one transaction gives the readable code (ĐX-<year>-<4 digits>, no gaps: the per-year
// counter row is incremented inside the same transaction, so a rolled-back submission gives its number
// back), freezes the plan as a 'submission' revision, stamps the time, moves the status to 'submitted'
// and writes the audit event. Only after the commit is the 'submitted' event raised for routing.
import type { DataSource } from 'typeorm';
import type { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { todayVN, yearOf } from '../calendar/local-date.js';
import type { FieldOption } from '../workflow/workflow-config.js';
import { checkPlanComplete, type PlanProblem } from './plan-validation.js';
import type { ProposalEvents } from './proposal-events.js';

export type SubmitResult =
  | { status: 'submitted'; proposal: Proposal; code: string; revision: number }
  | { status: 'already_submitted'; proposal: Proposal }
  | { status: 'incomplete'; problems: PlanProblem[] }
  | { status: 'stale' }
  | { status: 'not_found' };

export function formatProposalCode(year: number, n: number): string {
  return `ĐX-${year}-${String(n).padStart(4, '0')}`;
}

export class ProposalSubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ProposalEvents,
    private readonly fields: () => readonly FieldOption[],
  ) {}

  /**
   * Submits the officer's draft. `expectedVersion` (from the review card) refuses a plan changed since
   * it was reviewed; a second click after a successful submission answers 'already_submitted'.
   */
  async submit(officer: Officer, proposalId: string, channel: string, expectedVersion?: number, now = new Date()): Promise<SubmitResult> {
    const result = await this.dataSource.transaction(async (m): Promise<SubmitResult> => {
      const proposal = await m
        .getRepository(Proposal)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :proposalId AND p.proposer_id = :officerId', { proposalId, officerId: officer.id })
        .getOne();
      if (!proposal || proposal.status === 'withdrawn') return { status: 'not_found' };
      if (proposal.status !== 'draft') return { status: 'already_submitted', proposal };
      if (expectedVersion !== undefined && proposal.version !== expectedVersion) return { status: 'stale' };
      const problems = checkPlanComplete(proposal.plan, this.fields(), todayVN(now));
      if (problems.length) return { status: 'incomplete', problems };

      const revision = proposal.currentRevision + 1;
      let code = proposal.code;
      if (!code) {
        const year = yearOf(todayVN(now));
        const [{ last }] = (await m.query(
          `INSERT INTO proposal_code_counter (year, last) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last = proposal_code_counter.last + 1
           RETURNING last`,
          [year],
        )) as { last: number }[];
        code = formatProposalCode(year, Number(last));
      }
      const updated = (await m.query(
        `UPDATE proposal SET status = 'submitted', code = $2, current_revision = $3, submitted_at = $4,
                version = version + 1, updated_at = now()
         WHERE id = $1 AND status = 'draft' AND version = $5
         RETURNING id`,
        [proposal.id, code, revision, now, proposal.version],
      )) as unknown;
      const rows = Array.isArray(updated) && Array.isArray(updated[0]) ? updated[0] : updated;
      if (!Array.isArray(rows) || rows.length !== 1) throw new Error('submission lost its draft row');
      await m.query(
        `INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id, channel) VALUES ($1, 'submission', $2, $3::jsonb, $4, $5)`,
        [proposal.id, revision, JSON.stringify(proposal.plan), officer.id, channel],
      );
      await m.query(
        `INSERT INTO audit_event (proposal_id, actor_id, channel, action, from_status, to_status, data)
         VALUES ($1, $2, $3, 'submitted', 'draft', 'submitted', $4::jsonb)`,
        [proposal.id, officer.id, channel, JSON.stringify({ code, revision })],
      );
      const fresh = await m.getRepository(Proposal).findOneByOrFail({ id: proposal.id });
      return { status: 'submitted', proposal: fresh, code, revision };
    });
    if (result.status === 'submitted') {
      await this.events.emit('submitted', { proposalId: result.proposal.id, revision: result.revision, actorId: officer.id });
    }
    return result;
  }
}
