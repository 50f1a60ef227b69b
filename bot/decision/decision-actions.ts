// The decision's card verbs: forward, council, return for changes, approve, the collective vote, the
// meeting's result, the written override, the Party-committee consultation, not proceeding. Each answers
// with the refreshed card as this officer sees it, carrying what happened.
import type { ActionResult } from '../../services/decisions/decider-action.js';
import type { DecisionView } from '../../services/decisions/decision-queries.js';
import { decisions as t, lookup, zalo } from '../../services/platform/messages/index.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { proposalActions } from '../core/proposal-action.js';
import { DECISION_VERBS } from './decision-card.js';
import { forInvoke, type DecisionCards } from './decision-view.js';

export function registerDecisionActions(bot: BotApplication, container: Container, cards: DecisionCards): void {
  const { decisions, links } = container;
  const actorOf = (turn: CoreTurn) => ({ officerId: turn.officer.id, channel: turn.channelId });
  const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');

  const act = proposalActions<ActionResult, DecisionView>({
    resolve: (data) => cards.resolve(data),
    view: (proposalId) => decisions.view(proposalId),
    notFound: t.refusal.not_found,
    answer: async (turn, view, result, proposalId): Promise<NeutralCard> => {
      const code = view.proposal.code ?? '';
      let notice = result.ok ? (lookup(t.done, result.action)?.(code) ?? '') : t.refusal[result.reason];
      if (result.ok && result.action === 'overridden' && view.decision) {
        notice = `${notice}\n${t.overrideDocument(links.decision(proposalId, view.decision.revision))}`;
      }
      if (!result.ok && (result.reason === 'not_decider' || result.reason === 'not_voter' || result.reason === 'not_found'))
        return { title: notice };
      // On a text channel only the notice goes out (status): the card itself was already sent once.
      const left = view.decision?.state === 'vote_open' ? view.votes.filter((v) => v.choice === null).length : 0;
      const outcome =
        view.decision?.state === 'done' && view.decision.outcome
          ? ` ${t.outcomeLine(view.decision.outcome)}`
          : left
            ? ` ${zalo.votesLeft(left)}`
            : '';
      return forInvoke({ ...(await cards.cardFor(view, turn.officer, notice)), ...(notice ? { status: `${notice}${outcome}` } : {}) });
    },
  });

  const c = bot.commands;
  c.register(
    DECISION_VERBS.refresh,
    async (turn, data) => {
      const id = await cards.resolve(data);
      const view = id ? await decisions.view(id) : null;
      if (!view) return { title: t.refusal.not_found };
      return forInvoke(await cards.cardFor(view, turn.officer));
    },
    'proposal',
  );
  c.register(
    DECISION_VERBS.forward,
    act((turn, id, d) => decisions.forward(actorOf(turn), id, { comment: text(d, 'comment') })),
    'proposal',
  );
  c.register(
    DECISION_VERBS.council,
    act((turn, id, d) => decisions.forward(actorOf(turn), id, { comment: text(d, 'comment'), proposeCouncil: true })),
    'proposal',
  );
  c.register(
    DECISION_VERBS.returnForChanges,
    act((turn, id, d) => decisions.returnForChanges(actorOf(turn), id, text(d, 'comment'))),
    'proposal',
  );
  c.register(
    DECISION_VERBS.approve,
    act((turn, id) => decisions.approve(actorOf(turn), id)),
    'proposal',
  );
  c.register(
    DECISION_VERBS.openVote,
    act((turn, id) => decisions.openVote(actorOf(turn), id)),
    'proposal',
  );
  c.register(
    DECISION_VERBS.voteFor,
    act((turn, id, d) => decisions.castVote(actorOf(turn), id, 'for', text(d, 'comment'))),
    'proposal',
  );
  c.register(
    DECISION_VERBS.voteAgainst,
    act(async (turn, id, d) =>
      text(d, 'comment').trim()
        ? decisions.castVote(actorOf(turn), id, 'against', text(d, 'comment'))
        : { ok: false, reason: 'comment_required', proposalId: id },
    ),
    'proposal',
  );
  c.register(
    DECISION_VERBS.closeVote,
    act((turn, id) => decisions.closeVote(actorOf(turn), id)),
    'proposal',
  );
  c.register(
    DECISION_VERBS.meeting,
    act((turn, id, d) => {
      const participants = text(d, 'participants').trim();
      const inFavour = Number(d.inFavour);
      const against = Number(d.against);
      // Nothing is preselected on the card: the head's side must be given when it decides a tie.
      const headKnown = d.headVote === 'for' || d.headVote === 'against';
      if (!participants || !Number.isInteger(inFavour) || !Number.isInteger(against) || (!headKnown && inFavour === against)) {
        return Promise.resolve({ ok: false, reason: 'invalid_counts', proposalId: id } as ActionResult);
      }
      return decisions.recordMeeting(actorOf(turn), id, {
        inFavour,
        against,
        headInFavour: d.headVote !== 'against',
        participants,
        minutes: text(d, 'minutes'),
      });
    }),
    'proposal',
  );
  c.register(
    DECISION_VERBS.override,
    act((turn, id, d) => decisions.proceedAnyway(actorOf(turn), id, text(d, 'reasons') || text(d, 'comment'))),
    'proposal',
  );
  c.register(
    DECISION_VERBS.partyStart,
    act((turn, id) => decisions.startPartyConsultation(actorOf(turn), id)),
    'proposal',
  );
  c.register(
    DECISION_VERBS.partyRecord,
    act((turn, id, d) => decisions.recordPartyConsultation(actorOf(turn), id, text(d, 'comment'))),
    'proposal',
  );
  c.register(
    DECISION_VERBS.notProceed,
    act((turn, id, d) => decisions.notProceed(actorOf(turn), id, text(d, 'comment'))),
    'proposal',
  );
}
