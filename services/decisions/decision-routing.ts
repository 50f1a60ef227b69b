// Where a submitted plan goes and by when: routing it to the right head (services/routing), the deadline
// of the decision in working days, the Home Affairs queue when no head can be found, and the intake of a
// head's own plan by Home Affairs, forwarded to the Chairman.
import type { EntityManager } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import type { Proposal, ProposalStatus } from '../../entities/proposal.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { logger } from '../platform/logger.js';
import { runWithNotices, type Notify } from '../notifications/notifier.js';
import { lockProposal, transitionProposal } from '../proposals/proposal-state-machine.js';
import { RoutingService, type RouteResult } from '../routing/routing-service.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { deciderAction, finishDecision, type ActionResult, type Actor } from './decider-action.js';
import { DECISION_NOTICES } from './decision-notices.js';

/**
 * Takes a submitted plan (status 'submitted') to its decider. A resubmission after a return goes to the
 * decider who returned it. Idempotent: a proposal no longer 'submitted' is left alone.
 */
export async function routeSubmitted(
  ctx: WorkflowStepContext,
  proposalId: string,
  actorId: string | null,
  channel: string | null = null,
): Promise<RouteResult | { ok: false; reason: 'not_submitted' }> {
  return runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const proposal = await lockProposal(m, proposalId);
    if (!proposal || proposal.status !== 'submitted') return { ok: false as const, reason: 'not_submitted' as const };
    const returned = await m.findOne(Decision, {
      where: { proposalId, outcome: 'returned' },
      order: { createdAt: 'DESC' },
    });
    const routing = new RoutingService(m, ctx.config, ctx.today);
    let route: RouteResult;
    if (returned) {
      const decider = await m.findOne(Officer, { where: { id: returned.deciderId, active: true } });
      const unit = await m.findOne(Unit, { where: { id: returned.unitId } });
      route =
        decider && unit
          ? {
              ok: true,
              stage: returned.stage,
              decider,
              deciderActing: returned.deciderActing,
              unit,
              basis: returned.basis as 'art_7_3' | 'art_7_4',
              proposerIsHead: returned.basis === 'art_7_4',
            }
          : await routing.route(proposal.proposerId, proposal.unitId);
    } else {
      route = await routing.route(proposal.proposerId, proposal.unitId);
    }
    await applyRoute(ctx, m, notify, proposal, route, actorId, channel);
    return route;
  });
}

/** Home Affairs retries a plan from the routing queue (after the directory was fixed). */
export async function reroute(
  ctx: WorkflowStepContext,
  proposalId: string,
  actor: Actor,
): Promise<RouteResult | { ok: false; reason: 'not_submitted' }> {
  return runWithNotices(ctx.dataSource, ctx.notifier, async (m, notify) => {
    const proposal = await lockProposal(m, proposalId);
    if (!proposal || proposal.status !== 'routing_failed') return { ok: false as const, reason: 'not_submitted' as const };
    const route = await new RoutingService(m, ctx.config, ctx.today).route(proposal.proposerId, proposal.unitId);
    await applyRoute(ctx, m, notify, proposal, route, actor.officerId, actor.channel);
    return route;
  });
}

async function applyRoute(
  ctx: WorkflowStepContext,
  m: EntityManager,
  notify: Notify,
  proposal: Proposal,
  route: RouteResult,
  actorId: string | null,
  channel: string | null,
): Promise<void> {
  if (!route.ok) {
    await transitionProposal(m, {
      proposalId: proposal.id,
      to: 'routing_failed',
      action: 'route.failed',
      actorId,
      channel,
      holderId: null,
      dueDate: null,
      data: { reason: route.reason, unitId: route.unit?.id ?? null },
    });
    notify({
      officerId: proposal.proposerId,
      proposalId: proposal.id,
      kind: DECISION_NOTICES.proposerRoutingFailed,
      data: { reason: route.reason },
    });
    const routing = new RoutingService(m, ctx.config, ctx.today);
    const homeAffairs = await m.findOne(Unit, { where: { isHomeAffairs: true, active: true } });
    const haHead = homeAffairs ? await routing.headOf(homeAffairs.id) : null;
    if (haHead) {
      notify({
        officerId: haHead.officer.id,
        proposalId: proposal.id,
        kind: DECISION_NOTICES.homeAffairsQueue,
        data: { reason: route.reason, unitName: route.unit?.name ?? null },
      });
    } else {
      logger.error({ proposalId: proposal.id }, 'routing failed and no Department of Home Affairs head to tell');
    }
    return;
  }
  const deadline = route.proposerIsHead ? ctx.config.decision.headOwnPlan.deadlineWorkingDays : ctx.config.decision.deadlineWorkingDays;
  const receivedOn = ctx.today();
  const dueDate = ctx.calendar.addWorkingDays(receivedOn, deadline);
  const to: ProposalStatus = route.stage === 'intake' ? 'in_intake' : 'under_review';
  await transitionProposal(m, {
    proposalId: proposal.id,
    to,
    action: route.stage === 'intake' ? 'route.intake' : 'route.decider',
    actorId,
    channel,
    holderId: route.decider.id,
    dueDate,
    data: {
      deciderId: route.decider.id,
      unitId: route.unit.id,
      basis: route.basis,
      acting: route.deciderActing,
      revision: proposal.currentRevision,
    },
  });
  const decision = m.create(Decision, {
    proposalId: proposal.id,
    revision: proposal.currentRevision,
    stage: route.stage,
    deciderId: route.decider.id,
    unitId: route.unit.id,
    basis: route.basis,
    deciderActing: route.deciderActing,
    state: 'open',
    outcome: null,
    receivedOn,
    dueDate,
  });
  await m.save(decision);
  notify({ officerId: route.decider.id, proposalId: proposal.id, kind: DECISION_NOTICES.deciderCard, data: { decisionId: decision.id } });
  notify({
    officerId: proposal.proposerId,
    proposalId: proposal.id,
    kind: DECISION_NOTICES.proposerRouted,
    data: { decisionId: decision.id },
  });
}

/** Intake (Home Affairs): the plan is complete; forward it to the Chairman, optionally proposing a council. */
export async function forward(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  options: { comment?: string; proposeCouncil?: boolean } = {},
): Promise<ActionResult> {
  return deciderAction(ctx, actor, proposalId, 'intake.forward', ['open'], ['intake'], async (m, notify, proposal, decision) => {
    const route = await new RoutingService(m, ctx.config, ctx.today).afterIntake();
    const comment = options.comment?.trim() || null;
    if (!route.ok) {
      await finishDecision(m, decision, 'forwarded', comment);
      await applyRoute(ctx, m, notify, proposal, route, actor.officerId, actor.channel);
      return { ok: true, action: 'forwarded', proposalId, decisionId: decision.id, status: 'routing_failed' };
    }
    await finishDecision(m, decision, 'forwarded', comment);
    await m.update(Decision, { id: decision.id }, { councilProposed: !!options.proposeCouncil });
    // A head's own plan (Art. 7.4): the time limit is the province's configured one (the decree's is unknown).
    const receivedOn = ctx.today();
    const dueDate = ctx.calendar.addWorkingDays(receivedOn, ctx.config.decision.headOwnPlan.deadlineWorkingDays);
    await transitionProposal(m, {
      proposalId,
      to: 'under_review',
      action: 'intake.forward',
      actorId: actor.officerId,
      channel: actor.channel,
      comment,
      holderId: route.decider.id,
      dueDate,
      data: { deciderId: route.decider.id, councilProposed: !!options.proposeCouncil },
    });
    const next = m.create(Decision, {
      proposalId,
      revision: decision.revision,
      stage: 'decision',
      deciderId: route.decider.id,
      unitId: route.unit.id,
      basis: 'art_7_4',
      deciderActing: route.deciderActing,
      state: 'open',
      outcome: null,
      receivedOn,
      dueDate,
      councilProposed: !!options.proposeCouncil,
    });
    await m.save(next);
    notify({ officerId: route.decider.id, proposalId, kind: DECISION_NOTICES.deciderCard, data: { decisionId: next.id } });
    notify({ officerId: proposal.proposerId, proposalId, kind: DECISION_NOTICES.proposerRouted, data: { decisionId: next.id } });
    return { ok: true, action: 'forwarded', proposalId, decisionId: next.id, status: 'under_review' };
  });
}
