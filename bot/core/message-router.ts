// One message, one decision: a card submission, a running dialog, a typed command, or an intent.
import { DialogTurnStatus, type DialogSet } from 'botbuilder-dialogs';
import { recognizeIntent } from '../../services/intents/intent-recognizer.js';
import { logger } from '../logger.js';
import { core } from '../messages/index.js';
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
