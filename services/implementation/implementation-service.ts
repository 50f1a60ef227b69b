// Following an approved plan (the province's letter point 1.c; Decree 73/2023/NĐ-CP Art. 10, secondary):
// the deciding head (or a deputy they name) assigns the implementers and confirms the resources; the
// plan's milestones and a periodic ask become check-ins; implementers report progress or obstacles at any
// time; obstacles go to the head and, for provincial plans, to the Department of Home Affairs; the head
// pauses, resumes or stops with a reason; the implementer reports completion in writing, and the
// evaluation (services/evaluation) is due within 07 working days of that report.
//
// Every status change goes through the proposal state machine (audited in the same transaction); every
// action runs in one transaction that first locks the proposal row, so double clicks see the first result.
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { Evaluation } from '../../entities/evaluation.entity.js';
import { Implementation, type ReportFile } from '../../entities/implementation.entity.js';
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import { ImplementationReport } from '../../entities/implementation-report.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal, type ProposalStatus } from '../../entities/proposal.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { parseLocalDate, WorkingCalendar } from '../calendar/working-days.js';
import { todayVN } from '../calendar/local-date.js';
import { afterDecisionTasks, type AfterDecisionTask } from './after-decision-tasks.js';
import { runWithNotices, type Notifier, type Notify } from '../notifications/notifier.js';
import { lockProposal, recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import {
  AFTER_DECISION_NOTICES as N,
  approvingDecision,
  auditRefusal,
  homeAffairsHead,
  isProvincialUnit,
  type Actor,
  type AfterDecisionRefusal,
  type AfterDecisionResult,
} from './after-decision-common.js';
import { APPROVED_STATUSES } from '../proposals/proposal-state-machine.js';

export const IMPLEMENTATION_STATUSES: ProposalStatus[] = ['implementing', 'paused'];

/** A progress report also answers check-ins due within this many working days. */
export const CHECK_IN_ANSWER_WINDOW_WORKING_DAYS = 2;

export interface AssignInput {
  /** Emails (or officer ids) of the implementers; the first is the lead. */
  implementers: string[];
  /** Resources confirmed; an empty part is confirmed as written in the plan. */
  resources?: { people?: string; funding?: string; equipment?: string };
}

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

export interface ImplementationServiceOptions {
  config: WorkflowConfig;
  calendar?: WorkingCalendar;
  today?: () => string;
}

export class ImplementationService {
  private readonly config: WorkflowConfig;
  readonly calendar: WorkingCalendar;
  readonly today: () => string;

  constructor(
    private readonly ds: DataSource,
    private readonly notifier: Notifier,
    options: ImplementationServiceOptions,
  ) {
    this.config = options.config;
    this.calendar = options.calendar ?? new WorkingCalendar(options.config.calendar);
    this.today = options.today ?? (() => todayVN());
  }

  private async act(
    actor: Actor,
    proposalId: string,
    action: string,
    work: (m: EntityManager, notify: Notify, p: Proposal) => Promise<AfterDecisionResult>,
  ): Promise<AfterDecisionResult> {
    const result = await runWithNotices(this.ds, this.notifier, async (m, notify) => {
      const proposal = await lockProposal(m, proposalId);
      if (!proposal) return { ok: false as const, reason: 'not_found' as const };
      return work(m, notify, proposal);
    });
    if (!result.ok) await auditRefusal(this.ds, actor, proposalId, action, result.reason);
    return result;
  }

  private refuse(reason: AfterDecisionRefusal, proposalId: string, detail?: string): AfterDecisionResult {
    return { ok: false, reason, proposalId, ...(detail ? { detail } : {}) };
  }

  /** The deciding head, or the deputy they named. */
  private canManage(officerId: string, decision: Decision | null, impl: Implementation | null): boolean {
    if (impl) return impl.headId === officerId || impl.managerId === officerId;
    return decision?.deciderId === officerId;
  }

  private async implementerIds(m: EntityManager, proposalId: string): Promise<string[]> {
    return (await m.find(ImplementationMember, { where: { proposalId }, order: { isLead: 'DESC', id: 'ASC' } })).map((x) => x.officerId);
  }

  /** The head names a deputy of the deciding unit to follow the implementation. */
  async nameManager(actor: Actor, proposalId: string, who: string): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'impl.manager', async (m, notify, p) => {
      const decision = await approvingDecision(m, proposalId);
      if (!decision) return this.refuse('wrong_state', proposalId);
      const impl = await m.findOne(Implementation, { where: { proposalId } });
      const headId = impl?.headId ?? decision.deciderId;
      if (actor.officerId !== headId) return this.refuse('not_allowed', proposalId);
      if (!APPROVED_STATUSES.slice(0, 4).includes(p.status)) return this.refuse('wrong_state', proposalId);
      const deputy = await findOfficer(m, who);
      if (!deputy) return this.refuse('unknown_officer', proposalId, who);
      if (deputy.role !== 'deputy' || deputy.unitId !== decision.unitId) return this.refuse('not_deputy', proposalId, deputy.fullName);
      // Before the assignment the choice lives in the audit event below (namedManager reads it back).
      if (impl) await m.update(Implementation, { id: impl.id }, { managerId: deputy.id, version: impl.version + 1 });
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'impl.manager',
        data: { managerId: deputy.id },
        status: p.status,
      });
      notify({ officerId: deputy.id, proposalId, kind: N.managerNamed, data: {} });
      if (!impl) notify({ officerId: deputy.id, proposalId, kind: N.assignCard, data: {} });
      return { ok: true, action: 'manager_named', proposalId, status: p.status, data: { managerName: deputy.fullName } };
    });
  }

  /** The manager named before assignment (audit), for the assignment itself. */
  private async namedManager(m: EntityManager, proposalId: string): Promise<string | null> {
    const rows = (await m.query(
      `SELECT data->>'managerId' AS id FROM audit_event WHERE proposal_id = $1 AND action = 'impl.manager' ORDER BY id DESC LIMIT 1`,
      [proposalId],
    )) as { id: string | null }[];
    return rows[0]?.id ?? null;
  }

  /** Assigns the implementers, confirms the resources, creates the check-ins: approved → implementing. */
  async assign(actor: Actor, proposalId: string, input: AssignInput): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'impl.assign', async (m, notify, p) => {
      if (p.status === 'implementing' || p.status === 'paused') return this.refuse('already_done', proposalId);
      if (p.status !== 'approved' && p.status !== 'approved_by_override') return this.refuse('wrong_state', proposalId);
      const decision = await approvingDecision(m, proposalId);
      if (!decision) return this.refuse('wrong_state', proposalId);
      const managerId = await this.namedManager(m, proposalId);
      if (actor.officerId !== decision.deciderId && actor.officerId !== managerId) return this.refuse('not_allowed', proposalId);
      const wanted = [...new Set(input.implementers.map((x) => x.trim()).filter(Boolean))];
      if (!wanted.length) return this.refuse('no_implementers', proposalId);
      const officers: Officer[] = [];
      for (const w of wanted) {
        const o = await findOfficer(m, w);
        if (!o) return this.refuse('unknown_officer', proposalId, w);
        if (!officers.some((x) => x.id === o.id)) officers.push(o);
      }
      const today = this.today();
      const plan = p.plan ?? {};
      const r = input.resources ?? {};
      const funding =
        r.funding?.trim() ||
        [plan.fundingAmount ? `${formatMoney(plan.fundingAmount)} đồng` : '', plan.fundingSource ?? ''].filter(Boolean).join(', ');
      const plannedEnd = plan.endDate && parseLocalDate(plan.endDate) ? parseLocalDate(plan.endDate) : null;
      const impl = m.create(Implementation, {
        proposalId,
        decisionId: decision.id,
        unitId: decision.unitId,
        headId: decision.deciderId,
        managerId,
        provincial: await isProvincialUnit(m, decision.unitId),
        resourcesPeople: r.people?.trim() || plan.resourcesPeople?.trim() || '',
        resourcesFunding: funding,
        resourcesEquipment: r.equipment?.trim() || plan.equipment?.trim() || '',
        resourcesConfirmedBy: actor.officerId,
        assignedOn: today,
        plannedEnd,
        completionFiles: [],
      });
      await m.save(impl);
      for (const [i, o] of officers.entries()) await m.insert(ImplementationMember, { proposalId, officerId: o.id, isLead: i === 0 });
      for (const ms of plan.milestones ?? []) {
        const date = ms?.date ? parseLocalDate(ms.date) : null;
        const start = plan.startDate ? parseLocalDate(plan.startDate) : null;
        if (!date || date < today || (start && date < start)) continue;
        await m.insert(ImplementationCheckIn, {
          proposalId,
          kind: 'milestone',
          dueDate: date,
          description: (ms.description ?? '').slice(0, 2000),
          state: 'pending',
        });
      }
      await this.schedulePeriodic(m, proposalId, today, plannedEnd);
      await transitionProposal(m, {
        proposalId,
        to: 'implementing',
        action: 'impl.assign',
        actorId: actor.officerId,
        channel: actor.channel,
        holderId: officers[0]!.id,
        dueDate: plannedEnd,
        data: {
          implementers: officers.map((o) => o.id),
          resources: { people: impl.resourcesPeople, funding: impl.resourcesFunding, equipment: impl.resourcesEquipment },
          managerId,
        },
      });
      for (const o of officers) notify({ officerId: o.id, proposalId, kind: N.assigned, data: { lead: o.id === officers[0]!.id } });
      if (!officers.some((o) => o.id === p.proposerId))
        notify({ officerId: p.proposerId, proposalId, kind: N.assigned, data: { proposer: true } });
      return { ok: true, action: 'assigned', proposalId, status: 'implementing', data: { implementers: officers.map((o) => o.fullName) } };
    });
  }

  /**
   * Cancels pending periodic check-ins and asks again in `interval` working days (not after the planned
   * end). The count starts at the plan's start date when that is later: no progress is asked before it.
   */
  private async schedulePeriodic(m: EntityManager, proposalId: string, from: string, plannedEnd: string | null): Promise<void> {
    await m.update(ImplementationCheckIn, { proposalId, kind: 'periodic', state: 'pending' }, { state: 'cancelled' });
    const [row] = (await m.query(`SELECT plan->>'startDate' AS start FROM proposal WHERE id = $1`, [proposalId])) as {
      start: string | null;
    }[];
    const start = row?.start ? parseLocalDate(row.start) : null;
    const base = start && start > from ? start : from;
    const next = this.calendar.addWorkingDays(base, this.config.implementation.checkInIntervalWorkingDays);
    if (plannedEnd && next >= plannedEnd) return;
    await m.insert(ImplementationCheckIn, { proposalId, kind: 'periodic', dueDate: next, description: '', state: 'pending' });
  }

  /** "Báo cáo tiến độ": progress or an obstacle, by an implementer (or the proposer). */
  async report(
    actor: Actor,
    proposalId: string,
    kind: 'progress' | 'obstacle',
    rawText: string,
    files: ReportFile[] = [],
  ): Promise<AfterDecisionResult> {
    const text = rawText.trim();
    return this.act(actor, proposalId, `impl.${kind}`, async (m, notify, p) => {
      const impl = await m.findOne(Implementation, { where: { proposalId } });
      if (!impl) return this.refuse('wrong_state', proposalId);
      const members = await this.implementerIds(m, proposalId);
      if (!members.includes(actor.officerId) && actor.officerId !== p.proposerId) return this.refuse('not_allowed', proposalId);
      // While paused an obstacle can still be raised; progress resumes with the work.
      if (kind === 'progress' ? p.status !== 'implementing' : !IMPLEMENTATION_STATUSES.includes(p.status))
        return this.refuse('wrong_state', proposalId);
      if (!text) return this.refuse('text_required', proposalId);
      const today = this.today();
      const [row] = (await m.query(
        `INSERT INTO implementation_report (proposal_id, author_id, kind, text, files, reported_on) VALUES ($1,$2,$3,$4,$5::jsonb,$6) RETURNING id`,
        [proposalId, actor.officerId, kind, text.slice(0, 10_000), JSON.stringify(files), today],
      )) as { id: string }[];
      const reportId = String(row!.id);
      if (kind === 'progress') {
        const window = this.calendar.addWorkingDays(today, CHECK_IN_ANSWER_WINDOW_WORKING_DAYS);
        await m.query(
          `UPDATE implementation_check_in SET state = 'reported', report_id = $3 WHERE proposal_id = $1 AND state = 'pending' AND due_date <= $2`,
          [proposalId, window, reportId],
        );
        if (p.status === 'implementing') await this.schedulePeriodic(m, proposalId, today, impl.plannedEnd);
      }
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: `impl.${kind}`,
        data: { reportId },
        status: p.status,
      });
      const to = new Set([impl.headId, ...(impl.managerId ? [impl.managerId] : [])]);
      if (kind === 'obstacle' && impl.provincial) {
        const ha = await homeAffairsHead(m, this.config);
        if (ha) to.add(ha);
      }
      to.delete(actor.officerId);
      for (const id of to) notify({ officerId: id, proposalId, kind: kind === 'obstacle' ? N.obstacle : N.progress, data: { reportId } });
      return {
        ok: true,
        action: kind === 'obstacle' ? 'obstacle_reported' : 'progress_reported',
        proposalId,
        status: p.status,
        data: { homeAffairs: kind === 'obstacle' && impl.provincial },
      };
    });
  }

  private async headAction(
    actor: Actor,
    proposalId: string,
    action: string,
    headOnly: boolean,
    work: (m: EntityManager, notify: Notify, p: Proposal, impl: Implementation) => Promise<AfterDecisionResult>,
  ): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, action, async (m, notify, p) => {
      const impl = await m.findOne(Implementation, { where: { proposalId } });
      if (!impl) return this.refuse('wrong_state', proposalId);
      const allowed = headOnly ? impl.headId === actor.officerId : this.canManage(actor.officerId, null, impl);
      if (!allowed) return this.refuse('not_allowed', proposalId);
      return work(m, notify, p, impl);
    });
  }

  private async tellAll(
    m: EntityManager,
    notify: Notify,
    p: Proposal,
    impl: Implementation,
    kind: string,
    data: Record<string, unknown>,
    actorId: string,
  ): Promise<void> {
    const ids = new Set([...(await this.implementerIds(m, p.id)), p.proposerId, impl.headId, ...(impl.managerId ? [impl.managerId] : [])]);
    ids.delete(actorId);
    for (const id of ids) notify({ officerId: id, proposalId: p.id, kind, data });
  }

  async pause(actor: Actor, proposalId: string, reason: string): Promise<AfterDecisionResult> {
    const text = reason.trim();
    return this.headAction(actor, proposalId, 'impl.pause', false, async (m, notify, p, impl) => {
      if (p.status === 'paused') return this.refuse('already_done', proposalId);
      if (p.status !== 'implementing') return this.refuse('wrong_state', proposalId);
      if (!text) return this.refuse('text_required', proposalId);
      await transitionProposal(m, {
        proposalId,
        to: 'paused',
        action: 'impl.pause',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
      });
      await this.tellAll(m, notify, p, impl, N.paused, { reason: text }, actor.officerId);
      return { ok: true, action: 'paused', proposalId, status: 'paused' };
    });
  }

  async resume(actor: Actor, proposalId: string, reason = ''): Promise<AfterDecisionResult> {
    return this.headAction(actor, proposalId, 'impl.resume', false, async (m, notify, p, impl) => {
      if (p.status === 'implementing') return this.refuse('already_done', proposalId);
      if (p.status !== 'paused') return this.refuse('wrong_state', proposalId);
      await transitionProposal(m, {
        proposalId,
        to: 'implementing',
        action: 'impl.resume',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: reason.trim() || null,
      });
      await this.schedulePeriodic(m, proposalId, this.today(), impl.plannedEnd);
      await this.tellAll(m, notify, p, impl, N.resumed, {}, actor.officerId);
      return { ok: true, action: 'resumed', proposalId, status: 'implementing' };
    });
  }

  /** Stops the proposal for good (the deciding head only), with a reason. */
  async stop(actor: Actor, proposalId: string, reason: string): Promise<AfterDecisionResult> {
    const text = reason.trim();
    return this.headAction(actor, proposalId, 'impl.stop', true, async (m, notify, p, impl) => {
      if (p.status === 'stopped') return this.refuse('already_done', proposalId);
      if (p.status !== 'implementing' && p.status !== 'paused') return this.refuse('wrong_state', proposalId);
      if (!text) return this.refuse('text_required', proposalId);
      // The head still evaluates a stopped proposal (Art. 11.4); the time limit is the evaluation's.
      const due = this.calendar.addWorkingDays(this.today(), this.config.evaluation.evaluationWorkingDays);
      await transitionProposal(m, {
        proposalId,
        to: 'stopped',
        action: 'impl.stop',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
        holderId: impl.headId,
        dueDate: due,
      });
      await m.update(ImplementationCheckIn, { proposalId, state: 'pending' }, { state: 'cancelled' });
      await this.tellAll(m, notify, p, impl, N.stopped, { reason: text }, actor.officerId);
      return { ok: true, action: 'stopped', proposalId, status: 'stopped' };
    });
  }

  /** The written completion report: implementing → completion_reported; evaluation due in 07 working days. */
  async reportCompletion(actor: Actor, proposalId: string, rawText: string, files: ReportFile[] = []): Promise<AfterDecisionResult> {
    const text = rawText.trim();
    return this.act(actor, proposalId, 'impl.complete', async (m, notify, p) => {
      const impl = await m.findOne(Implementation, { where: { proposalId } });
      if (!impl) return this.refuse('wrong_state', proposalId);
      const members = await this.implementerIds(m, proposalId);
      if (!members.includes(actor.officerId)) return this.refuse('not_allowed', proposalId);
      if (['completion_reported', 'evaluating', 'evaluated', 'closed'].includes(p.status)) return this.refuse('already_done', proposalId);
      if (p.status !== 'implementing') return this.refuse('wrong_state', proposalId);
      if (!text) return this.refuse('text_required', proposalId);
      const today = this.today();
      const due = this.calendar.addWorkingDays(today, this.config.evaluation.evaluationWorkingDays);
      await m.insert(ImplementationReport, {
        proposalId,
        authorId: actor.officerId,
        kind: 'completion',
        text: text.slice(0, 20_000),
        files,
        reportedOn: today,
      });
      await m.update(
        Implementation,
        { id: impl.id },
        {
          completionText: text.slice(0, 20_000),
          completionFiles: files,
          completionReportedOn: today,
          completionReporterId: actor.officerId,
          version: impl.version + 1,
        },
      );
      await m.update(ImplementationCheckIn, { proposalId, state: 'pending' }, { state: 'cancelled' });
      await transitionProposal(m, {
        proposalId,
        to: 'completion_reported',
        action: 'impl.complete',
        actorId: actor.officerId,
        channel: actor.channel,
        holderId: impl.headId,
        dueDate: due,
        data: { files: files.length, evaluationDue: due },
      });
      notify({ officerId: impl.headId, proposalId, kind: N.completionReported, data: { due } });
      if (impl.managerId && impl.managerId !== impl.headId)
        notify({ officerId: impl.managerId, proposalId, kind: N.completionReported, data: { due } });
      return { ok: true, action: 'completion_reported', proposalId, status: 'completion_reported', data: { due } };
    });
  }

  // ---- reading ----------------------------------------------------------------------------------------

  async view(proposalId: string): Promise<ImplementationView | null> {
    const m = this.ds.manager;
    const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
    if (!proposal) return null;
    const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId } });
    const proposerUnit = await m.findOne(Unit, { where: { id: proposal.unitId } });
    const decision = await approvingDecision(m, proposalId);
    const implementation = await m.findOne(Implementation, { where: { proposalId } });
    const headId = implementation?.headId ?? decision?.deciderId ?? null;
    const head = headId ? await m.findOne(Officer, { where: { id: headId } }) : null;
    const managerId = implementation ? implementation.managerId : await this.namedManager(m, proposalId);
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

  /** Proposals after approval that this officer follows: as head, named deputy, implementer or proposer. */
  /** A check-in still waiting for its report, or null (done, or gone). */
  async pendingCheckIn(checkInId: string): Promise<ImplementationCheckIn | null> {
    const checkIn = await this.ds.manager.findOne(ImplementationCheckIn, { where: { id: checkInId } });
    return checkIn?.state === 'pending' ? checkIn : null;
  }

  /** A progress or obstacle report with its author's name. */
  async reportWithAuthor(reportId: string): Promise<{ report: ImplementationReport; authorName: string } | null> {
    const report = await this.ds.manager.findOne(ImplementationReport, { where: { id: reportId } });
    if (!report) return null;
    const author = await this.ds.manager.findOne(Officer, { where: { id: report.authorId } });
    return { report, authorName: author?.fullName ?? '' };
  }

  /** The steps after the decision that wait for this officer ("việc chờ tôi"). */
  async tasksFor(officerId: string): Promise<AfterDecisionTask[]> {
    return afterDecisionTasks(this.ds, officerId, this.today());
  }

  async followedBy(officerId: string): Promise<{ proposal: Proposal; role: 'head' | 'manager' | 'implementer' | 'proposer' }[]> {
    const rows = (await this.ds.query(
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
    const proposals = await this.ds.manager.find(Proposal, { where: { id: In(rows.map((r) => r.id)) } });
    const byId = new Map(proposals.map((p) => [p.id, p]));
    return rows.filter((r) => byId.has(r.id)).map((r) => ({ proposal: byId.get(r.id)!, role: r.role }));
  }

  /** The active officers of the deciding unit and of the proposer's unit: the pick list for implementers. */
  async candidates(proposalId: string): Promise<Officer[]> {
    const m = this.ds.manager;
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

/** An active officer by email (any case) or id. */
export async function findOfficer(m: EntityManager, who: string): Promise<Officer | null> {
  const w = who.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(w))
    return m.findOne(Officer, { where: { id: w, active: true } });
  if (!w.includes('@')) return null;
  return m.getRepository(Officer).createQueryBuilder('o').where('lower(o.email) = lower(:e) AND o.active = true', { e: w }).getOne();
}

async function officersById(m: EntityManager, ids: string[]): Promise<Map<string, Officer>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const list = await m.find(Officer, { where: { id: In(unique) } });
  return new Map(list.map((o) => [o.id, o]));
}

/** "150000000" → "150.000.000". */
export function formatMoney(digits: string): string {
  return digits.replace(/\D/g, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
