// The decision on a submitted plan, as the handlers and jobs call it. Channel-neutral: handlers turn
// results into replies. Each part lives in its own module, which this service gives its context:
//   - decision-routing.ts: routing to the right head (services/routing), the deadline, the Home Affairs
//     queue and intake;
//   - decision-party-consultation.ts: the Party committee consultation before deciding;
//   - decision-vote.ts: the collective vote of Art. 8.1 (or a meeting's result, or a lone voter's approval);
//   - return-and-override.ts: return for changes, and the head's written decision to proceed or not;
//   - decision-queries.ts: the card's view, "việc chờ tôi", the routing queue;
//   - decider-action.ts: the transaction, locks and checks every action runs in.
import type { DataSource } from 'typeorm';
import type { Notifier } from '../notifications/notifier.js';
import type { MeetingInput } from '../votes/collective-vote.js';
import { workflowStepContext, type WorkflowStepContext, type WorkflowStepOptions } from '../workflow/workflow-step-context.js';
import type { Actor } from './decider-action.js';
import * as party from './decision-party-consultation.js';
import * as queries from './decision-queries.js';
import * as routing from './decision-routing.js';
import * as vote from './decision-vote.js';
import * as written from './return-and-override.js';

export class DecisionService {
  private readonly ctx: WorkflowStepContext;

  constructor(dataSource: DataSource, notifier: Notifier, options: WorkflowStepOptions) {
    this.ctx = workflowStepContext(dataSource, notifier, options);
  }

  // ---- routing and intake --------------------------------------------------------------------------------

  routeSubmitted(proposalId: string, actorId: string | null, channel: string | null = null) {
    return routing.routeSubmitted(this.ctx, proposalId, actorId, channel);
  }

  reroute(proposalId: string, actor: Actor) {
    return routing.reroute(this.ctx, proposalId, actor);
  }

  forward(actor: Actor, proposalId: string, options: { comment?: string; proposeCouncil?: boolean } = {}) {
    return routing.forward(this.ctx, actor, proposalId, options);
  }

  // ---- Party committee consultation ----------------------------------------------------------------------

  partyConsultationPending(proposalId: string) {
    return party.partyConsultationPending(this.ctx, proposalId);
  }

  startPartyConsultation(actor: Actor, proposalId: string) {
    return party.startPartyConsultation(this.ctx, actor, proposalId);
  }

  recordPartyConsultation(actor: Actor, proposalId: string, opinion: string) {
    return party.recordPartyConsultation(this.ctx, actor, proposalId, opinion);
  }

  // ---- the collective vote -------------------------------------------------------------------------------

  openVote(actor: Actor, proposalId: string) {
    return vote.openVote(this.ctx, actor, proposalId);
  }

  castVote(actor: Actor, proposalId: string, choice: 'for' | 'against', comment?: string) {
    return vote.castVote(this.ctx, actor, proposalId, choice, comment);
  }

  closeVote(actor: Actor, proposalId: string) {
    return vote.closeVote(this.ctx, actor, proposalId);
  }

  recordMeeting(actor: Actor, proposalId: string, meeting: MeetingInput) {
    return vote.recordMeeting(this.ctx, actor, proposalId, meeting);
  }

  approve(actor: Actor, proposalId: string) {
    return vote.approve(this.ctx, actor, proposalId);
  }

  // ---- written decisions ---------------------------------------------------------------------------------

  returnForChanges(actor: Actor, proposalId: string, comment: string) {
    return written.returnForChanges(this.ctx, actor, proposalId, comment);
  }

  proceedAnyway(actor: Actor, proposalId: string, reasons: string) {
    return written.proceedAnyway(this.ctx, actor, proposalId, reasons);
  }

  notProceed(actor: Actor, proposalId: string, comment?: string) {
    return written.notProceed(this.ctx, actor, proposalId, comment);
  }

  // ---- reading -------------------------------------------------------------------------------------------

  view(proposalId: string, decisionId?: string) {
    return queries.view(this.ctx, proposalId, decisionId);
  }

  tasksFor(officerId: string) {
    return queries.tasksFor(this.ctx, officerId);
  }

  routingQueue() {
    return queries.routingQueue(this.ctx);
  }

  roleOf(officerId: string, proposalId: string) {
    return queries.roleOf(this.ctx, officerId, proposalId);
  }
}
