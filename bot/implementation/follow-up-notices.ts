// The notifications after a decision (implementation, evaluation, recognition), rendered at delivery time
// so that a message about a state that has passed is not sent at all.
import type { NotificationOutbox } from '../../entities/notification-outbox.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import { AFTER_DECISION_NOTICES as N } from '../../services/implementation/after-decision-common.js';
import type { ImplementationView } from '../../services/implementation/implementation-service.js';
import type { OutboxRenderer } from '../../services/notifications/notifier.js';
import { logger } from '../../services/platform/logger.js';
import { afterDecision as t } from '../../services/platform/messages/index.js';
import type { BotReply } from '../../services/platform/reply.js';
import type { Container } from '../container.js';
import { toActivity } from '../core/core-turn.js';
import type { FollowUpCards } from './follow-up-view.js';

/** The kinds of the yearly report are rendered by annual-report/; every other after-decision kind here. */
export const FOLLOW_UP_NOTICE_KINDS: readonly string[] = Object.values(N).filter((kind) => !kind.startsWith('report.'));

export function followUpNoticeRenderer(container: Container, cards: FollowUpCards): OutboxRenderer {
  const { implementation, links } = container;

  async function renderNotice(row: NotificationOutbox, officer: Officer): Promise<BotReply | string | null> {
    const data = (row.payload ?? {}) as Record<string, unknown>;
    if (!row.proposalId) return null;
    const view = await implementation.view(row.proposalId);
    if (!view) return null;
    const code = view.proposal.code ?? t.noCode;
    const title = view.proposal.title ?? t.untitled;
    const card = async (text?: string): Promise<BotReply> => ({ ...(text ? { text } : {}), card: await cards.cardFor(view, officer) });
    const status = view.proposal.status;
    switch (row.kind) {
      case N.assignCard:
        return status === 'approved' || status === 'approved_by_override' ? card(t.assignNotice(code)) : null;
      case N.managerNamed:
        return t.managerNotice(code, view.head?.fullName ?? '');
      case N.assigned:
        return data.proposer
          ? t.assignedProposerNotice(code, view.implementers.map((x) => x.officer.fullName).join(', '))
          : card(t.assignedNotice(code, title));
      case N.checkIn: {
        if (status !== 'implementing') return null;
        const ci = await implementation.pendingCheckIn(String(data.checkInId));
        if (!ci) return null;
        return card(t.checkInNotice(code, ci.kind, ci.description, ci.dueDate));
      }
      case N.progress:
      case N.obstacle: {
        const found = await implementation.reportWithAuthor(String(data.reportId));
        if (!found) return null;
        const { report, authorName } = found;
        return row.kind === N.obstacle
          ? t.obstacleNotice(code, authorName, view.proposerUnit?.name ?? '', report.text)
          : t.progressNotice(code, authorName, report.text);
      }
      case N.paused:
        return t.pausedNotice(code, String(data.reason ?? ''));
      case N.resumed:
        return t.resumedNotice(code);
      case N.stopped:
        return t.stoppedNotice(code, String(data.reason ?? ''));
      case N.completionReminder:
        return status === 'implementing' ? card(t.completionReminderNotice(code, String(data.end), String(data.due))) : null;
      case N.completionOverdue:
        return status === 'implementing' ? t.completionOverdueNotice(code, String(data.due)) : null;
      case N.completionReported:
        return ['completion_reported', 'evaluating'].includes(status)
          ? card(t.completionReportedNotice(code, String(data.due ?? view.proposal.dueDate ?? '')))
          : null;
      case N.evaluationReminder:
        return ['completion_reported', 'evaluating'].includes(status)
          ? card(t.evaluationReminderNotice(code, String(data.due), Number(data.left ?? 0)))
          : null;
      case N.evaluationEscalation:
        return ['completion_reported', 'evaluating'].includes(status)
          ? t.evaluationEscalationNotice(code, view.head ? `${view.head.fullName} – ${view.head.positionTitle}` : '', String(data.due))
          : null;
      case N.evaluationVote:
        return view.evaluation?.state === 'vote_open' ? card() : null;
      case N.evaluationNotPassed:
        return card(t.notPassedNotice(code));
      case N.recognitionCard:
        return status === 'evaluated' ? card(t.recognitionNotice(code)) : null;
      case N.proposerOutcome:
        return proposerOutcome(view, String(data.stage ?? ''));
      case N.implementerOutcome:
        return view.evaluation ? t.implementerOutcomeNotice(code, t.outcomeShort[view.evaluation.outcome] ?? '') : null;
      default:
        logger.warn({ kind: row.kind }, 'unknown after-decision notification kind');
        return null;
    }
  }

  function proposerOutcome(view: ImplementationView, stage: string): BotReply | null {
    const e = view.evaluation;
    if (!e || e.state !== 'passed') return null;
    const code = view.proposal.code ?? t.noCode;
    let text: string;
    // Protection wording only for those Art. 2 covers (leaders and managers); none for Art. 4.2 / 6.
    const covered = e.proposerCovered !== false;
    if (e.outcome === 'not_by_policy') {
      text = t.proposerNotByPolicy(code);
    } else if (!covered) {
      text = t.proposerNotCovered(code, t.outcomeShort[e.outcome] ?? e.outcome);
      if (stage === 'recognized' && e.recognitions?.length)
        text += `\n${t.recognitionLabel}: ${e.recognitions.map((r) => r.label).join('; ')}.`;
    } else if (e.outcome === 'completed') {
      text =
        stage === 'recognized' && e.recognitions?.length
          ? t.proposerRecognized(code, e.recognitions.map((r) => r.label).join('; '))
          : t.proposerCompleted(code);
    } else {
      text = e.outcome === 'not_completed_pure_motive' ? t.proposerPureMotive(code) : t.proposerWithDamage(code);
    }
    const sections =
      e.outcome === 'completed'
        ? []
        : [
            {
              heading: t.causesNamed,
              text: `${t.objectiveHeading}: ${e.objectiveCauses}\n${t.subjectiveHeading}: ${e.subjectiveCauses}${e.damage ? `\n${t.damageHeading}: ${e.damage}` : ''}`,
            },
          ];
    return {
      card: {
        title: t.evaluationTitle(code),
        subtitle: view.proposal.title ?? t.untitled,
        body: [text, t.conclusionLink(links.evaluation(view.proposal.id))],
        facts: [
          { label: t.factOutcome, value: t.outcomeShort[e.outcome] ?? e.outcome },
          { label: t.protectionFact, value: !covered && e.provision !== 'none' ? t.notCoveredProvision : t.provision(e.provision) },
          ...(e.tally ? [{ label: t.factTally, value: t.tally(e.tally.inFavour, e.tally.against, e.tally.voters) }] : []),
        ],
        sections,
      },
    };
  }

  return async (row, officer, channelId) => {
    const reply = await renderNotice(row, officer);
    return reply ? (toActivity(channelId, reply) as Record<string, unknown>) : null;
  };
}
