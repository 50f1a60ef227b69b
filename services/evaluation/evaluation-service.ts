// The evaluation of a proposal's results (Decree 73/2023/NĐ-CP; evaluation article secondary, Art. 10
// secondary, Art. 11 verified): within 07 working days of the completion report the deciding head chairs
// the collective leadership (the head and the deputies, minus a deputy who is the proposer) to evaluate
// the results. The head proposes an outcome with the results and the objective and subjective causes
// (Art. 11.4); the collective votes on it through the bot, or the head records the tally of a meeting.
// The rule is Art. 8.1's (services/votes/vote-tally.ts): more than 50% in favour, a tie follows the
// head. Passed: completed → the head records the recognition chosen (Art. 10), protection 11.1; the other
// outcomes carry the protection of Art. 11.2 or 11.3, or none when the proposal was not carried out by the
// policy or with a prohibited act (Art. 4.2, 6), and the proposal closes. Not passed: the head proposes
// again (a new round). A stopped or paused proposal is evaluated too (Art. 11.4: the causes named), never
// as completed. Whether the proposer is covered (Art. 2: leaders and managers) is recorded at conclusion.
//
// The parts: evaluation-round.ts (propose, vote, close, a meeting's tally), evaluation-conclusion.ts (what
// a concluded round means, the recognition), evaluation-party-consultation.ts (Art. 4.3), evaluation-draft.ts
// (what the head's proposal must say), evaluation-action.ts (the transaction every action runs in).
import type { DataSource } from 'typeorm';
import type { Officer } from '../../entities/officer.entity.js';
import { Evaluation } from '../../entities/evaluation.entity.js';
import type { CollectiveVote } from '../../entities/collective-vote.entity.js';
import type { Notifier } from '../notifications/notifier.js';
import { tallyVotes, type TallyResult } from '../votes/vote-tally.js';
import { ballotsOf, onEvaluation, withVoters, type MeetingInput } from '../votes/collective-vote.js';
import { workflowStepContext, type WorkflowStepContext, type WorkflowStepOptions } from '../workflow/workflow-step-context.js';
import type { Actor } from '../implementation/after-decision-common.js';
import type { EvaluationDraft } from './evaluation-draft.js';
import * as conclusion from './evaluation-conclusion.js';
import * as party from './evaluation-party-consultation.js';
import * as round from './evaluation-round.js';

export class EvaluationService {
  private readonly ctx: WorkflowStepContext;

  constructor(dataSource: DataSource, notifier: Notifier, options: WorkflowStepOptions) {
    this.ctx = workflowStepContext(dataSource, notifier, options);
  }

  partyConsultationPending(proposalId: string) {
    return party.partyConsultationPending(this.ctx, proposalId);
  }

  recordPartyConsultation(actor: Actor, proposalId: string, opinion: string) {
    return party.recordPartyConsultation(this.ctx, actor, proposalId, opinion);
  }

  open(actor: Actor, proposalId: string, draft: EvaluationDraft) {
    return round.open(this.ctx, actor, proposalId, draft);
  }

  castVote(actor: Actor, proposalId: string, choice: 'for' | 'against', comment?: string) {
    return round.castVote(this.ctx, actor, proposalId, choice, comment);
  }

  closeVote(actor: Actor, proposalId: string) {
    return round.closeVote(this.ctx, actor, proposalId);
  }

  recordMeeting(actor: Actor, proposalId: string, meeting: MeetingInput) {
    return round.recordMeeting(this.ctx, actor, proposalId, meeting);
  }

  recordRecognition(actor: Actor, proposalId: string, choices: string[], note?: string) {
    return conclusion.recordRecognition(this.ctx, actor, proposalId, choices, note);
  }

  // ---- reading ----------------------------------------------------------------------------------------

  /** The ballots of an evaluation with their voters, in the order they were opened. */
  async ballotsWithVoters(evaluationId: string): Promise<(CollectiveVote & { voter: Officer | null })[]> {
    const m = this.ctx.dataSource.manager;
    return withVoters(m, await ballotsOf(m, onEvaluation(evaluationId)));
  }

  async current(proposalId: string): Promise<{ evaluation: Evaluation | null; ballots: CollectiveVote[]; tally: TallyResult | null }> {
    const m = this.ctx.dataSource.manager;
    const evaluation = await m.findOne(Evaluation, { where: { proposalId }, order: { round: 'DESC' } });
    const ballots = evaluation ? await ballotsOf(m, onEvaluation(evaluation.id)) : [];
    return { evaluation, ballots, tally: ballots.length ? tallyVotes(ballots, this.ctx.config.decision.voteMajority.base) : null };
  }
}
