// Following an approved plan (the province's letter point 1.c; Decree 73/2023/NĐ-CP Art. 10, secondary):
// the deciding head (or a deputy they name) assigns the implementers and confirms the resources; the
// plan's milestones and a periodic ask become check-ins; implementers report progress or obstacles at any
// time; obstacles go to the head and, for provincial plans, to the Department of Home Affairs; the head
// pauses, resumes or stops with a reason; the implementer reports completion in writing, and the
// evaluation (services/evaluation) is due within 07 working days of that report.
//
// Every status change goes through the proposal state machine (audited in the same transaction); every
// action runs in one transaction that first locks the proposal row, so double clicks see the first result.
//
// The parts: implementation-assignment.ts (naming the deputy, the assignment), implementation-reports.ts
// (progress, obstacles, completion), implementation-interruption.ts (pause, resume, stop),
// implementation-check-ins.ts (the periodic ask), implementation-action.ts (the transaction every action
// runs in, who may act, who is told).
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Decision } from '../../entities/decision.entity.js';
import { Evaluation } from '../../entities/evaluation.entity.js';
import { Implementation, type ReportFile } from '../../entities/implementation.entity.js';
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import { ImplementationReport } from '../../entities/implementation-report.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { afterDecisionTasks, type AfterDecisionTask } from './after-decision-tasks.js';
import type { Notifier } from '../notifications/notifier.js';
import { APPROVED_STATUSES } from '../proposals/proposal-state-machine.js';
import { workflowStepContext, type WorkflowStepContext, type WorkflowStepOptions } from '../workflow/workflow-step-context.js';
import { approvingDecision, type Actor } from './after-decision-common.js';
import * as assignment from './implementation-assignment.js';
import type { AssignInput } from './implementation-assignment.js';
import * as interruption from './implementation-interruption.js';
import * as reporting from './implementation-reports.js';

export interface ImplementationView {
  proposal: Proposal;
  proposer: Officer;
  proposerUnit: Unit | null;
  decision: Decision | null;
  head: Officer | null;
  manager: Officer | null;
  unit: Unit | null;
  implementation: Implementation | null;
  implementers: { officer: Officer; isLead: boolean }[];
  checkIns: ImplementationCheckIn[];
  reports: (ImplementationReport & { author: Officer | null })[];
  evaluation: Evaluation | null;
}

export class ImplementationService {
  private readonly ctx: WorkflowStepContext;

  constructor(dataSource: DataSource, notifier: Notifier, options: WorkflowStepOptions) {
    this.ctx = workflowStepContext(dataSource, notifier, options);
  }

  nameManager(actor: Actor, proposalId: string, who: string) {
    return assignment.nameManager(this.ctx, actor, proposalId, who);
  }

  assign(actor: Actor, proposalId: string, input: AssignInput) {
    return assignment.assign(this.ctx, actor, proposalId, input);
  }

  report(actor: Actor, proposalId: string, kind: 'progress' | 'obstacle', rawText: string, files: ReportFile[] = []) {
    return reporting.report(this.ctx, actor, proposalId, kind, rawText, files);
  }

  pause(actor: Actor, proposalId: string, reason: string) {
    return interruption.pause(this.ctx, actor, proposalId, reason);
  }

  resume(actor: Actor, proposalId: string, reason = '') {
    return interruption.resume(this.ctx, actor, proposalId, reason);
  }

  stop(actor: Actor, proposalId: string, reason: string) {
    return interruption.stop(this.ctx, actor, proposalId, reason);
  }

  reportCompletion(actor: Actor, proposalId: string, rawText: string, files: ReportFile[] = []) {
    return reporting.reportCompletion(this.ctx, actor, proposalId, rawText, files);
  }

  // ---- reading ----------------------------------------------------------------------------------------

  async view(proposalId: string): Promise<ImplementationView | null> {
    const m = this.ctx.dataSource.manager;
    const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
    if (!proposal) return null;
    const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId } });
    const proposerUnit = await m.findOne(Unit, { where: { id: proposal.unitId } });
    const decision = await approvingDecision(m, proposalId);
    const implementation = await m.findOne(Implementation, { where: { proposalId } });
    const headId = implementation?.headId ?? decision?.deciderId ?? null;
    const head = headId ? await m.findOne(Officer, { where: { id: headId } }) : null;
    const managerId = implementation ? implementation.managerId : await assignment.namedManager(m, proposalId);
    const manager = managerId ? await m.findOne(Officer, { where: { id: managerId } }) : null;
    const unitId = implementation?.unitId ?? decision?.unitId ?? null;
    const unit = unitId ? await m.findOne(Unit, { where: { id: unitId } }) : null;
    const members = await m.find(ImplementationMember, { where: { proposalId }, order: { isLead: 'DESC', id: 'ASC' } });
    const reports = await m.find(ImplementationReport, { where: { proposalId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 5 });
    const people = await officersById(m, [...members.map((x) => x.officerId), ...reports.map((r) => r.authorId)]);
    const checkIns = await m.find(ImplementationCheckIn, {
      where: { proposalId, state: In(['pending', 'reported']) },
      order: { dueDate: 'ASC' },
      take: 20,
    });
    const evaluation = await m.findOne(Evaluation, { where: { proposalId }, order: { round: 'DESC' } });
    return {
      proposal,
      proposer,
      proposerUnit,
      decision,
      head,
      manager,
      unit,
      implementation,
      implementers: members.filter((x) => people.has(x.officerId)).map((x) => ({ officer: people.get(x.officerId)!, isLead: x.isLead })),
      checkIns,
      reports: reports.map((r) => Object.assign(r, { author: people.get(r.authorId) ?? null })),
      evaluation,
    };
  }

  /** A check-in still waiting for its report, or null (done, or gone). */
  async pendingCheckIn(checkInId: string): Promise<ImplementationCheckIn | null> {
    const checkIn = await this.ctx.dataSource.manager.findOne(ImplementationCheckIn, { where: { id: checkInId } });
    return checkIn?.state === 'pending' ? checkIn : null;
  }

  /** A progress or obstacle report with its author's name. */
  async reportWithAuthor(reportId: string): Promise<{ report: ImplementationReport; authorName: string } | null> {
    const report = await this.ctx.dataSource.manager.findOne(ImplementationReport, { where: { id: reportId } });
    if (!report) return null;
    const author = await this.ctx.dataSource.manager.findOne(Officer, { where: { id: report.authorId } });
    return { report, authorName: author?.fullName ?? '' };
  }

  /** The steps after the decision that wait for this officer ("việc chờ tôi"). */
  async tasksFor(officerId: string): Promise<AfterDecisionTask[]> {
    return afterDecisionTasks(this.ctx.dataSource, officerId, this.ctx.today());
  }

  /** Proposals after approval that this officer follows: as head, named deputy, implementer or proposer. */
  async followedBy(officerId: string): Promise<{ proposal: Proposal; role: 'head' | 'manager' | 'implementer' | 'proposer' }[]> {
    const rows = (await this.ctx.dataSource.query(
      `SELECT p.id,
              CASE WHEN COALESCE(i.head_id, d.decider_id) = $1 THEN 'head'
                   WHEN i.manager_id = $1 THEN 'manager'
                   WHEN EXISTS (SELECT 1 FROM implementation_member im WHERE im.proposal_id = p.id AND im.officer_id = $1) THEN 'implementer'
                   ELSE 'proposer' END AS role
         FROM proposal p
         LEFT JOIN implementation i ON i.proposal_id = p.id
         LEFT JOIN LATERAL (SELECT decider_id FROM decision WHERE proposal_id = p.id AND outcome IN ('approved','approved_by_override') ORDER BY created_at DESC LIMIT 1) d ON true
        WHERE p.status = ANY($2)
          AND (COALESCE(i.head_id, d.decider_id) = $1 OR i.manager_id = $1 OR p.proposer_id = $1
               OR EXISTS (SELECT 1 FROM implementation_member im WHERE im.proposal_id = p.id AND im.officer_id = $1))
        ORDER BY p.updated_at DESC LIMIT 20`,
      [officerId, APPROVED_STATUSES.filter((s) => s !== 'closed' && s !== 'stopped')],
    )) as { id: string; role: 'head' | 'manager' | 'implementer' | 'proposer' }[];
    if (!rows.length) return [];
    const proposals = await this.ctx.dataSource.manager.find(Proposal, { where: { id: In(rows.map((r) => r.id)) } });
    const byId = new Map(proposals.map((p) => [p.id, p]));
    return rows.filter((r) => byId.has(r.id)).map((r) => ({ proposal: byId.get(r.id)!, role: r.role }));
  }

  /** The active officers of the deciding unit and of the proposer's unit: the pick list for implementers. */
  async candidates(proposalId: string): Promise<Officer[]> {
    const m = this.ctx.dataSource.manager;
    const p = await m.findOne(Proposal, { where: { id: proposalId } });
    if (!p) return [];
    const d = await approvingDecision(m, proposalId);
    const unitIds = [...new Set([p.unitId, ...(d ? [d.unitId] : [])])];
    const list = await m.find(Officer, { where: { unitId: In(unitIds), active: true } });
    const order = { member: 0, deputy: 1, head: 2 } as const;
    return list
      .sort(
        (a, b) =>
          (a.id === p.proposerId ? -1 : b.id === p.proposerId ? 1 : 0) ||
          order[a.role] - order[b.role] ||
          a.fullName.localeCompare(b.fullName, 'vi'),
      )
      .slice(0, 40);
  }
}

async function officersById(m: EntityManager, ids: string[]): Promise<Map<string, Officer>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const list = await m.find(Officer, { where: { id: In(unique) } });
  return new Map(list.map((o) => [o.id, o]));
}
