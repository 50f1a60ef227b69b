// The assignment after an approved plan: the head may name a deputy to follow it; the head (or that
// deputy) assigns the implementers, confirms the resources and turns the plan's milestones into check-ins:
// approved → implementing.
import type { EntityManager } from 'typeorm';
import { Implementation } from '../../entities/implementation.entity.js';
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { parseLocalDate } from '../calendar/working-days.js';
import { APPROVED_STATUSES, recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import {
  AFTER_DECISION_NOTICES as N,
  approvingDecision,
  isProvincialUnit,
  refusal,
  type Actor,
  type AfterDecisionResult,
} from './after-decision-common.js';
import { act } from './implementation-action.js';
import { schedulePeriodic } from './implementation-check-ins.js';

export interface AssignInput {
  /** Emails (or officer ids) of the implementers; the first is the lead. */
  implementers: string[];
  /** Resources confirmed; an empty part is confirmed as written in the plan. */
  resources?: { people?: string; funding?: string; equipment?: string };
}

/** The head names a deputy of the deciding unit to follow the implementation. */
export async function nameManager(ctx: WorkflowStepContext, actor: Actor, proposalId: string, who: string): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'impl.manager', async (m, notify, p) => {
    const decision = await approvingDecision(m, proposalId);
    if (!decision) return refusal('wrong_state', proposalId);
    const impl = await m.findOne(Implementation, { where: { proposalId } });
    const headId = impl?.headId ?? decision.deciderId;
    if (actor.officerId !== headId) return refusal('not_allowed', proposalId);
    if (!APPROVED_STATUSES.slice(0, 4).includes(p.status)) return refusal('wrong_state', proposalId);
    const deputy = await findOfficer(m, who);
    if (!deputy) return refusal('unknown_officer', proposalId, who);
    if (deputy.role !== 'deputy' || deputy.unitId !== decision.unitId) return refusal('not_deputy', proposalId, deputy.fullName);
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
export async function namedManager(m: EntityManager, proposalId: string): Promise<string | null> {
  const rows = (await m.query(
    `SELECT data->>'managerId' AS id FROM audit_event WHERE proposal_id = $1 AND action = 'impl.manager' ORDER BY id DESC LIMIT 1`,
    [proposalId],
  )) as { id: string | null }[];
  return rows[0]?.id ?? null;
}

/** Assigns the implementers, confirms the resources, creates the check-ins: approved → implementing. */
export async function assign(ctx: WorkflowStepContext, actor: Actor, proposalId: string, input: AssignInput): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'impl.assign', async (m, notify, p) => {
    if (p.status === 'implementing' || p.status === 'paused') return refusal('already_done', proposalId);
    if (p.status !== 'approved' && p.status !== 'approved_by_override') return refusal('wrong_state', proposalId);
    const decision = await approvingDecision(m, proposalId);
    if (!decision) return refusal('wrong_state', proposalId);
    const managerId = await namedManager(m, proposalId);
    if (actor.officerId !== decision.deciderId && actor.officerId !== managerId) return refusal('not_allowed', proposalId);
    const wanted = [...new Set(input.implementers.map((x) => x.trim()).filter(Boolean))];
    if (!wanted.length) return refusal('no_implementers', proposalId);
    const officers: Officer[] = [];
    for (const w of wanted) {
      const o = await findOfficer(m, w);
      if (!o) return refusal('unknown_officer', proposalId, w);
      if (!officers.some((x) => x.id === o.id)) officers.push(o);
    }
    const today = ctx.today();
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
    await schedulePeriodic(ctx, m, proposalId, today, plannedEnd);
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

/** An active officer by email (any case) or id. */
export async function findOfficer(m: EntityManager, who: string): Promise<Officer | null> {
  const w = who.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(w))
    return m.findOne(Officer, { where: { id: w, active: true } });
  if (!w.includes('@')) return null;
  return m.getRepository(Officer).createQueryBuilder('o').where('lower(o.email) = lower(:e) AND o.active = true', { e: w }).getOne();
}

/** "150000000" → "150.000.000". */
export function formatMoney(digits: string): string {
  return digits.replace(/\D/g, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
