// "đồng ý", "ok", "duyệt" or "không đồng ý" typed to a decision shown to the person (the way people answer
// on Zalo): one confirmation of the action that applies now ("Anh/chị phê duyệt ĐX-2026-0001? Gõ “có”
// để xác nhận."), or for a no the return-for-changes or vote-against path with a comment prompt. Never a
// legal answer. The same on every channel; Teams and the Zalo OA also get the answer as buttons.
import { foldedWords } from '../../services/intents/question-signals.js';
import { consentOf, type Consent } from '../../services/intents/consent.js';
import { understand } from '../../services/intents/understanding.js';
import { replies as r } from '../../services/platform/messages/index.js';
import type { CardAction } from '../../services/platform/reply.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { deliverCommandResult } from '../core/message-router.js';
import { askNext, clearPending } from '../core/pending-reply.js';
import { DECISION_VERBS } from './decision-card.js';
import type { DecisionCards } from './decision-view.js';

export const REPLY_VERBS = { confirm: 'decision.reply.confirm', cancel: 'decision.reply.cancel' } as const;
const YES_VERBS = [DECISION_VERBS.approve, DECISION_VERBS.openVote, DECISION_VERBS.voteFor, DECISION_VERBS.forward];
const NO_VERBS = [DECISION_VERBS.returnForChanges, DECISION_VERBS.voteAgainst];
const CONFIRM_WORDS = new Set(['co', 'co a', 'dong y', 'xac nhan', 'ok', 'yes', 'dung', 'dung roi', 'co xac nhan']);
const CANCEL_WORDS = new Set(['khong', 'khong a', 'thoi', 'huy', 'huy bo', 'no', 'khong xac nhan', 'de sau', 'thoi khong']);

const wordsOf = (text: string) => foldedWords(text).join(' ');

export function registerDecisionReplies(bot: BotApplication, container: Container, cards: DecisionCards): void {
  const { decisions } = container;
  const c = bot.commands;

  const run = async (turn: CoreTurn, verb: string, data: Record<string, unknown>) => {
    const handler = c.get(verb);
    if (handler) await deliverCommandResult(turn, await handler(turn, data));
  };

  bot.intents.registerConsent(async (turn: CoreTurn, consent: Consent) => {
    const tasks = (await decisions.tasksFor(turn.officer.id)).filter((x) => !consent.code || x.proposal.code === consent.code);
    if (!tasks.length) {
      if (!consent.code) return false;
      await turn.send(r.notWaiting(consent.code));
      return true;
    }
    if (tasks.length > 1) {
      await turn.send(
        r.which(
          tasks.map((x) => x.proposal.code ?? ''),
          consent.answer,
        ),
      );
      return true;
    }
    const proposal = tasks[0]!.proposal;
    const code = proposal.code ?? '';
    const view = await decisions.view(proposal.id);
    if (!view) return false;
    const actions = (await cards.cardFor(view, turn.officer)).actions ?? [];
    const wanted = consent.answer === 'yes' ? YES_VERBS : NO_VERBS;
    const action = wanted.map((v) => actions.find((a) => a.verb === v)).find(Boolean);
    if (!action) {
      // Nothing a yes or a no can mean here (e.g. the Party committee's opinion first): what can be done.
      await turn.send({ card: { title: r.choose(code), actions } });
      return true;
    }
    const data = { proposalId: proposal.id, verb: action.verb };
    if (consent.answer === 'yes') {
      askNext(turn, REPLY_VERBS.confirm, data);
      const buttons: CardAction[] = [
        { title: r.yesButton, verb: REPLY_VERBS.confirm, data, command: 'có', style: 'positive' },
        { title: r.noButton, verb: REPLY_VERBS.cancel, data: {}, command: 'không' },
      ];
      // The Bot Platform has no buttons: the question alone already says what to type.
      const question = r.confirm(action.verb, code)!;
      await turn.send(turn.channelId === 'zalo_bot' ? question : { card: { title: question, actions: buttons } });
    } else {
      askNext(turn, 'decision.reply.comment', data);
      await turn.send(r.commentPrompt(action.verb, code)!);
    }
    return true;
  });

  // The confirmation answered by typing ("có", "không") …
  bot.intents.registerPending(REPLY_VERBS.confirm, async (turn, text, data) => {
    const words = wordsOf(text);
    if (CONFIRM_WORDS.has(words) || consentOf(text)?.answer === 'yes') {
      await run(turn, String(data.verb), { proposalId: data.proposalId });
      return true;
    }
    if (CANCEL_WORDS.has(words)) {
      await turn.send(r.cancelled);
      return true;
    }
    return false;
  });
  // … the comment after a no: the next message, unless it is a command, a menu word or "thôi".
  bot.intents.registerPending('decision.reply.comment', async (turn, text, data) => {
    if (CANCEL_WORDS.has(wordsOf(text))) {
      await turn.send(r.cancelled);
      return true;
    }
    const u = understand(text, { kind: 'idle' }, (t) => c.parseText(t));
    if (u.kind === 'command' || u.kind === 'intent' || u.kind === 'help') return false;
    await run(turn, String(data.verb), { proposalId: data.proposalId, comment: text });
    return true;
  });
  // … or by its buttons (Teams, web, Zalo OA). Only a decision verb a yes can mean is run, with its own check.
  c.register(
    REPLY_VERBS.confirm,
    async (turn, data) => {
      clearPending(turn);
      const verb = String(data.verb);
      if (!YES_VERBS.includes(verb as (typeof YES_VERBS)[number])) return { title: r.cancelled };
      return c.get(verb)!(turn, { proposalId: data.proposalId });
    },
    'proposal',
  );
  c.register(
    REPLY_VERBS.cancel,
    async (turn) => {
      clearPending(turn);
      return { title: r.cancelled };
    },
    'own',
  );
}
