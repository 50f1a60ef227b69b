// The follow-up card of a proposal after its decision (implementation, evaluation, recognition) as one
// officer sees it, and the action helper every verb of implementation/ and evaluation/ answers through:
// run the service, then answer with the refreshed card carrying what happened (or the refusal alone).
import type { CollectiveVote } from '../../entities/collective-vote.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { AfterDecisionResult } from '../../services/implementation/after-decision-common.js';
import type { ImplementationView } from '../../services/implementation/implementation-service.js';
import { afterDecision as t, lookup } from '../../services/platform/messages/index.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { proposalActions, type ProposalAction } from '../core/proposal-action.js';
import { implementationCard, type FollowRole } from './implementation-card.js';

export interface FollowUpCards {
  resolve(data: Record<string, unknown>): Promise<string | null>;
  cardFor(view: ImplementationView, officer: Officer, notice?: string): Promise<NeutralCard>;
  /** A card verb: runs the action on the proposal the data names and answers with the card. */
  act(run: ProposalAction<AfterDecisionResult>): (turn: CoreTurn, data: Record<string, unknown>) => Promise<NeutralCard>;
}

/** Who is acting, for the audit log. */
export const actorOf = (turn: CoreTurn) => ({ officerId: turn.officer.id, channel: turn.channelId });
/** A text field of card data (a multi-select arrives as an array). */
export const str = (d: Record<string, unknown>, k: string): string =>
  typeof d[k] === 'string' ? (d[k] as string) : Array.isArray(d[k]) ? (d[k] as unknown[]).join(',') : '';
/** "a, b; c" → ["a", "b", "c"]. */
export const list = (text: string): string[] =>
  text
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function followUpCards(container: Container): FollowUpCards {
  const { implementation, evaluation, workflow, links } = container;

  // The same resolution as the access check before every verb (services/proposals/proposal-access.ts).
  const resolve = (data: Record<string, unknown>): Promise<string | null> => container.access.proposalIdOf(data);

  /** The card of a proposal for this officer. */
  const cardFor = async (view: ImplementationView, officer: Officer, notice?: string): Promise<NeutralCard> => {
    const current = view.evaluation;
    const ballots = current ? await evaluation.ballotsWithVoters(current.id) : [];
    const role = roleOf(view, officer.id, ballots);
    const status = view.proposal.status;
    const canAssign = role === 'head' && (status === 'approved' || status === 'approved_by_override');
    return implementationCard(view, {
      role,
      officerId: officer.id,
      ...(notice ? { notice } : {}),
      ...(canAssign ? { candidates: await implementation.candidates(view.proposal.id) } : {}),
      ballots,
      recognitionOptions: workflow.recognitionOptions,
      checkInIntervalWorkingDays: workflow.implementation.checkInIntervalWorkingDays,
      evaluationWorkingDays: workflow.evaluation.evaluationWorkingDays,
      partyConsultationReminder:
        workflow.decision.partyCommitteeConsultation.beforeEvaluation &&
        (workflow.decision.partyCommitteeConsultation.remindDecider || workflow.decision.partyCommitteeConsultation.required),
      ...(role === 'head' &&
      ['completion_reported', 'evaluating', 'stopped', 'paused'].includes(status) &&
      (await evaluation.partyConsultationPending(view.proposal.id))
        ? { partyConsultationPending: true }
        : {}),
      ...(current?.state === 'passed' ? { conclusionUrl: links.evaluation(view.proposal.id) } : {}),
    });
  };

  const noticeOf = (result: AfterDecisionResult, code: string): string => {
    if (!result.ok) {
      const base = t.refusal[result.reason];
      return result.detail && result.reason === 'unknown_officer' ? `${base} (${result.detail})` : base;
    }
    const d = result.data ?? {};
    switch (result.action) {
      case 'manager_named':
        return t.doneWith.manager_named(code, String(d.managerName ?? ''));
      case 'assigned':
        return t.doneWith.assigned(code, ((d.implementers as string[]) ?? []).join(', '));
      case 'obstacle_reported':
        return t.doneWith.obstacle_reported(code, !!d.homeAffairs);
      case 'completion_reported':
        return t.doneWith.completion_reported(code, t.due(String(d.due ?? '')));
      default:
        return lookup(t.done, result.action)?.(code) ?? '';
    }
  };

  const act = proposalActions<AfterDecisionResult, ImplementationView>({
    resolve,
    view: (proposalId) => implementation.view(proposalId),
    notFound: t.refusal.not_found,
    answer: async (turn, view, result) => {
      const notice = noticeOf(result, view.proposal.code ?? '');
      if (!result.ok && (result.reason === 'not_allowed' || result.reason === 'not_voter' || result.reason === 'not_found'))
        return { title: notice };
      return cardFor(view, turn.officer, notice);
    },
  });

  return { resolve, cardFor, act };
}

function roleOf(view: ImplementationView, officerId: string, ballots: readonly CollectiveVote[]): FollowRole {
  const status = view.proposal.status;
  const implementationStage = ['approved', 'approved_by_override', 'implementing', 'paused'].includes(status);
  if (view.head?.id === officerId) return 'head';
  if (implementationStage && view.manager?.id === officerId) return 'head';
  if (view.evaluation?.state === 'vote_open' && ballots.some((b) => b.voterId === officerId)) return 'voter';
  if (view.implementers.some((x) => x.officer.id === officerId)) return 'implementer';
  return 'viewer';
}
