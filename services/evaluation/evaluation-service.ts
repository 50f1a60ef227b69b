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
import { type DataSource, type EntityManager } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import type { VoteTally } from '../../entities/decision.entity.js';
import { Evaluation, type RecognitionRecord } from '../../entities/evaluation.entity.js';
import type { CollectiveVote } from '../../entities/collective-vote.entity.js';
import { Implementation } from '../../entities/implementation.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import { WorkingCalendar } from '../calendar/working-days.js';
import { todayVN } from '../calendar/local-date.js';
import { tallyCounts, tallyVotes, type TallyResult } from '../votes/vote-tally.js';
import { ballotOf, ballotsOf, castBallot, onEvaluation, openBallots, tallyOf, voterCount, withVoters } from '../votes/collective-vote.js';
import { EVALUATION_OUTCOMES, type EvaluationOutcome } from '../documents/evaluation-conclusion-document.js';
import { runWithNotices, type Notifier, type Notify } from '../notifications/notifier.js';
import { lockProposal, recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import {
  AFTER_DECISION_NOTICES as N,
  auditRefusal,
  type Actor,
  type AfterDecisionRefusal,
  type AfterDecisionResult,
} from '../implementation/after-decision-common.js';

/** The provision of Art. 11 each outcome carries (verified). 11.4 (causes named) applies to every one. */
export const OUTCOME_PROVISION: Record<EvaluationOutcome, '11.1' | '11.2' | '11.3' | 'none'> = {
  completed: '11.1',
  not_completed_pure_motive: '11.2',
  not_completed_with_damage: '11.3',
  // Art. 4.2 and Art. 6 (verified): no protection.
  not_by_policy: 'none',
};

/** Statuses from which the head may propose an outcome (a stopped or paused proposal too: Art. 11.4). */
export const EVALUABLE_STATUSES = ['completion_reported', 'evaluating', 'stopped', 'paused'] as const;

export interface EvaluationDraft {
  outcome: string;
  results: string;
  objectiveCauses?: string;
  subjectiveCauses?: string;
  damage?: string;
}

export interface MeetingInput {
  inFavour: number;
  against: number;
  headInFavour: boolean;
  participants: string;
  minutes?: string;
}

export interface EvaluationServiceOptions {
  config: WorkflowConfig;
  calendar?: WorkingCalendar;
  today?: () => string;
}

export function isEvaluationOutcome(x: string): x is EvaluationOutcome {
  return (EVALUATION_OUTCOMES as readonly string[]).includes(x);
}

export class EvaluationService {
  private readonly config: WorkflowConfig;
  private readonly calendar: WorkingCalendar;
  private readonly today: () => string;

  constructor(
    private readonly ds: DataSource,
    private readonly notifier: Notifier,
    options: EvaluationServiceOptions,
  ) {
    this.config = options.config;
    this.calendar = options.calendar ?? new WorkingCalendar(options.config.calendar);
    this.today = options.today ?? (() => todayVN());
  }

  private async act(
    actor: Actor,
    proposalId: string,
    action: string,
    work: (m: EntityManager, notify: Notify, p: Proposal, impl: Implementation) => Promise<AfterDecisionResult>,
  ): Promise<AfterDecisionResult> {
    const result = await runWithNotices(this.ds, this.notifier, async (m, notify) => {
      const p = await lockProposal(m, proposalId);
      if (!p) return { ok: false as const, reason: 'not_found' as const };
      const impl = await m.findOne(Implementation, { where: { proposalId } });
      if (!impl) return { ok: false as const, reason: 'wrong_state' as const, proposalId };
      return work(m, notify, p, impl);
    });
    if (!result.ok) await auditRefusal(this.ds, actor, proposalId, action, result.reason);
    return result;
  }

  private refuse(reason: AfterDecisionRefusal, proposalId: string, detail?: string): AfterDecisionResult {
    return { ok: false, reason, proposalId, ...(detail ? { detail } : {}) };
  }

  /**
   * Art. 4.3 (verified): before evaluating the results the agency consults the same-level Party committee.
   * When the step is on (the default), the evaluation cannot open until the head has recorded it.
   */
  private async partyConsultationMissing(m: EntityManager, proposalId: string): Promise<boolean> {
    const step = this.config.decision.partyCommitteeConsultation;
    if (!step.required || !step.beforeEvaluation) return false;
    const rows = (await m.query(`SELECT 1 FROM audit_event WHERE proposal_id = $1 AND action = 'eval.party.consulted' LIMIT 1`, [
      proposalId,
    ])) as unknown[];
    return rows.length === 0;
  }

  /** Whether the evaluation still waits for the Party committee's opinion (for the card). */
  async partyConsultationPending(proposalId: string): Promise<boolean> {
    return this.partyConsultationMissing(this.ds.manager, proposalId);
  }

  /** The head records the Party committee's opinion on the results before the evaluation opens. */
  async recordPartyConsultation(actor: Actor, proposalId: string, opinion: string): Promise<AfterDecisionResult> {
    const text = opinion.trim();
    return this.act(actor, proposalId, 'eval.party.consulted', async (m, _notify, p, impl) => {
      if (impl.headId !== actor.officerId) return this.refuse('not_allowed', proposalId);
      if (!(EVALUABLE_STATUSES as readonly string[]).includes(p.status)) return this.refuse('wrong_state', proposalId);
      if (!text) return this.refuse('text_required', proposalId);
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'eval.party.consulted',
        comment: text.slice(0, 10_000),
        status: p.status,
      });
      return { ok: true, action: 'evaluation_party_consulted', proposalId, status: p.status };
    });
  }

  /** Whether the evaluation began from a stopped or paused proposal (so "completed" is not an outcome). */
  private async wasInterrupted(m: EntityManager, proposalId: string): Promise<boolean> {
    const rows = (await m.query(
      `SELECT 1 FROM audit_event WHERE proposal_id = $1 AND to_status = 'evaluating' AND from_status IN ('stopped','paused') LIMIT 1`,
      [proposalId],
    )) as unknown[];
    return rows.length > 0;
  }

  private async openRound(m: EntityManager, proposalId: string): Promise<Evaluation | null> {
    return m.findOne(Evaluation, { where: { proposalId, state: 'vote_open' } });
  }

  /** The head proposes an outcome: a new round opens and every voter gets a card. */
  async open(actor: Actor, proposalId: string, draft: EvaluationDraft): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'eval.open', async (m, notify, p, impl) => {
      if (impl.headId !== actor.officerId) return this.refuse('not_allowed', proposalId);
      if (p.status === 'evaluated' || p.status === 'closed') return this.refuse('already_done', proposalId);
      if (!(EVALUABLE_STATUSES as readonly string[]).includes(p.status)) return this.refuse('wrong_state', proposalId);
      if (await this.openRound(m, proposalId)) return this.refuse('already_done', proposalId);
      if (await this.partyConsultationMissing(m, proposalId)) return this.refuse('party_consultation_required', proposalId);
      const interrupted = p.status === 'stopped' || p.status === 'paused' || (await this.wasInterrupted(m, proposalId));
      const checked = checkDraft(draft, interrupted);
      if (!checked.ok) return this.refuse(checked.reason, proposalId);
      const d = checked.draft;
      const today = this.today();
      if (p.status !== 'evaluating') {
        const from = p.status;
        await transitionProposal(m, {
          proposalId,
          to: 'evaluating',
          action: 'eval.open',
          actorId: actor.officerId,
          channel: actor.channel,
          holderId: impl.headId,
          data: { from },
        });
        // A paused proposal evaluated as it stands: its pending check-ins will not come.
        if (from === 'paused')
          await m.query(`UPDATE implementation_check_in SET state = 'cancelled' WHERE proposal_id = $1 AND state = 'pending'`, [
            proposalId,
          ]);
      }
      const [{ n }] = (await m.query(`SELECT COALESCE(max(round), 0)::int AS n FROM evaluation WHERE proposal_id = $1`, [proposalId])) as {
        n: number;
      }[];
      const due =
        p.dueDate ?? this.calendar.addWorkingDays(impl.completionReportedOn ?? today, this.config.evaluation.evaluationWorkingDays);
      const evaluation = m.create(Evaluation, {
        proposalId,
        round: n + 1,
        unitId: impl.unitId,
        chairId: impl.headId,
        state: 'vote_open',
        outcome: d.outcome,
        results: d.results,
        objectiveCauses: d.objectiveCauses,
        subjectiveCauses: d.subjectiveCauses,
        damage: d.damage,
        tally: null,
        provision: null,
        recognitions: null,
        recognitionNote: null,
        recognizedOn: null,
        openedOn: today,
        dueDate: due,
        concludedOn: null,
      });
      await m.save(evaluation);
      const voters = await new RoutingService(m, this.config, this.today).voters(impl.unitId, impl.headId, p.proposerId);
      await openBallots(
        m,
        onEvaluation(evaluation.id),
        voters.map((v) => ({ voterId: v.officer.id, isHead: v.isHead })),
      );
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'eval.propose',
        data: { evaluationId: evaluation.id, round: evaluation.round, outcome: d.outcome, voters: voters.map((v) => v.officer.id) },
        status: 'evaluating',
      });
      p.status = 'evaluating';
      for (const v of voters)
        if (!v.isHead) notify({ officerId: v.officer.id, proposalId, kind: N.evaluationVote, data: { evaluationId: evaluation.id } });
      return {
        ok: true,
        action: 'evaluation_opened',
        proposalId,
        status: 'evaluating',
        data: { evaluationId: evaluation.id, voters: voters.length },
      };
    });
  }

  /** A voter of the open round votes; the round closes when everyone has voted. */
  async castVote(actor: Actor, proposalId: string, choice: 'for' | 'against', comment?: string): Promise<AfterDecisionResult> {
    const text = comment?.trim() || null;
    return this.act(actor, proposalId, 'eval.vote', async (m, notify, p, impl) => {
      const round = await this.openRound(m, proposalId);
      if (!round) {
        const last = await m.findOne(Evaluation, { where: { proposalId }, order: { round: 'DESC' } });
        const wasVoter = last ? await ballotOf(m, onEvaluation(last.id), actor.officerId) : null;
        return this.refuse(wasVoter ? 'already_done' : last ? 'not_voter' : 'wrong_state', proposalId);
      }
      const ballot = await ballotOf(m, onEvaluation(round.id), actor.officerId);
      if (!ballot) return this.refuse('not_voter', proposalId);
      if (choice === 'against' && !text) return this.refuse('text_required', proposalId);
      await castBallot(m, ballot, choice, text);
      await recordAudit(m, {
        proposalId,
        actorId: actor.officerId,
        channel: actor.channel,
        action: 'eval.vote',
        comment: text,
        data: { evaluationId: round.id, choice },
        status: p.status,
      });
      const tally = await tallyOf(m, onEvaluation(round.id), this.config.decision.voteMajority.base);
      if (tally.allVoted) return this.conclude(m, notify, p, impl, round, toRecord(tally, 'vote'), actor, 'eval.closed_all_voted');
      return { ok: true, action: 'evaluation_vote_cast', proposalId, status: p.status, data: { tally } };
    });
  }

  /** The head closes the vote: when everyone has voted or the due date has come. */
  async closeVote(actor: Actor, proposalId: string): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'eval.close', async (m, notify, p, impl) => {
      if (impl.headId !== actor.officerId) return this.refuse('not_allowed', proposalId);
      const round = await this.openRound(m, proposalId);
      if (!round) return this.refuse(p.status === 'evaluated' || p.status === 'closed' ? 'already_done' : 'wrong_state', proposalId);
      const tally = await tallyOf(m, onEvaluation(round.id), this.config.decision.voteMajority.base);
      if (!tally.allVoted && this.today() < round.dueDate) return this.refuse('vote_not_finished', proposalId);
      return this.conclude(m, notify, p, impl, round, toRecord(tally, 'vote'), actor, 'eval.close');
    });
  }

  /** The head records the tally of an in-person meeting on the proposed outcome. */
  async recordMeeting(actor: Actor, proposalId: string, meeting: MeetingInput): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'eval.meeting', async (m, notify, p, impl) => {
      if (impl.headId !== actor.officerId) return this.refuse('not_allowed', proposalId);
      const round = await this.openRound(m, proposalId);
      if (!round) return this.refuse(p.status === 'evaluated' || p.status === 'closed' ? 'already_done' : 'wrong_state', proposalId);
      const voters = await voterCount(m, onEvaluation(round.id));
      const { inFavour, against } = meeting;
      if (
        !Number.isInteger(inFavour) ||
        !Number.isInteger(against) ||
        inFavour < 0 ||
        against < 0 ||
        inFavour + against > voters ||
        !meeting.participants.trim()
      ) {
        return this.refuse('invalid_counts', proposalId);
      }
      const t = tallyCounts({ voters, inFavour, against, headInFavour: meeting.headInFavour }, this.config.decision.voteMajority.base);
      const record: VoteTally = {
        ...toRecord(t, 'meeting'),
        participants: meeting.participants.trim(),
        ...(meeting.minutes?.trim() ? { minutes: meeting.minutes.trim() } : {}),
      };
      return this.conclude(m, notify, p, impl, round, record, actor, 'eval.meeting');
    });
  }

  private async conclude(
    m: EntityManager,
    notify: Notify,
    p: Proposal,
    impl: Implementation,
    round: Evaluation,
    tally: VoteTally,
    actor: Actor,
    action: string,
  ): Promise<AfterDecisionResult> {
    const today = this.today();
    if (!tally.passed) {
      await m.update(Evaluation, { id: round.id }, { state: 'not_passed', tally, concludedOn: today, version: round.version + 1 });
      await recordAudit(m, {
        proposalId: p.id,
        actorId: actor.officerId,
        channel: actor.channel,
        action: `${action}.not_passed`,
        data: { evaluationId: round.id, tally: { ...tally } },
        status: p.status,
      });
      notify({ officerId: impl.headId, proposalId: p.id, kind: N.evaluationNotPassed, data: { evaluationId: round.id } });
      return { ok: true, action: 'evaluation_not_passed', proposalId: p.id, status: p.status, data: { tally } };
    }
    const outcome = round.outcome;
    const provision = OUTCOME_PROVISION[outcome];
    // Art. 2 (verified): the decree's protection covers leaders and managers; recorded as it stood today.
    const proposer = await m.findOne(Officer, { where: { id: p.proposerId } });
    const proposerCovered = proposer?.isManager ?? false;
    await m.update(
      Evaluation,
      { id: round.id },
      { state: 'passed', tally, provision, proposerCovered, concludedOn: today, version: round.version + 1 },
    );
    const completed = outcome === 'completed';
    await transitionProposal(m, {
      proposalId: p.id,
      to: 'evaluated',
      action,
      actorId: actor.officerId,
      channel: actor.channel,
      holderId: completed ? impl.headId : null,
      dueDate: null,
      data: { evaluationId: round.id, outcome, provision, proposerCovered, tally: { ...tally } },
    });
    if (completed) {
      notify({ officerId: impl.headId, proposalId: p.id, kind: N.recognitionCard, data: { evaluationId: round.id } });
    } else {
      // Art. 11.2 / 11.3: the protection is the branch itself (none for Art. 4.2 / 6); nothing to choose.
      await transitionProposal(m, {
        proposalId: p.id,
        to: 'closed',
        action: 'eval.protection',
        actorId: actor.officerId,
        channel: actor.channel,
        holderId: null,
        data: { evaluationId: round.id, provision },
      });
    }
    await this.tellOutcome(m, notify, p, round.id, completed ? 'evaluated' : 'closed');
    return {
      ok: true,
      action: 'evaluation_passed',
      proposalId: p.id,
      status: completed ? 'evaluated' : 'closed',
      data: { outcome, provision, tally },
    };
  }

  private async tellOutcome(
    m: EntityManager,
    notify: Notify,
    p: Proposal,
    evaluationId: string,
    stage: 'evaluated' | 'closed' | 'recognized',
  ): Promise<void> {
    notify({ officerId: p.proposerId, proposalId: p.id, kind: N.proposerOutcome, data: { evaluationId, stage } });
    const members = await m.find(ImplementationMember, { where: { proposalId: p.id } });
    for (const x of members) {
      if (x.officerId !== p.proposerId)
        notify({ officerId: x.officerId, proposalId: p.id, kind: N.implementerOutcome, data: { evaluationId, stage } });
    }
  }

  /** Completed: the head records the recognition chosen from the configured list; the proposal closes. */
  async recordRecognition(actor: Actor, proposalId: string, choices: string[], note?: string): Promise<AfterDecisionResult> {
    return this.act(actor, proposalId, 'eval.recognition', async (m, notify, p, impl) => {
      if (impl.headId !== actor.officerId) return this.refuse('not_allowed', proposalId);
      const passed = await m.findOne(Evaluation, { where: { proposalId, state: 'passed' } });
      if (p.status === 'closed' && passed?.recognitions) return this.refuse('already_done', proposalId);
      if (p.status !== 'evaluated' || !passed || passed.outcome !== 'completed') return this.refuse('wrong_state', proposalId);
      const options = this.config.recognitionOptions;
      const picked: RecognitionRecord[] = [];
      for (const raw of choices.map((c) => c.trim()).filter(Boolean)) {
        const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
        const option = Number.isInteger(n) ? options[n - 1] : options.find((o) => o.code === raw);
        if (!option) return this.refuse('invalid_recognition', proposalId, raw);
        if (!picked.some((x) => x.code === option.code))
          picked.push({ code: option.code, label: option.label, basis: option.basis, confidence: option.confidence });
      }
      if (!picked.length) return this.refuse('invalid_recognition', proposalId);
      const today = this.today();
      await m.update(
        Evaluation,
        { id: passed.id },
        { recognitions: picked, recognitionNote: note?.trim() || null, recognizedOn: today, version: passed.version + 1 },
      );
      await transitionProposal(m, {
        proposalId,
        to: 'closed',
        action: 'eval.recognition',
        actorId: actor.officerId,
        channel: actor.channel,
        comment: note?.trim() || null,
        holderId: null,
        data: { evaluationId: passed.id, recognitions: picked.map((x) => x.code) },
      });
      await this.tellOutcome(m, notify, p, passed.id, 'recognized');
      return { ok: true, action: 'recognition_recorded', proposalId, status: 'closed', data: { recognitions: picked.map((x) => x.label) } };
    });
  }

  // ---- reading ----------------------------------------------------------------------------------------

  /** The ballots of an evaluation with their voters, in the order they were opened. */
  async ballotsWithVoters(evaluationId: string): Promise<(CollectiveVote & { voter: Officer | null })[]> {
    const m = this.ds.manager;
    return withVoters(m, await ballotsOf(m, onEvaluation(evaluationId)));
  }

  async current(proposalId: string): Promise<{ evaluation: Evaluation | null; ballots: CollectiveVote[]; tally: TallyResult | null }> {
    const m = this.ds.manager;
    const evaluation = await m.findOne(Evaluation, { where: { proposalId }, order: { round: 'DESC' } });
    const ballots = evaluation ? await ballotsOf(m, onEvaluation(evaluation.id)) : [];
    return { evaluation, ballots, tally: ballots.length ? tallyVotes(ballots, this.config.decision.voteMajority.base) : null };
  }
}

function toRecord(t: TallyResult, source: 'vote' | 'meeting'): VoteTally {
  return { voters: t.voters, inFavour: t.inFavour, against: t.against, headInFavour: t.headInFavour, passed: t.passed, source };
}

type CheckedDraft =
  | {
      ok: true;
      draft: { outcome: EvaluationOutcome; results: string; objectiveCauses: string; subjectiveCauses: string; damage: string | null };
    }
  | { ok: false; reason: AfterDecisionRefusal };

/**
 * The outcome must be one of the four; the results are required; for an outcome other than completed,
 * Art. 11.4 asks the agency to name the objective and subjective causes (for "not by the policy" they
 * are the reasons no protection applies), and 11.3 the damage. A stopped or paused proposal
 * (`interrupted`) cannot be found completed.
 */
export function checkDraft(d: EvaluationDraft, interrupted = false): CheckedDraft {
  const outcome = d.outcome?.trim();
  if (!outcome || !isEvaluationOutcome(outcome)) return { ok: false, reason: 'invalid_outcome' };
  if (interrupted && outcome === 'completed') return { ok: false, reason: 'not_completed_when_stopped' };
  const results = d.results?.trim() ?? '';
  if (!results) return { ok: false, reason: 'text_required' };
  const objectiveCauses = d.objectiveCauses?.trim() ?? '';
  const subjectiveCauses = d.subjectiveCauses?.trim() ?? '';
  const damage = d.damage?.trim() || null;
  if (outcome !== 'completed' && (!objectiveCauses || !subjectiveCauses)) return { ok: false, reason: 'causes_required' };
  if (outcome === 'not_completed_with_damage' && !damage) return { ok: false, reason: 'causes_required' };
  return {
    ok: true,
    draft: {
      outcome,
      results: results.slice(0, 20_000),
      objectiveCauses: objectiveCauses.slice(0, 10_000),
      subjectiveCauses: subjectiveCauses.slice(0, 10_000),
      damage: damage?.slice(0, 10_000) ?? null,
    },
  };
}
