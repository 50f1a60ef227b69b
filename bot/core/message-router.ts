// One message, one decision: a card submission, else what services/intents/understanding.ts reads the text
// as in its situation (a command in its exact form, the wizard's answer, a question, small talk, help …).
import { DialogTurnStatus, type DialogInstance, type DialogSet } from 'botbuilder-dialogs';
import { PLAN_IMPORT_DIALOG } from '../../dialogs/plan-import-dialog.js';
import { PLAN_WIZARD_DIALOG } from '../../dialogs/plan-wizard-dialog.js';
import { stepById, stepWordsOf } from '../../dialogs/wizard-sections.js';
import { understand, type Situation, type Understanding } from '../../services/intents/understanding.js';
import { logger } from '../../services/platform/logger.js';
import { core, lookup, wizard } from '../../services/platform/messages/index.js';
import type { CommandRegistry, CommandResult } from './command-registry.js';
import { rendersCards, type CoreTurn } from './core-turn.js';
import type { IntentRegistry } from './intent-registry.js';
import { askNext, takePending } from './pending-reply.js';

/** The pending reply of "content or question?" on a text channel. */
const CONTENT_OR_QUESTION = 'understanding.choice';

/** Longer messages are refused with a message: no step of the product needs more. */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface MessageRouterDeps {
  commands: CommandRegistry;
  intents: IntentRegistry;
  dialogs: DialogSet;
  /** A file or a pasted plan, before the dialog and the understanding step (the plan-import feature). */
  documents?: { handle(turn: CoreTurn): Promise<boolean> };
}

export async function deliverCommandResult(turn: CoreTurn, result: CommandResult): Promise<void> {
  if (result === undefined) return;
  if (typeof result === 'string') return turn.send(result);
  // Teams refreshes the card in place; a text channel would get the whole card again as a new message:
  // there, only what happened, and the commands that apply now.
  if (result.status && !rendersCards(turn.channelId)) {
    return turn.send({ card: { title: result.status, ...(result.actions?.length ? { actions: result.actions } : {}) } });
  }
  await turn.send({ card: result });
}

export const UNDERSTANDING_VERBS = { content: 'understanding.content', question: 'understanding.question' } as const;

/**
 * The two buttons of "content or question?": each replays the text with the word that settles it
 * ("ghi: …" stores it, "hỏi: …" answers it), as if typed. A card pressed after the wizard ended is stale.
 */
export function registerUnderstandingCommands(deps: MessageRouterDeps): void {
  const replay =
    (word: string, done: string) =>
    async (turn: CoreTurn, data: Record<string, unknown>): Promise<CommandResult> => {
      const text = typeof data.text === 'string' ? data.text.trim().slice(0, MAX_MESSAGE_LENGTH) : '';
      const dc = await deps.dialogs.createContext(turn.context);
      if (!text || !dc.activeDialog) return { title: core.staleCard };
      const activity = turn.context.activity;
      const invoke = activity.type === 'invoke';
      activity.text = `${word}: ${text}`;
      activity.value = undefined;
      await routeMessage(turn, deps);
      return invoke ? { title: done } : undefined;
    };
  deps.commands.register(UNDERSTANDING_VERBS.content, replay('ghi', wizard.choseContent), 'own');
  deps.commands.register(UNDERSTANDING_VERBS.question, replay('hỏi', wizard.choseQuestion), 'own');
}

/** The help, listing every typed command the features registered, with an example where one is known. */
export function helpText(commands: CommandRegistry): string {
  const list = commands.typedCommands().map((c) => ({ keyword: c.keywords[0]!, example: lookup(core.commandExamples, c.verb) }));
  return core.helpFull(list);
}

/** After the greeting or the menu: what waits for the person, if anything. */
async function sendWaiting(turn: CoreTurn, deps: MessageRouterDeps): Promise<void> {
  const lines = await deps.intents.waiting(turn);
  if (lines.length) await turn.send(core.waiting(lines));
}

/** What the conversation waits for, as the understanding step needs it. */
function situationOf(instance: DialogInstance | undefined): Situation {
  if (!instance) return { kind: 'idle' };
  if (instance.id === PLAN_IMPORT_DIALOG) return { kind: 'import' };
  if (instance.id !== PLAN_WIZARD_DIALOG) return { kind: 'confirm' };
  const state = (instance.state ?? {}) as { mode?: string; stepId?: string };
  if (state.mode === 'confirmCancel') return { kind: 'confirm' };
  if (state.mode === 'review' || !state.stepId) return { kind: 'review' };
  return { kind: 'wizard', stepId: state.stepId, stepWords: stepWordsOf(state.stepId) };
}

/** Runs what the text was understood as, when that is not the dialog's answer; false leaves it to the caller. */
async function act(turn: CoreTurn, text: string, u: Understanding, deps: MessageRouterDeps, situation: Situation): Promise<boolean> {
  const inDialog = situation.kind !== 'idle' && situation.kind !== 'card';
  switch (u.kind) {
    case 'command': {
      const handler = deps.commands.get(u.verb);
      if (!handler) return false;
      await deliverCommandResult(turn, await handler(turn, u.data));
      return true;
    }
    case 'help':
      await turn.send(helpText(deps.commands));
      return true;
    case 'intent': {
      const handler = deps.intents.get(u.intent);
      if (!handler) return false;
      await handler(turn, text);
      if (u.intent === 'menu') await sendWaiting(turn, deps);
      return true;
    }
    case 'consent':
      if (await deps.intents.consent(turn, u.consent)) return true;
      await turn.send(core.notUnderstood);
      return true;
    case 'smalltalk': {
      // "ok" to a decision shown to the person is answered like "đồng ý": with one confirmation.
      if (!inDialog && u.talk === 'ack' && (await deps.intents.consent(turn, { answer: 'yes' }))) return true;
      if (inDialog) {
        await turn.send(core.smallTalkInWizard[u.talk]);
      } else if (u.talk === 'greeting') {
        await (deps.intents.get('greeting') ?? deps.intents.get('menu'))?.(turn, text);
        await sendWaiting(turn, deps);
      } else {
        await turn.send(core.smallTalk[u.talk]);
      }
      return true;
    }
    case 'ambiguous': {
      const label = situation.kind === 'wizard' ? (stepById(situation.stepId)?.label ?? '') : '';
      // A phone types the choice: "1" or "2" (the Bot Platform has no buttons; the OA's buttons send the same).
      const typed = !rendersCards(turn.channelId);
      if (typed) askNext(turn, CONTENT_OR_QUESTION, { text });
      await turn.send({
        card: {
          title: wizard.contentOrQuestion(label),
          sections: [{ heading: wizard.youTyped, text }],
          actions: [
            { title: wizard.asContent, verb: UNDERSTANDING_VERBS.content, data: { text }, command: typed ? '1' : `ghi: ${text}` },
            { title: wizard.asQuestion, verb: UNDERSTANDING_VERBS.question, data: { text }, command: typed ? '2' : `hỏi: ${text}` },
          ],
        },
      });
      return true;
    }
    case 'question': {
      const handler = deps.intents.get('question');
      if (handler) await handler(turn, text.replace(/^h[oỏ]i\s*:\s*/i, ''));
      else await turn.send(core.notUnderstood);
      // Only a step stores typed text; the review and confirmations do not need the reassurance.
      if (situation.kind === 'wizard') await turn.send(wizard.questionNotStored);
      return true;
    }
    case 'step_question':
      await turn.send(wizard.stepExplained);
      return true;
    case 'not_understood':
      await turn.send(core.notUnderstood);
      return true;
    default:
      return false;
  }
}

export async function routeMessage(turn: CoreTurn, deps: MessageRouterDeps): Promise<void> {
  const activity = turn.context.activity;
  const text = typeof activity.text === 'string' ? activity.text : '';
  if (text.length > MAX_MESSAGE_LENGTH) {
    await turn.send(core.messageTooLong(MAX_MESSAGE_LENGTH));
    return;
  }

  // Action.Submit (Teams, web) carries the verb in its data.
  const value = activity.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && typeof value.verb === 'string') {
    const handler = deps.commands.get(value.verb);
    if (handler) {
      await deliverCommandResult(turn, await handler(turn, value));
      return;
    }
    logger.info({ verb: value.verb }, 'unknown submit verb');
    await turn.send(core.staleCard);
    return;
  }

  if (deps.documents && (await deps.documents.handle(turn))) return;

  const dc = await deps.dialogs.createContext(turn.context);
  const commands = (t: string) => deps.commands.parseText(t);
  // A question the bot asked outside the wizard ("Gõ “có” để xác nhận", "nhập ý kiến …"), or the typed
  // "1" / "2" answering "content or question?" inside it.
  const pending = takePending(turn);
  if (pending && text.trim() && dc.activeDialog) {
    const choice = pending.kind === CONTENT_OR_QUESTION ? /^\s*([12])\s*[.)]?\s*$/.exec(text)?.[1] : undefined;
    if (choice) {
      activity.text = `${choice === '1' ? 'ghi' : 'hỏi'}: ${String(pending.data.text)}`;
      return routeMessage(turn, deps);
    }
  } else if (pending && text.trim()) {
    const handler = deps.intents.pendingHandler(pending.kind);
    if (handler && (await handler(turn, text.trim(), pending.data))) return;
  }
  if (dc.activeDialog) {
    // While the wizard waits for an answer, only its own words and answers reach it. A typed command with
    // a proposal code, "menu", "hướng dẫn", "việc chờ tôi", small talk and questions (about the policy or
    // about the step) are answered here and the same step is asked again: nothing is stored.
    const situation = situationOf(dc.activeDialog);
    const understood = text.trim() ? understand(text, situation, commands) : ({ kind: 'answer' } as const);
    if (understood.kind !== 'answer' && understood.kind !== 'control') {
      const instance = dc.activeDialog;
      if (await act(turn, text, understood, deps, situation)) {
        // Unless the command ended or replaced the dialog (e.g. "SỬA <mã>" opens another plan), ask again;
        // the content-or-question card is itself the question.
        const after = await deps.dialogs.createContext(turn.context);
        if (after.activeDialog === instance && understood.kind !== 'ambiguous') await after.repromptDialog();
        return;
      }
    }
    const result = await dc.continueDialog();
    if (result.status !== DialogTurnStatus.empty) return;
  }

  if (!text.trim()) {
    await turn.send(core.unsupportedInput);
    return;
  }

  const understood = understand(text, { kind: 'idle' }, commands);
  if (await act(turn, text, understood, deps, { kind: 'idle' })) return;
  await turn.send(core.notUnderstood);
}
