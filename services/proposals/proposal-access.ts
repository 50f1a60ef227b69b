// Who may see a proposal: the people it concerns and those above them, never any officer who knows its
// code (codes are sequential). One query answers it, so every card verb can ask before it reads.
//   - the proposer;
//   - a decider of any of its decisions, a voter of its decision or of its evaluation;
//   - the head and the manager of its implementation, and the implementers;
//   - the head (or the acting head today) of the proposer's unit or of any unit above it;
//   - Home Affairs staff in the roles that see the province (workflow `dashboard.provinceRoles`; an acting
//     head counts as the head).
import type { DataSource } from 'typeorm';
import type { Officer } from '../../entities/officer.entity.js';
import { todayVN } from '../calendar/local-date.js';
import { normaliseProposalCode } from './proposal-code.js';
import { recordAudit } from './proposal-state-machine.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';

export class ProposalAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: WorkflowConfig,
    private readonly today: () => string = () => todayVN(),
  ) {}

  /**
   * The proposal a card's data or a typed command names: its id (a UUID, anything else is refused before
   * any query) or its code ("ĐX-2026-0001", also typed "dx 2026 1"). null when it names none.
   */
  async proposalIdOf(data: Record<string, unknown>): Promise<string | null> {
    if (typeof data.proposalId === 'string') return data.proposalId;
    if (typeof data.code !== 'string') return null;
    // A code field may carry an id too (an old card, a typed command): the same id the check is made on.
    if (UUID.test(data.code.trim())) return data.code.trim();
    const code = normaliseProposalCode(data.code);
    if (!code) return null;
    const rows = (await this.dataSource.query(`SELECT id FROM proposal WHERE code = $1`, [code])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** A refused attempt stays in the audit log of the proposal, as the services' own refusals do. */
  async recordRefusal(officerId: string, proposalId: string, verb: string, channel: string): Promise<void> {
    if (!UUID.test(proposalId)) return;
    await this.dataSource.transaction((m) =>
      recordAudit(m, {
        proposalId,
        actorId: officerId,
        channel: channel.slice(0, 16),
        action: 'refused',
        data: { attempted: verb, reason: 'not_concerned' },
      }),
    );
  }

  async canRead(officer: Pick<Officer, 'id' | 'unitId' | 'role'>, proposalId: string): Promise<boolean> {
    if (!UUID.test(proposalId)) return false;
    const rows = (await this.dataSource.query(
      `WITH RECURSIVE p AS (SELECT id, proposer_id, unit_id FROM proposal WHERE id = $1),
       above(id, parent_id) AS (
         SELECT u.id, u.parent_id FROM unit u JOIN p ON u.id = p.unit_id
         UNION
         SELECT u.id, u.parent_id FROM unit u JOIN above a ON u.id = a.parent_id
       )
       SELECT 1 FROM p WHERE
            p.proposer_id = $2
         OR EXISTS (SELECT 1 FROM decision d WHERE d.proposal_id = p.id AND d.decider_id = $2)
         OR EXISTS (SELECT 1 FROM collective_vote v JOIN decision d ON v.subject_kind = 'decision' AND d.id = v.subject_id WHERE d.proposal_id = p.id AND v.voter_id = $2)
         OR EXISTS (SELECT 1 FROM collective_vote v JOIN evaluation e ON v.subject_kind = 'evaluation' AND e.id = v.subject_id WHERE e.proposal_id = p.id AND v.voter_id = $2)
         OR EXISTS (SELECT 1 FROM implementation i WHERE i.proposal_id = p.id AND (i.head_id = $2 OR i.manager_id = $2))
         OR EXISTS (SELECT 1 FROM implementation_member m WHERE m.proposal_id = p.id AND m.officer_id = $2)
         OR EXISTS (SELECT 1 FROM above a JOIN officer o ON o.unit_id = a.id WHERE o.id = $2 AND o.role = 'head' AND o.active)
         OR EXISTS (SELECT 1 FROM above a JOIN acting_head h ON h.unit_id = a.id
                     WHERE h.officer_id = $2 AND h.from_date <= $3::date AND h.to_date >= $3::date)
         OR EXISTS (SELECT 1 FROM officer o JOIN unit u ON u.id = o.unit_id
                     WHERE o.id = $2 AND o.active AND u.is_home_affairs AND o.role = ANY($4::text[]))
         OR ('head' = ANY($4::text[]) AND EXISTS (SELECT 1 FROM acting_head h JOIN unit u ON u.id = h.unit_id
                     WHERE u.is_home_affairs AND h.officer_id = $2 AND h.from_date <= $3::date AND h.to_date >= $3::date))
       LIMIT 1`,
      [proposalId, officer.id, this.today(), [...this.config.dashboard.provinceRoles]],
    )) as unknown[];
    return rows.length > 0;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
