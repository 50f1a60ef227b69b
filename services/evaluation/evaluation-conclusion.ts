// What a concluded round means. Not passed: the head proposes again. Passed: completed → the head records
// the recognition chosen (Art. 10), protection 11.1; the other outcomes carry the protection of Art. 11.2
// or 11.3, or none (Art. 4.2, 6), and the proposal closes. The proposer and implementers are told.
import type { EntityManager } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import type { VoteTally } from '../../entities/decision.entity.js';
import { Evaluation, type RecognitionRecord } from '../../entities/evaluation.entity.js';
import type { Implementation } from '../../entities/implementation.entity.js';
import { ImplementationMember } from '../../entities/implementation-member.entity.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import type { EvaluationOutcome } from '../documents/evaluation-conclusion-document.js';
import type { Notify } from '../notifications/notifier.js';
import { recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { AFTER_DECISION_NOTICES as N, refusal, type Actor, type AfterDecisionResult } from '../implementation/after-decision-common.js';
import { act } from './evaluation-action.js';

/** The provision of Art. 11 each outcome carries (verified). 11.4 (causes named) applies to every one. */
export const OUTCOME_PROVISION: Record<EvaluationOutcome, '11.1' | '11.2' | '11.3' | 'none'> = {
  completed: '11.1',
  not_completed_pure_motive: '11.2',
  not_completed_with_damage: '11.3',
  // Art. 4.2 and Art. 6 (verified): no protection.
  not_by_policy: 'none',
};

export async function conclude(
  ctx: WorkflowStepContext,
  m: EntityManager,
  notify: Notify,
  p: Proposal,
  impl: Implementation,
  round: Evaluation,
  tally: VoteTally,
  actor: Actor,
  action: string,
): Promise<AfterDecisionResult> {
  const today = ctx.today();
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
  await tellOutcome(m, notify, p, round.id, completed ? 'evaluated' : 'closed');
  return {
    ok: true,
    action: 'evaluation_passed',
    proposalId: p.id,
    status: completed ? 'evaluated' : 'closed',
    data: { outcome, provision, tally },
  };
}

async function tellOutcome(
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
export async function recordRecognition(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  choices: string[],
  note?: string,
): Promise<AfterDecisionResult> {
  return act(ctx, actor, proposalId, 'eval.recognition', async (m, notify, p, impl) => {
    if (impl.headId !== actor.officerId) return refusal('not_allowed', proposalId);
    const passed = await m.findOne(Evaluation, { where: { proposalId, state: 'passed' } });
    if (p.status === 'closed' && passed?.recognitions) return refusal('already_done', proposalId);
    if (p.status !== 'evaluated' || !passed || passed.outcome !== 'completed') return refusal('wrong_state', proposalId);
    const options = ctx.config.recognitionOptions;
    const picked: RecognitionRecord[] = [];
    for (const raw of choices.map((c) => c.trim()).filter(Boolean)) {
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      const option = Number.isInteger(n) ? options[n - 1] : options.find((o) => o.code === raw);
      if (!option) return refusal('invalid_recognition', proposalId, raw);
      if (!picked.some((x) => x.code === option.code))
        picked.push({ code: option.code, label: option.label, basis: option.basis, confidence: option.confidence });
    }
    if (!picked.length) return refusal('invalid_recognition', proposalId);
    const today = ctx.today();
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
    await tellOutcome(m, notify, p, passed.id, 'recognized');
    return { ok: true, action: 'recognition_recorded', proposalId, status: 'closed', data: { recognitions: picked.map((x) => x.label) } };
  });
}
