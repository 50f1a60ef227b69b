// The decision on a submitted plan: routing it to the right head (services/routing), the Home Affairs
// intake, the collective vote of Art. 8.1, return for changes, the head's written decision to proceed,
// and the list "việc chờ tôi" ("đề xuất của tôi" is services/proposals/my-proposals.ts). Channel-neutral:
// handlers turn results into replies.
//
// Concurrency: every action runs in one transaction that first locks the proposal row (FOR UPDATE) and
// then re-reads the decision, so double clicks and stale cards see the state the first click left.
// Notifications are written to the outbox inside the same transaction and delivered after commit.
import { DataSource, In, type EntityManager } from 'typeorm';
import { Decision, type DecisionOutcome, type DecisionStage, type VoteTally } from '../../entities/decision.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal, type ProposalStatus } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { logger } from '../platform/logger.js';
import { WorkingCalendar } from '../calendar/working-days.js';
import { todayVN } from '../calendar/local-date.js';
import { runWithNotices, type Notifier, type NotificationRequest, type Notify } from '../notifications/notifier.js';
import { lockProposal, recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import { RoutingService, type RouteResult } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { tallyCounts, tallyVotes, type TallyResult } from '../votes/vote-tally.js';
import { ballotOf, ballotsOf, castBallot, onDecision, openBallots, tallyOf, withVoters } from '../votes/collective-vote.js';
import { CollectiveVote } from '../../entities/collective-vote.entity.js';
import { AFTER_DECISION_NOTICES } from '../implementation/after-decision-common.js';
import { diffPlans, type PlanChange } from './plan-diff.js';

/** Notification kinds rendered by the decision feature. */
export const DECISION_NOTICES = {
  deciderCard: 'decision.card', // to the decider: the plan and the actions
  voteCard: 'decision.vote_card', // to a voter
  proposerRouted: 'decision.routed', // to the proposer: where the plan went
  proposerRoutingFailed: 'decision.routing_failed', // to the proposer
  homeAffairsQueue: 'decision.queue', // to the head of Home Affairs: a plan could not be routed
  proposerOutcome: 'decision.outcome', // to the proposer: approved / rejected / returned / override
  voteClosed: 'decision.vote_closed', // to the head: the vote ended (passed or not)
  reminder: 'decision.reminder',
  escalation: 'decision.escalation',
} as const;

export type ActionRefusal =
  | 'not_found'
  | 'not_decider'
  | 'not_voter'
  | 'already_done'
  | 'wrong_state'
  | 'comment_required'
  | 'vote_not_finished'
  | 'single_voter_only'
  | 'invalid_counts'
  | 'party_consultation_required';

export interface Actor {
  officerId: string;
  channel: string;
}

export type ActionResult =
  | { ok: true; action: string; proposalId: string; decisionId: string; status: ProposalStatus; tally?: TallyResult }
  | { ok: false; reason: ActionRefusal; proposalId?: string };

export interface VoteView {
  voter: Officer;
  isHead: boolean;
  choice: 'for' | 'against' | null;
  comment: string | null;
}

export interface DecisionView {
  proposal: Proposal;
  proposer: Officer;
  proposerUnit: Unit | null;
  decision: Decision | null;
  decider: Officer | null;
  unit: Unit | null;
  votes: VoteView[];
  tally: TallyResult | null;
  /** Changes since the previous submission the same decider saw (a resubmission after return). */
  changes: PlanChange[];
  /** The comment of the return this revision answers. */
  previousReturnComment: string | null;
}

export interface TaskItem {
  proposal: Proposal;
  role: 'decider' | 'voter' | 'intake';
  dueDate: string | null;
  decisionId: string;
}

export interface DecisionServiceOptions {
  config: WorkflowConfig;
  calendar?: WorkingCalendar;
  today?: () => string;
}

const ACTIVE_STATUSES: ProposalStatus[] = ['in_intake', 'under_review', 'voting', 'party_consultation'];

export class DecisionService {
  private readonly config: WorkflowConfig;
  private readonly calendar: WorkingCalendar;
  private readonly today: () => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    options: DecisionServiceOptions,
  ) {
    this.config = options.config;
    this.calendar = options.calendar ?? new WorkingCalendar(options.config.calendar);
    this.today = options.today ?? (() => todayVN());
  }

  // ---- routing -------------------------------------------------------------------------------------------

  /**
   * Takes a submitted plan (status 'submitted') to its decider. A resubmission after a return goes to the
   * decider who returned it. Idempotent: a proposal no longer 'submitted' is left alone.
   */
  async routeSubmitted(
    proposalId: string,
    actorId: string | null,
    channel: string | null = null,
  ): Promise<RouteResult | { ok: false; reason: 'not_submitted' }> {
    return runWithNotices(this.dataSource, this.notifier, async (m, notify) => {
      const proposal = await lockProposal(m, proposalId);
      if (!proposal || proposal.status !== 'submitted') return { ok: false as const, reason: 'not_submitted' as const };
      const returned = await m.findOne(Decision, {
        where: { proposalId, outcome: 'returned' },
        order: { createdAt: 'DESC' },
      });
      const routing = new RoutingService(m, this.config, this.today);
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
      await this.applyRoute(m, notify, proposal, route, actorId, channel);
      return route;
    });
  }

  /** Home Affairs retries a plan from the routing queue (after the directory was fixed). */
  async reroute(proposalId: string, actor: Actor): Promise<RouteResult | { ok: false; reason: 'not_submitted' }> {
    return runWithNotices(this.dataSource, this.notifier, async (m, notify) => {
      const proposal = await lockProposal(m, proposalId);
      if (!proposal || proposal.status !== 'routing_failed') return { ok: false as const, reason: 'not_submitted' as const };
      const route = await new RoutingService(m, this.config, this.today).route(proposal.proposerId, proposal.unitId);
      await this.applyRoute(m, notify, proposal, route, actor.officerId, actor.channel);
      return route;
    });
  }

  private async applyRoute(
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
      const routing = new RoutingService(m, this.config, this.today);
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
    const deadline = route.proposerIsHead ? this.config.decision.headOwnPlan.deadlineWorkingDays : this.config.decision.deadlineWorkingDays;
    const receivedOn = this.today();
    const dueDate = this.calendar.addWorkingDays(receivedOn, deadline);
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

  // ---- actions -------------------------------------------------------------------------------------------

  /** Loads and checks the current decision of a proposal inside the transaction. */
  private async current(m: EntityManager, proposalId: string): Promise<{ proposal: Proposal; decision: Decision | null } | null> {
    const proposal = await lockProposal(m, proposalId);
    if (!proposal) return null;
    const decision = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
    return { proposal, decision };
  }

  private async refuse(actor: Actor, proposalId: string | undefined, reason: ActionRefusal, action: string): Promise<ActionResult> {
    if (reason === 'not_decider' || reason === 'not_voter') {
      logger.info({ action, reason }, 'decision action refused');
      if (proposalId) {
        await this.dataSource.transaction((m) =>
          recordAudit(m, {
            proposalId,
            actorId: actor.officerId,
            channel: actor.channel,
            action: 'refused',
            comment: null,
            data: { attempted: action, reason },
          }),
        );
      }
    }
    return { ok: false, reason, ...(proposalId ? { proposalId } : {}) };
  }

  /** Common guard: the actor is the decider of the unfinished decision in one of these states. */
  private async deciderAction(
    actor: Actor,
    proposalId: string,
    action: string,
    states: Decision['state'][],
    stages: DecisionStage[],
    work: (m: EntityManager, notify: Notify, proposal: Proposal, decision: Decision) => Promise<ActionResult>,
  ): Promise<ActionResult> {
    let refusal: ActionRefusal | undefined;
    const result = await runWithNotices(this.dataSource, this.notifier, async (m, notify) => {
      const cur = await this.current(m, proposalId);
      if (!cur) return void (refusal = 'not_found');
      const { proposal, decision } = cur;
      if (!decision) return void (refusal = 'not_found');
      if (decision.deciderId !== actor.officerId) return void (refusal = 'not_decider');
      if (decision.state === 'done') return void (refusal = 'already_done');
      if (!states.includes(decision.state) || !stages.includes(decision.stage)) return void (refusal = 'wrong_state');
      return work(m, notify, proposal, decision);
    });
    if (refusal) return this.refuse(actor, proposalId, refusal, action);
    return result!;
  }

  private async finish(
    m: EntityManager,
    decision: Decision,
    outcome: DecisionOutcome,
    comment: string | null,
    tally?: VoteTally | null,
  ): Promise<void> {
    const set: Partial<Decision> = { state: 'done', outcome, comment, decidedAt: new Date(), version: decision.version + 1 };
    if (tally !== undefined) set.tally = tally;
    await m.update(Decision, { id: decision.id, version: decision.version }, set);
    Object.assign(decision, set);
  }

  /** Intake (Home Affairs): the plan is complete; forward it to the Chairman, optionally proposing a council. */
  async forward(actor: Actor, proposalId: string, options: { comment?: string; proposeCouncil?: boolean } = {}): Promise<ActionResult> {
    return this.deciderAction(actor, proposalId, 'intake.forward', ['open'], ['intake'], async (m, notify, proposal, decision) => {
      const route = await new RoutingService(m, this.config, this.today).afterIntake();
      const comment = options.comment?.trim() || null;
      if (!route.ok) {
        await this.finish(m, decision, 'forwarded', comment);
        await this.applyRoute(m, notify, proposal, route, actor.officerId, actor.channel);
        return { ok: true, action: 'forwarded', proposalId, decisionId: decision.id, status: 'routing_failed' };
      }
      await this.finish(m, decision, 'forwarded', comment);
      await m.update(Decision, { id: decision.id }, { councilProposed: !!options.proposeCouncil });
      // A head's own plan (Art. 7.4): the time limit is the province's configured one (the decree's is unknown).
      const receivedOn = this.today();
      const dueDate = this.calendar.addWorkingDays(receivedOn, this.config.decision.headOwnPlan.deadlineWorkingDays);
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

  /** Return for changes (intake or decider), with the comments the proposer must answer. */
  async returnForChanges(actor: Actor, proposalId: string, comment: string): Promise<ActionResult> {
    const text = comment.trim();
    if (!text) return { ok: false, reason: 'comment_required', proposalId };
    return this.deciderAction(
      actor,
      proposalId,
      'return',
      ['open', 'vote_closed'],
      ['intake', 'decision'],
      async (m, notify, proposal, decision) => {
        await this.finish(m, decision, 'returned', text);
        await transitionProposal(m, {
          proposalId,
          to: 'returned',
          action: 'return',
          actorId: actor.officerId,
          channel: actor.channel,
          comment: text,
          holderId: proposal.proposerId,
          dueDate: null,
          data: { decisionId: decision.id, stage: decision.stage },
        });
        notify({
          officerId: proposal.proposerId,
          proposalId,
          kind: DECISION_NOTICES.proposerOutcome,
          data: { decisionId: decision.id, outcome: 'returned' },
        });
        return { ok: true, action: 'returned', proposalId, decisionId: decision.id, status: 'returned' };
      },
    );
  }

  /**
   * The same-level Party committee consultation before deciding (Art. 4, secondary; a step the province
   * switches on in workflow.decision.partyCommitteeConsultation). When required, the vote, a meeting
   * result and a single-voter approval wait until the decider has recorded the consultation.
   */
  private async partyConsultationMissing(m: EntityManager, decision: Decision): Promise<boolean> {
    const step = this.config.decision.partyCommitteeConsultation;
    if (!step.required || !step.beforeDecision) return false;
    const rows = (await m.query(
      `SELECT 1 FROM audit_event WHERE proposal_id = $1 AND action = 'party.consulted' AND data->>'decisionId' = $2 LIMIT 1`,
      [decision.proposalId, decision.id],
    )) as unknown[];
    return rows.length === 0;
  }

  /** Whether the current decision still waits for the Party committee consultation. */
  async partyConsultationPending(proposalId: string): Promise<boolean> {
    const d = await this.dataSource.manager.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
    if (!d || d.stage !== 'decision' || d.state !== 'open') return false;
    return this.partyConsultationMissing(this.dataSource.manager, d);
  }

  /** The decider starts the Party committee consultation (status party_consultation). */
  async startPartyConsultation(actor: Actor, proposalId: string): Promise<ActionResult> {
    return this.deciderAction(actor, proposalId, 'party.start', ['open'], ['decision'], async (m, _notify, proposal, decision) => {
      if (proposal.status !== 'under_review') return { ok: false, reason: 'wrong_state', proposalId };
      await transitionProposal(m, {
        proposalId,
        to: 'party_consultation',
        action: 'party.start',
        actorId: actor.officerId,
        channel: actor.channel,
        data: { decisionId: decision.id },
      });
      return { ok: true, action: 'party_started', proposalId, decisionId: decision.id, status: 'party_consultation' };
    });
  }

  /** The decider records the committee's opinion; the plan is back with the decider. */
  async recordPartyConsultation(actor: Actor, proposalId: string, opinion: string): Promise<ActionResult> {
    const text = opinion.trim();
    if (!text) return { ok: false, reason: 'comment_required', proposalId };
    return this.deciderAction(actor, proposalId, 'party.consulted', ['open'], ['decision'], async (m, _notify, proposal, decision) => {
      if (proposal.status === 'party_consultation') {
        await transitionProposal(m, {
          proposalId,
          to: 'under_review',
          action: 'party.consulted',
          actorId: actor.officerId,
          channel: actor.channel,
          comment: text,
          data: { decisionId: decision.id },
        });
      } else {
        await recordAudit(m, {
          proposalId,
          actorId: actor.officerId,
          channel: actor.channel,
          action: 'party.consulted',
          comment: text,
          data: { decisionId: decision.id },
          status: proposal.status,
        });
      }
      return { ok: true, action: 'party_consulted', proposalId, decisionId: decision.id, status: 'under_review' };
    });
  }

  /** Opens the collective vote: every other voter gets a vote card. */
  async openVote(actor: Actor, proposalId: string): Promise<ActionResult> {
    return this.deciderAction(actor, proposalId, 'vote.open', ['open'], ['decision'], async (m, notify, proposal, decision) => {
      if (await this.partyConsultationMissing(m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
      const voters = await new RoutingService(m, this.config, this.today).voters(decision.unitId, decision.deciderId, proposal.proposerId);
      await openBallots(
        m,
        onDecision(decision.id),
        voters.map((v) => ({ voterId: v.officer.id, isHead: v.isHead })),
      );
      await m.update(Decision, { id: decision.id }, { state: 'vote_open', version: decision.version + 1 });
      await transitionProposal(m, {
        proposalId,
        to: 'voting',
        action: 'vote.open',
        actorId: actor.officerId,
        channel: actor.channel,
        data: { decisionId: decision.id, voters: voters.map((v) => v.officer.id) },
      });
      // The head who opened it votes on the answer to that action (the decision card, refreshed with the
      // vote buttons): a second card with the same buttons went stale as soon as either was used.
      const votesOnHerCard = actor.officerId === decision.deciderId ? actor.officerId : null;
      for (const v of voters)
        if (v.officer.id !== votesOnHerCard)
          notify({ officerId: v.officer.id, proposalId, kind: DECISION_NOTICES.voteCard, data: { decisionId: decision.id } });
      return { ok: true, action: 'vote_opened', proposalId, decisionId: decision.id, status: 'voting' };
    });
  }

  /** A voter casts (or changes, while the vote is open) their vote. Closes the vote when everyone has voted. */
  async castVote(actor: Actor, proposalId: string, choice: 'for' | 'against', comment?: string): Promise<ActionResult> {
    let refusal: ActionRefusal | undefined;
    const result = await runWithNotices(this.dataSource, this.notifier, async (m, notify) => {
      const cur = await this.current(m, proposalId);
      if (!cur?.decision) return void (refusal = 'not_found');
      const { proposal, decision } = cur;
      const ballot = await ballotOf(m, onDecision(decision.id), actor.officerId);
      if (!ballot) return void (refusal = 'not_voter');
      if (decision.state !== 'vote_open')
        return void (refusal = decision.state === 'done' || decision.state === 'vote_closed' ? 'already_done' : 'wrong_state');
      const text = comment?.trim() || null;
      await castBallot(m, ballot, choice, text);
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'vote.cast',
        comment: text,
        data: { decisionId: decision.id, choice },
        status: proposal.status,
      });
      const tally = await tallyOf(m, onDecision(decision.id), this.config.decision.voteMajority.base);
      if (tally.allVoted) {
        const status = await this.closeVoteIn(m, notify, proposal, decision, tally, actor, 'vote.closed_all_voted');
        return { ok: true as const, action: 'vote_cast', proposalId, decisionId: decision.id, status, tally };
      }
      return { ok: true as const, action: 'vote_cast', proposalId, decisionId: decision.id, status: proposal.status, tally };
    });
    if (refusal) return this.refuse(actor, proposalId, refusal, 'vote.cast');
    return result!;
  }

  /** The head closes the vote: allowed when everyone has voted or the due date has come. */
  async closeVote(actor: Actor, proposalId: string): Promise<ActionResult> {
    return this.deciderAction(actor, proposalId, 'vote.close', ['vote_open'], ['decision'], async (m, notify, proposal, decision) => {
      const tally = await tallyOf(m, onDecision(decision.id), this.config.decision.voteMajority.base);
      if (!tally.allVoted && this.today() < decision.dueDate) return { ok: false, reason: 'vote_not_finished', proposalId };
      const status = await this.closeVoteIn(m, notify, proposal, decision, tally, actor, 'vote.close');
      return { ok: true, action: 'vote_closed', proposalId, decisionId: decision.id, status, tally };
    });
  }

  private async closeVoteIn(
    m: EntityManager,
    notify: Notify,
    proposal: Proposal,
    decision: Decision,
    tally: TallyResult,
    actor: Actor,
    action: string,
  ): Promise<ProposalStatus> {
    const record: VoteTally = {
      voters: tally.voters,
      inFavour: tally.inFavour,
      against: tally.against,
      headInFavour: tally.headInFavour,
      passed: tally.passed,
      source: 'vote',
    };
    return this.applyTally(m, notify, proposal, decision, record, actor, action);
  }

  /** Passed → approved. Not passed → the head chooses (vote_closed) to proceed in writing or not. */
  private async applyTally(
    m: EntityManager,
    notify: Notify,
    proposal: Proposal,
    decision: Decision,
    tally: VoteTally,
    actor: Actor,
    action: string,
  ): Promise<ProposalStatus> {
    if (tally.passed) {
      await this.finish(m, decision, 'approved', null, tally);
      await transitionProposal(m, {
        proposalId: proposal.id,
        to: 'approved',
        action,
        actorId: actor.officerId,
        channel: actor.channel,
        // The head acts next: assign the implementers (asked at once, not by the hourly sweep).
        holderId: decision.deciderId,
        dueDate: null,
        data: { decisionId: decision.id, tally: { ...tally } },
      });
      notify({
        officerId: proposal.proposerId,
        proposalId: proposal.id,
        kind: DECISION_NOTICES.proposerOutcome,
        data: { decisionId: decision.id, outcome: 'approved' },
      });
      notify(assignNotice(decision.deciderId, proposal.id));
      if (actor.officerId !== decision.deciderId) {
        notify({
          officerId: decision.deciderId,
          proposalId: proposal.id,
          kind: DECISION_NOTICES.voteClosed,
          data: { decisionId: decision.id },
        });
      }
      return 'approved';
    }
    await m.update(Decision, { id: decision.id }, { state: 'vote_closed', tally, version: decision.version + 1 });
    await transitionProposal(m, {
      proposalId: proposal.id,
      to: 'voting',
      action,
      actorId: actor.officerId,
      channel: actor.channel,
      data: { decisionId: decision.id, tally: { ...tally } },
    });
    notify({
      officerId: decision.deciderId,
      proposalId: proposal.id,
      kind: DECISION_NOTICES.voteClosed,
      data: { decisionId: decision.id },
    });
    return 'voting';
  }

  /** The head records the result of an in-person meeting of the collective leadership. */
  async recordMeeting(
    actor: Actor,
    proposalId: string,
    meeting: { inFavour: number; against: number; headInFavour: boolean; participants: string; minutes?: string },
  ): Promise<ActionResult> {
    return this.deciderAction(
      actor,
      proposalId,
      'meeting.record',
      ['open', 'vote_open'],
      ['decision'],
      async (m, notify, proposal, decision) => {
        if (await this.partyConsultationMissing(m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
        const eligible = await new RoutingService(m, this.config, this.today).voters(
          decision.unitId,
          decision.deciderId,
          proposal.proposerId,
        );
        const voters = eligible.length;
        const { inFavour, against } = meeting;
        if (!Number.isInteger(inFavour) || !Number.isInteger(against) || inFavour < 0 || against < 0 || inFavour + against > voters) {
          return { ok: false, reason: 'invalid_counts', proposalId };
        }
        const t = tallyCounts({ voters, inFavour, against, headInFavour: meeting.headInFavour }, this.config.decision.voteMajority.base);
        const tally: VoteTally = {
          voters,
          inFavour,
          against,
          headInFavour: meeting.headInFavour,
          passed: t.passed,
          source: 'meeting',
          participants: meeting.participants.trim(),
          ...(meeting.minutes?.trim() ? { minutes: meeting.minutes.trim() } : {}),
        };
        if (proposal.status === 'under_review') {
          await transitionProposal(m, {
            proposalId,
            to: 'voting',
            action: 'meeting.held',
            actorId: actor.officerId,
            channel: actor.channel,
            data: { decisionId: decision.id },
          });
          proposal.status = 'voting';
        }
        const status = await this.applyTally(m, notify, proposal, decision, tally, actor, 'meeting.record');
        return { ok: true, action: 'meeting_recorded', proposalId, decisionId: decision.id, status, tally: t };
      },
    );
  }

  /**
   * "DUYỆT": at intake it forwards to the Chairman; for a decider whose collective is only themselves
   * (no deputy can vote) it is that one vote. Otherwise the collective must vote (Art. 8.1).
   */
  async approve(actor: Actor, proposalId: string): Promise<ActionResult> {
    let stage: DecisionStage | undefined;
    await this.dataSource.transaction(async (m) => {
      const d = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
      stage = d?.stage;
    });
    if (stage === 'intake') return this.forward(actor, proposalId);
    return this.deciderAction(actor, proposalId, 'approve', ['open'], ['decision'], async (m, notify, proposal, decision) => {
      const voters = await new RoutingService(m, this.config, this.today).voters(decision.unitId, decision.deciderId, proposal.proposerId);
      if (voters.length !== 1) return { ok: false, reason: 'single_voter_only', proposalId };
      if (await this.partyConsultationMissing(m, decision)) return { ok: false, reason: 'party_consultation_required', proposalId };
      await openBallots(m, onDecision(decision.id), [{ voterId: actor.officerId, isHead: true, choice: 'for' }]);
      await transitionProposal(m, {
        proposalId,
        to: 'voting',
        action: 'vote.open',
        actorId: actor.officerId,
        channel: actor.channel,
        data: { decisionId: decision.id, voters: [actor.officerId] },
      });
      proposal.status = 'voting';
      const tally: VoteTally = { voters: 1, inFavour: 1, against: 0, headInFavour: true, passed: true, source: 'vote' };
      const status = await this.applyTally(m, notify, proposal, decision, tally, actor, 'approve');
      return { ok: true, action: 'approved', proposalId, decisionId: decision.id, status };
    });
  }

  /** Not passed: the head decides in writing to proceed anyway, answering for it (Art. 8.1). */
  async proceedAnyway(actor: Actor, proposalId: string, reasons: string): Promise<ActionResult> {
    const text = reasons.trim();
    if (!text) return { ok: false, reason: 'comment_required', proposalId };
    return this.deciderAction(actor, proposalId, 'override', ['vote_closed'], ['decision'], async (m, notify, proposal, decision) => {
      await this.finish(m, decision, 'approved_by_override', text);
      await transitionProposal(m, {
        proposalId,
        to: 'approved_by_override',
        action: 'decide.override',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
        holderId: decision.deciderId,
        dueDate: null,
        data: { decisionId: decision.id, responsibility: 'art_8_1' },
      });
      notify({
        officerId: proposal.proposerId,
        proposalId,
        kind: DECISION_NOTICES.proposerOutcome,
        data: { decisionId: decision.id, outcome: 'approved_by_override' },
      });
      notify(assignNotice(decision.deciderId, proposalId));
      return { ok: true, action: 'overridden', proposalId, decisionId: decision.id, status: 'approved_by_override' };
    });
  }

  /** Not passed: the head decides not to carry it out. */
  async notProceed(actor: Actor, proposalId: string, comment?: string): Promise<ActionResult> {
    return this.deciderAction(actor, proposalId, 'reject', ['vote_closed'], ['decision'], async (m, notify, proposal, decision) => {
      const text = comment?.trim() || null;
      await this.finish(m, decision, 'rejected', text);
      await transitionProposal(m, {
        proposalId,
        to: 'rejected',
        action: 'decide.reject',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: text,
        holderId: null,
        dueDate: null,
        data: { decisionId: decision.id },
      });
      notify({
        officerId: proposal.proposerId,
        proposalId,
        kind: DECISION_NOTICES.proposerOutcome,
        data: { decisionId: decision.id, outcome: 'rejected' },
      });
      return { ok: true, action: 'rejected', proposalId, decisionId: decision.id, status: 'rejected' };
    });
  }

  // ---- reading -------------------------------------------------------------------------------------------

  /** A proposal by code (ĐX-2026-0001, DX-2026-0001, any case) or id. */
  async findProposalId(codeOrId: string): Promise<string | null> {
    const raw = codeOrId.trim();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) return raw;
    const code = normaliseProposalCode(raw);
    if (!code) return null;
    const p = await this.dataSource.getRepository(Proposal).findOne({ where: { code }, select: { id: true } });
    return p?.id ?? null;
  }

  async view(proposalId: string, decisionId?: string): Promise<DecisionView | null> {
    const m = this.dataSource.manager;
    const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
    if (!proposal) return null;
    const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId } });
    const proposerUnit = await m.findOne(Unit, { where: { id: proposal.unitId } });
    const decision = decisionId
      ? await m.findOne(Decision, { where: { id: decisionId, proposalId } })
      : await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
    const decider = decision ? await m.findOne(Officer, { where: { id: decision.deciderId } }) : null;
    const unit = decision ? await m.findOne(Unit, { where: { id: decision.unitId } }) : null;
    const ballots = decision ? await withVoters(m, await ballotsOf(m, onDecision(decision.id))) : [];
    const votes = ballots.map((b) => ({ voter: b.voter!, isHead: b.isHead, choice: b.choice, comment: b.comment }));
    const tally = ballots.length ? tallyVotes(ballots, this.config.decision.voteMajority.base) : null;
    let changes: PlanChange[] = [];
    let previousReturnComment: string | null = null;
    if (decision && decision.revision > 1) {
      const prevReturn = await m.findOne(Decision, {
        where: { proposalId, outcome: 'returned', revision: decision.revision - 1 },
        order: { createdAt: 'DESC' },
      });
      if (prevReturn) {
        previousReturnComment = prevReturn.comment;
        const revs = await m.find(ProposalRevision, {
          where: { proposalId, kind: 'submission', revision: In([decision.revision - 1, decision.revision]) },
        });
        const before = revs.find((r) => r.revision === decision.revision - 1);
        const after = revs.find((r) => r.revision === decision.revision);
        if (before && after) changes = diffPlans(before.plan, after.plan);
      }
    }
    return { proposal, proposer, proposerUnit, decision, decider, unit, votes, tally, changes, previousReturnComment };
  }

  /** "Việc chờ tôi": decisions I hold and votes I have not cast, oldest due date first. */
  async tasksFor(officerId: string): Promise<TaskItem[]> {
    const m = this.dataSource.manager;
    const decisions = await m.find(Decision, { where: { deciderId: officerId, state: In(['open', 'vote_open', 'vote_closed']) } });
    const ballots = await m
      .getRepository(CollectiveVote)
      .createQueryBuilder('v')
      .innerJoin(Decision, 'd', `v.subject_kind = 'decision' AND d.id = v.subject_id`)
      .where(`v.voter_id = :officerId AND v.choice IS NULL AND d.state = 'vote_open' AND v.is_head = false`, { officerId })
      .getMany();
    const voteDecisions = ballots.length ? await m.find(Decision, { where: { id: In(ballots.map((b) => b.subjectId)) } }) : [];
    const all = [
      ...decisions.map((d) => ({ d, role: (d.stage === 'intake' ? 'intake' : 'decider') as TaskItem['role'] })),
      ...voteDecisions.map((d) => ({ d, role: 'voter' as const })),
    ];
    if (!all.length) return [];
    const proposals = await m.find(Proposal, { where: { id: In(all.map((a) => a.d.proposalId)) } });
    const byId = new Map(proposals.map((p) => [p.id, p]));
    return all
      .filter((a) => byId.has(a.d.proposalId) && ACTIVE_STATUSES.includes(byId.get(a.d.proposalId)!.status))
      .map((a) => ({ proposal: byId.get(a.d.proposalId)!, role: a.role, dueDate: a.d.dueDate, decisionId: a.d.id }))
      .sort(
        (x, y) =>
          (x.dueDate ?? '9999').localeCompare(y.dueDate ?? '9999') || x.proposal.createdAt.getTime() - y.proposal.createdAt.getTime(),
      );
  }

  /** Plans that could not be routed (the Home Affairs queue), oldest first. */
  async routingQueue(): Promise<Proposal[]> {
    return this.dataSource.getRepository(Proposal).find({ where: { status: 'routing_failed' }, order: { updatedAt: 'ASC' } });
  }

  /** Whether this officer is the decider or a voter of the proposal's current decision. */
  async roleOf(officerId: string, proposalId: string): Promise<'decider' | 'voter' | null> {
    const m = this.dataSource.manager;
    const d = await m.findOne(Decision, { where: { proposalId }, order: { createdAt: 'DESC' } });
    if (!d) return null;
    if (d.deciderId === officerId) return 'decider';
    const v = await ballotOf(m, onDecision(d.id), officerId);
    return v ? 'voter' : null;
  }
}

/** The assignment card for the deciding head, once per proposal (the sweep uses the same key as a safety net). */
function assignNotice(deciderId: string, proposalId: string): NotificationRequest {
  return { officerId: deciderId, proposalId, kind: AFTER_DECISION_NOTICES.assignCard, data: {}, dedupeKey: `impl.assign:${proposalId}` };
}

/** "DX-2026-0001", "đx-2026-1" → "ĐX-2026-0001"; null when it is not a proposal code. */
export function normaliseProposalCode(text: string): string | null {
  const m = text.trim().match(/^(?:đx|dx|ĐX|DX|Đx|Dx|dX|đX)[-\s]?(\d{4})[-\s]?(\d{1,6})$/i);
  if (!m) return null;
  return `ĐX-${m[1]}-${m[2]!.padStart(4, '0')}`;
}
