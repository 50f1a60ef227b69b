// The channel-neutral view of one turn that handlers work with: who is speaking, and how to answer.
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Officer } from '../../entities/officer.entity.js';
import { escapeCardText, renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { renderTextCard } from '../cards/render-text-card.js';
import type { BotReply, FileReply, NeutralCard } from '../../services/platform/reply.js';
import { files } from '../../services/platform/messages/index.js';

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
      // The chat list shows the summary of a card without text (else "Send a card").
      else activity.summary = reply.card.title;
      return activity;
    }
    return textWithCommands(reply.text ? `${reply.text}\n\n${renderTextCard(reply.card)}` : renderTextCard(reply.card), reply.card);
  }
  if (reply.file) {
    // Teams refuses a non-image contentUrl attachment ("Unknown attachment type"): a card with the link.
    if (cards) return fileLinkActivity(reply.text, reply.file);
    return MessageFactory.text(`${reply.text ? `${reply.text}\n` : ''}${reply.file.name}: ${reply.file.url}`);
  }
  const activity = MessageFactory.text(reply.text ?? '');
  if (reply.quickReplies?.length) {
    activity.suggestedActions = { to: [], actions: reply.quickReplies.map((q) => ({ type: 'imBack', title: q, value: q })) };
  }
  return activity;
}

/**
 * The activities of one reply. A file in a Teams personal chat comes twice: the link card (works
 * everywhere, also on a phone) and Teams' own file-consent card, which saves it to the person's OneDrive.
 */
export function toActivities(channelId: string | undefined, reply: BotReply | string, conversationType?: string): Partial<Activity>[] {
  const first = toActivity(channelId, reply);
  if (typeof reply === 'string' || !reply.file?.sizeInBytes || channelId !== 'msteams' || conversationType !== 'personal') return [first];
  return [first, fileConsentActivity(reply.file)];
}

export const FILE_CONSENT_CARD_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';

/** What the accept and decline answers of a file-consent card carry back. */
export interface FileConsentContext {
  url: string;
  name: string;
}

function fileConsentActivity(file: FileReply): Partial<Activity> {
  const context: FileConsentContext = { url: file.url, name: file.name };
  return {
    type: ActivityTypes.Message,
    attachments: [
      {
        contentType: FILE_CONSENT_CARD_CONTENT_TYPE,
        name: file.name,
        content: {
          description: files.consentDescription(file.name),
          sizeInBytes: file.sizeInBytes,
          acceptContext: context,
          declineContext: context,
        },
      },
    ],
  };
}

function fileLinkActivity(text: string | undefined, file: FileReply): Partial<Activity> {
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...(text ? [{ type: 'TextBlock', text, wrap: true }] : []),
      { type: 'TextBlock', text: `📄 ${escapeCardText(file.name)}`, weight: 'Bolder', wrap: true },
    ],
    actions: [{ type: 'Action.OpenUrl', title: files.download, url: file.url }],
  };
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  // The chat list shows this instead of "Send a card".
  activity.summary = text ? `${text} ${file.name}` : file.name;
  return activity;
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
      await context.sendActivities(toActivities(channelId, reply, context.activity.conversation?.conversationType));
    },
    renderForInvoke: (card) => renderAdaptiveCard(card),
  };
}
