// The channel-neutral view of one turn that handlers work with: who is speaking, and how to answer.
import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Officer } from '../../entities/officer.entity.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { renderTextCard } from '../cards/render-text-card.js';
import type { BotReply, NeutralCard } from '../../services/platform/reply.js';

/** Channels that render Adaptive Cards; every other channel gets text and typed commands. */
const CARD_CHANNELS = new Set(['msteams', 'emulator', 'web', 'webchat', 'directline']);

export function rendersCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has(channelId ?? '');
}

/** Most channels cap a message; Zalo at 2000 characters. Longer texts are split by the channel adapter. */
export function toActivity(channelId: string | undefined, reply: BotReply | string): Partial<Activity> {
  if (typeof reply === 'string') return MessageFactory.text(reply);
  const cards = rendersCards(channelId);
  if (reply.card) {
    if (cards) {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(renderAdaptiveCard(reply.card)));
      if (reply.text) activity.text = reply.text;
      return activity;
    }
    return textWithCommands(reply.text ? `${reply.text}\n\n${renderTextCard(reply.card)}` : renderTextCard(reply.card), reply.card);
  }
  if (reply.file) {
    const text = `${reply.text ? `${reply.text}\n` : ''}${reply.file.name}: ${reply.file.url}`;
    const activity = MessageFactory.text(text);
    if (cards) {
      activity.attachments = [{ contentType: reply.file.contentType, contentUrl: reply.file.url, name: reply.file.name }];
    }
    return activity;
  }
  return MessageFactory.text(reply.text ?? '');
}

function textWithCommands(text: string, card: NeutralCard): Partial<Activity> {
  const activity = MessageFactory.text(text);
  const actions = (card.actions ?? []).filter((a) => a.command);
  if (actions.length) {
    activity.suggestedActions = {
      to: [],
      actions: actions.map((a) => ({ type: 'imBack', title: a.title, value: a.command! })),
    };
  }
  return activity;
}

export interface CoreTurn {
  officer: Officer;
  channelId: string;
  context: TurnContext;
  /** Conversation-scoped state persisted with the turn. */
  conversation: Record<string, unknown>;
  send(reply: BotReply | string): Promise<void>;
  /** Renders a card for the invoke response of a Teams Action.Execute. */
  renderForInvoke(card: NeutralCard): Record<string, unknown>;
}

export function createCoreTurn(context: TurnContext, officer: Officer, conversation: Record<string, unknown>): CoreTurn {
  const channelId = context.activity.channelId;
  return {
    officer,
    channelId,
    context,
    conversation,
    async send(reply) {
      await context.sendActivity(toActivity(channelId, reply));
    },
    renderForInvoke: (card) => renderAdaptiveCard(card),
  };
}

