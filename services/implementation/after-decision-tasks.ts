// "Việc chờ tôi" after the decision: every step that waits for this officer once a plan is approved —
// assigning the implementers, a progress check-in that has come, the completion report, the Party
// committee's opinion and the evaluation, an evaluation ballot, the recognition. Each row names its step.
import { In, type DataSource } from 'typeorm';
import { Proposal } from '../../entities/proposal.entity.js';

export type AfterDecisionStep = 'assign' | 'progress' | 'completion' | 'evaluate' | 'evaluation_vote' | 'recognize';

export interface AfterDecisionTask {
  proposal: Proposal;
  step: AfterDecisionStep;
  dueDate: string | null;
}

export async function afterDecisionTasks(ds: DataSource, officerId: string, today: string): Promise<AfterDecisionTask[]> {
  const rows = (await ds.query(
    `SELECT p.id, 'assign' AS step, NULL::text AS due
       FROM proposal p
      WHERE p.status IN ('approved','approved_by_override')
        AND NOT EXISTS (SELECT 1 FROM implementation i WHERE i.proposal_id = p.id)
        AND (SELECT d.decider_id FROM decision d WHERE d.proposal_id = p.id AND d.outcome IN ('approved','approved_by_override') ORDER BY d.created_at DESC LIMIT 1) = $1
     UNION ALL
     SELECT p.id, 'progress', min(c.due_date)::text
       FROM proposal p
       JOIN implementation_member im ON im.proposal_id = p.id AND im.officer_id = $1
       JOIN implementation_check_in c ON c.proposal_id = p.id AND c.state = 'pending' AND c.due_date <= $2
      WHERE p.status = 'implementing'
      GROUP BY p.id
     UNION ALL
     SELECT p.id, 'completion', i.planned_end::text
       FROM proposal p
       JOIN implementation i ON i.proposal_id = p.id
       JOIN implementation_member im ON im.proposal_id = p.id AND im.officer_id = $1 AND im.is_lead
      WHERE p.status = 'implementing' AND i.planned_end IS NOT NULL AND i.planned_end <= $2
     UNION ALL
     SELECT p.id, 'evaluate', p.due_date::text
       FROM proposal p
       JOIN implementation i ON i.proposal_id = p.id AND i.head_id = $1
      WHERE p.status IN ('completion_reported','stopped','evaluating')
        AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.proposal_id = p.id AND e.state = 'vote_open')
     UNION ALL
     SELECT e.proposal_id, 'evaluation_vote', e.due_date::text
       FROM evaluation e
       JOIN collective_vote v ON v.subject_kind = 'evaluation' AND v.subject_id = e.id AND v.voter_id = $1 AND v.choice IS NULL
      WHERE e.state = 'vote_open'
     UNION ALL
     SELECT p.id, 'recognize', NULL::text
       FROM proposal p
       JOIN implementation i ON i.proposal_id = p.id AND i.head_id = $1
       JOIN evaluation e ON e.proposal_id = p.id AND e.state = 'passed' AND e.outcome = 'completed' AND e.recognitions IS NULL
      WHERE p.status = 'evaluated'`,
    [officerId, today],
  )) as { id: string; step: AfterDecisionStep; due: string | null }[];
  if (!rows.length) return [];
  const proposals = await ds.getRepository(Proposal).find({ where: { id: In([...new Set(rows.map((r) => r.id))]) } });
  const byId = new Map(proposals.map((p) => [p.id, p]));
  return rows.filter((r) => byId.has(r.id)).map((r) => ({ proposal: byId.get(r.id)!, step: r.step, dueDate: r.due }));
}
