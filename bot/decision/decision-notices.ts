// The decision's notifications, rendered at delivery time so a card shows the current state: the card
// for the decider and voters, where a plan went, the outcome for the proposer (a return carries "Sửa đề
// xuất"), reminders and escalations.
import type { NotificationOutbox } from '../../entities/notification-outbox.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import { DECISION_NOTICES } from '../../services/decisions/decision-notices.js';
import type { OutboxRenderer } from '../../services/notifications/notifier.js';
import { logger } from '../../services/platform/logger.js';
import { replies as r, decisions as t } from '../../services/platform/messages/index.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import type { BotReply } from '../../services/platform/reply.js';
import type { Container } from '../container.js';
import { toActivity } from '../core/core-turn.js';
import { PLAN_VERBS } from '../proposal/plan-review-card.js';
import type { DecisionCards } from './decision-view.js';

export const DECISION_NOTICE_KINDS: readonly string[] = Object.values(DECISION_NOTICES);

export function decisionNoticeRenderer(container: Container, cards: DecisionCards): OutboxRenderer {
  const { decisions, links } = container;

  async function reply(row: NotificationOutbox, officer: Officer): Promise<BotReply | string | null> {
    if (!row.proposalId) return null;
    const data = row.payload as Record<string, unknown>;
    const view = await decisions.view(row.proposalId, typeof data.decisionId === 'string' ? data.decisionId : undefined);
    if (!view) return null;
    const code = view.proposal.code ?? t.noCode;
    const card = () => cards.cardFor(view, officer);
    switch (row.kind) {
      case DECISION_NOTICES.deciderCard:
      case DECISION_NOTICES.voteCard:
      case DECISION_NOTICES.voteClosed:
        return { card: await card() };
      case DECISION_NOTICES.proposerRouted: {
        const d = view.decision;
        if (!d || !view.decider) return null;
        return d.stage === 'intake'
          ? t.routedIntake(code, view.decider.fullName, t.due(d.dueDate))
          : t.routed(code, view.decider.fullName, view.decider.positionTitle, t.due(d.dueDate));
      }
      case DECISION_NOTICES.proposerRoutingFailed:
        return t.routingFailed(code, String(data.reason ?? ''));
      case DECISION_NOTICES.homeAffairsQueue:
        return t.queueNotice(code, String(data.reason ?? ''), typeof data.unitName === 'string' ? data.unitName : null);
      case DECISION_NOTICES.proposerOutcome: {
        const outcome = String(data.outcome ?? view.decision?.outcome ?? '');
        const head =
          outcome === 'approved'
            ? t.outcomeApproved(code)
            : outcome === 'approved_by_override'
              ? t.outcomeOverride(code)
              : outcome === 'rejected'
                ? t.outcomeRejected(code)
                : t.outcomeReturned(code);
        const comments = [
          ...(view.decision?.comment ? [view.decision.comment] : []),
          ...view.votes.filter((v) => v.comment).map((v) => t.voterLine(v.voter.fullName, t.voteChoice(v.choice), v.comment)),
        ];
        const tally = view.decision?.tally;
        return {
          card: {
            title: head,
            body: [
              ...(outcome === 'approved_by_override' && view.decision
                ? [t.overrideDocument(links.decision(view.proposal.id, view.decision.revision))]
                : []),
              // What happens next, so that the proposer is not left waiting without knowing for what.
              ...(outcome === 'approved' || outcome === 'approved_by_override' ? [r.nextAfterApproval] : []),
            ],
            facts: [
              { label: t.factStatus, value: t.statusLabel(view.proposal.status) },
              ...(tally ? [{ label: t.factTally, value: t.tally(tally.inFavour, tally.against, tally.voters) }] : []),
            ],
            sections: comments.length ? [{ heading: t.commentsHeading, text: comments.join('\n') }] : [],
            // Returned for changes: the proposer reopens the plan from here (or types "SỬA <mã>").
            ...(outcome === 'returned' && view.proposal.code
              ? {
                  actions: [
                    {
                      title: wizard.reopenAction,
                      verb: PLAN_VERBS.reopen,
                      data: { proposalId: view.proposal.id },
                      command: `SỬA ${view.proposal.code}`,
                      style: 'positive' as const,
                    },
                  ],
                }
              : {}),
          },
        };
      }
      case DECISION_NOTICES.reminder:
        return { text: t.reminder(code, t.due(view.decision?.dueDate), Number(data.offset ?? 0)), card: await card() };
      case DECISION_NOTICES.escalation:
        return t.escalation(
          code,
          view.decider ? `${view.decider.fullName} – ${view.decider.positionTitle}` : '',
          t.due(view.decision?.dueDate),
        );
      default:
        logger.warn({ kind: row.kind }, 'unknown notification kind');
        return null;
    }
  }

  return async (row, officer, channelId) => {
    const rendered = await reply(row, officer);
    return rendered ? (toActivity(channelId, rendered) as Record<string, unknown>) : null;
  };
}
