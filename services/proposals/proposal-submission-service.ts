// Submitting a plan: one transaction gives the readable code (ĐX-<year>-<4 digits>, no gaps: the per-year
// counter row is incremented inside the same transaction, so a rolled-back submission gives its number
// back), freezes the plan as a 'submission' revision, stamps the time, and moves the status to
// 'submitted' through the state machine (which writes the audit event). A plan returned for changes and
// reopened is submitted again the same way: same code, revision + 1. Only after the commit is the 'submitted' event raised for routing.
import type { DataSource } from 'typeorm';
import type { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { todayVN, yearOf } from '../calendar/local-date.js';
import type { FieldOption } from '../workflow/workflow-config.js';
import { checkPlanComplete, type PlanProblem } from './plan-validation.js';
import type { ProposalEvents } from './proposal-events.js';
import { transitionProposal } from './proposal-state-machine.js';

export type SubmitResult =
  | { status: 'submitted'; proposal: Proposal; code: string; revision: number }
  | { status: 'already_submitted'; proposal: Proposal }
  /** Returned for changes and not reopened yet: the proposer reopens it ("SỬA <mã>") before sending again. */
  | { status: 'returned'; proposal: Proposal }
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
      if (proposal.status === 'returned') return { status: 'returned', proposal };
      if (proposal.status !== 'draft') return { status: 'already_submitted', proposal };
      if (expectedVersion !== undefined && proposal.version !== expectedVersion) return { status: 'stale' };
      const problems = checkPlanComplete(proposal.plan, this.fields(), todayVN(now));
      if (problems.length) return { status: 'incomplete', problems };

      const revision = proposal.currentRevision + 1;
      let code = proposal.code;
      if (!code) {
        // Same transaction as the status change: a rolled-back submission gives its number back.
        const year = yearOf(todayVN(now));
        const [{ last }] = (await m.query(
          `INSERT INTO proposal_code_counter (year, last) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last = proposal_code_counter.last + 1
           RETURNING last`,
          [year],
        )) as { last: number }[];
        code = formatProposalCode(year, Number(last));
      }
      // draft → submitted through the state machine (version check, audit row). A resubmission after a
      // return keeps its code and freezes the next revision.
      await transitionProposal(m, {
        proposalId: proposal.id,
        to: 'submitted',
        from: ['draft'],
        action: 'submitted',
        actorId: officer.id,
        channel,
        expectedVersion: proposal.version,
        holderId: null,
        dueDate: null,
        data: { code, revision },
      });
      await m.query(`UPDATE proposal SET code = $2, current_revision = $3, submitted_at = $4 WHERE id = $1`, [
        proposal.id,
        code,
        revision,
        now,
      ]);
      await m.query(
        `INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id, channel) VALUES ($1, 'submission', $2, $3::jsonb, $4, $5)`,
        [proposal.id, revision, JSON.stringify(proposal.plan), officer.id, channel],
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
