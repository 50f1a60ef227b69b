// One message, one decision: a card submission, a running dialog, a typed command, or an intent.
import { DialogTurnStatus, type DialogSet } from 'botbuilder-dialogs';
import { recognizeIntent, type Intent } from '../../services/intents/intent-recognizer.js';
import { logger } from '../../services/platform/logger.js';
import { core } from '../../services/platform/messages/index.js';
import type { CommandRegistry, CommandResult } from './command-registry.js';
import type { CoreTurn } from './core-turn.js';
import type { IntentRegistry } from './intent-registry.js';

/** Longer messages are refused with a message: no step of the product needs more. */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface MessageRouterDeps {
  commands: CommandRegistry;
  intents: IntentRegistry;
  dialogs: DialogSet;
}

export async function deliverCommandResult(turn: CoreTurn, result: CommandResult): Promise<void> {
  if (result === undefined) return;
  await turn.send(typeof result === 'string' ? result : { card: result });
}

/** Intents a dialog step never takes as its answer. */
const INTERRUPTING_INTENTS = new Set<Intent>(['help', 'menu', 'my_tasks']);
const PROPOSAL_CODE = /^(?:ĐX|DX)[-\s]?\d{4}[-\s]?\d{1,6}$/i;

/** What runs instead of the active dialog for this text, if anything. */
function interruptionOf(text: string, deps: MessageRouterDeps): ((turn: CoreTurn) => Promise<void>) | undefined {
  if (!text.trim()) return undefined;
  const typed = deps.commands.parseText(text);
  if (typed && typeof typed.data.code === 'string' && PROPOSAL_CODE.test(typed.data.code.trim())) {
    const handler = deps.commands.get(typed.verb);
    if (handler) return async (turn) => deliverCommandResult(turn, await handler(turn, typed.data));
  }
  const { intent } = recognizeIntent(text);
  if (INTERRUPTING_INTENTS.has(intent)) {
    const handler = deps.intents.get(intent);
    if (handler) return (turn) => handler(turn, text);
  }
  return undefined;
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

  const dc = await deps.dialogs.createContext(turn.context);
  if (dc.activeDialog) {
    // Order while a dialog (the plan wizard) waits for an answer: a typed command that names a proposal
    // code ("DUYỆT ĐX-2026-0001", "SỬA ĐX-2026-0001") and the words "menu", "hướng dẫn", "việc chờ tôi"
    // are not answers: they run first, then the dialog repeats its question (the draft keeps its place).
    // A typed command without a code ("Chuyển đổi số", "Bổ sung quy trình…") stays an answer.
    const interruption = interruptionOf(text, deps);
    if (interruption) {
      const instance = dc.activeDialog;
      await interruption(turn);
      // Unless the command ended or replaced the dialog (e.g. "SỬA <mã>" opens another plan), ask again.
      const after = await deps.dialogs.createContext(turn.context);
      if (after.activeDialog === instance) await after.repromptDialog();
      return;
    }
    const result = await dc.continueDialog();
    if (result.status !== DialogTurnStatus.empty) return;
  }

  if (!text.trim()) {
    await turn.send(core.unsupportedInput);
    return;
  }

  const typed = deps.commands.parseText(text);
  if (typed) {
    const handler = deps.commands.get(typed.verb);
    if (handler) {
      await deliverCommandResult(turn, await handler(turn, typed.data));
      return;
    }
  }

  const { intent } = recognizeIntent(text);
  const handler = deps.intents.get(intent) ?? deps.intents.get('question');
  if (handler) {
    await handler(turn, text);
    return;
  }
  await turn.send(core.notUnderstood);
}
