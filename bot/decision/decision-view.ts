// The decision card as one officer sees it (decider, voter or viewer), and how a card's data names its
// proposal. Shared by the card verbs, the typed commands and the notifications of this folder.
import type { Officer } from '../../entities/officer.entity.js';
import type { DecisionView } from '../../services/decisions/decision-queries.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { Container } from '../container.js';
import { notReachedOnZalo } from '../../services/zalo/zalo-reach.js';
import { decisionCard, type CardRole } from './decision-card.js';
import { planLibrarySections, similarSections } from '../library/library-card.js';
import { library } from '../../services/platform/messages/index.js';

export interface DecisionCards {
  /** The proposal a card's data or a typed command names (its id, or its code). */
  resolve(data: Record<string, unknown>): Promise<string | null>;
  cardFor(view: DecisionView, officer: Officer, notice?: string): Promise<NeutralCard>;
}

export function decisionCards(container: Container): DecisionCards {
  const { decisions, routing, identity, workflow, links } = container;

  const isSingleVoter = async (view: DecisionView) => {
    if (!view.decision || view.decision.stage !== 'decision') return false;
    const voters = await routing.voters(view.decision.unitId, view.decision.deciderId, view.proposal.proposerId);
    return voters.length === 1;
  };

  return {
    // The same resolution as the access check before every verb (services/proposals/proposal-access.ts).
    resolve: (data) => container.access.proposalIdOf(data),
    async cardFor(view, officer, notice) {
      return decisionCard(view, {
        role: roleIn(view, officer.id),
        ...(notice ? { notice } : {}),
        refreshUserIds: await identity.teamsUserIds(actorsOf(view)),
        singleVoter: await isSingleVoter(view),
        partyPending: await decisions.partyConsultationPending(view.proposal.id),
        // The same similar proposals the proposer saw before sending.
        librarySections: [
          ...planLibrarySections(view.proposal.plan ?? {}),
          ...similarSections(await container.library.similarTo(view.proposal), library.deciderSimilarHeading),
        ],
        notReached: await notReachedOnZalo(
          container.dataSource,
          view.votes.filter((v) => v.choice === null).map((v) => v.voter.id),
        ),
        deadlineWorkingDays: workflow.decision.deadlineWorkingDays,
        headPlanDeadlineWorkingDays: workflow.decision.headOwnPlan.deadlineWorkingDays,
        ...(view.proposal.code ? { planUrl: links.plan(view.proposal.id, view.decision?.revision ?? view.proposal.currentRevision) } : {}),
      });
    },
  };
}

/**
 * The card answered to an Action.Execute, without `refresh`: teams-ai turns a returned card that has one
 * into "replace for everyone" (an update of the message), which would show one person's actions to all.
 * The message itself keeps its refresh, so each listed user still gets their own view.
 */
export function forInvoke(card: NeutralCard): NeutralCard {
  if (!card.adaptiveCard) return card;
  const { refresh: _refresh, ...rest } = card.adaptiveCard;
  void _refresh;
  return { ...card, adaptiveCard: rest };
}

function roleIn(view: DecisionView, officerId: string): CardRole {
  if (!view.decision) return 'viewer';
  if (view.decision.deciderId === officerId) return 'decider';
  if (view.votes.some((v) => v.voter.id === officerId)) return 'voter';
  return 'viewer';
}

function actorsOf(view: DecisionView): string[] {
  if (!view.decision) return [];
  return [view.decision.deciderId, ...view.votes.map((v) => v.voter.id)];
}
