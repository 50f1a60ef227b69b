// Bot Framework card buttons (hero cards, suggested actions, the file consent card) pressed as Teams sends
// them: imBack as a message, postBack and messageBack as a submit, an invoke, a file consent answered.
import { invokeActivity, messageActivity, submitActivity } from './activity-factory.js';
import type { CardActionModel } from './card-model.js';
import type { ChatContext, CurrentView } from './chat-context.js';
import { showTaskResponse } from './chat-rendering.js';
import { chatTexts as t } from './chat-texts.js';
import { isObject, parseMaybeJson } from './json-values.js';

/** `card` is the card the button belongs to: the latest one, or an earlier one /click found it on. */
export async function pressBotFrameworkButton(chat: ChatContext, action: CardActionModel, card: CurrentView): Promise<void> {
  const session = chat.requireSession();
  const replyToId = action.activityId;
  switch (action.type) {
    case 'imBack':
      chat.print(`${t.you}: ${String(action.value ?? '')}`);
      await chat.send(messageActivity(session, String(action.value ?? '')));
      return;
    case 'postBack':
      await chat.send(submitActivity(session, undefined, { text: String(action.value ?? ''), replyToId }));
      return;
    case 'messageBack':
      if (action.displayText) chat.print(`${t.you}: ${action.displayText}`);
      await chat.send(submitActivity(session, parseMaybeJson(action.value), { text: action.text, replyToId }));
      return;
    case 'invoke': {
      const value = parseMaybeJson(action.value);
      if (isObject(value) && value.type === 'task/fetch') {
        const result = await chat.send(invokeActivity(session, 'task/fetch', { ...value, context: { theme: 'default' } }, { replyToId }));
        if (result) showTaskResponse(chat, result.body);
        return;
      }
      chat.print(t.unsupportedButton(action.type));
      return;
    }
    case 'fileConsent':
      await answerFileConsent(chat, action, card);
      return;
    default:
      chat.print(t.unsupportedButton(action.type));
  }
}

async function answerFileConsent(chat: ChatContext, action: CardActionModel, card: CurrentView): Promise<void> {
  const session = chat.requireSession();
  const value = isObject(action.value) ? action.value : {};
  const attachment = findAttachment(card, action);
  const name = typeof attachment?.name === 'string' ? attachment.name : 'tep';
  if (value.action === 'decline') {
    chat.print(t.fileDeclined(name));
    await chat.send(
      invokeActivity(
        session,
        'fileConsent/invoke',
        { type: 'fileUpload', action: 'decline', context: value.context },
        { replyToId: action.activityId },
      ),
    );
    return;
  }
  const slot = chat.connector.createUploadSlot(name);
  const dot = name.lastIndexOf('.');
  chat.print(t.fileUploadStarted(name));
  await chat.send(
    invokeActivity(
      session,
      'fileConsent/invoke',
      {
        type: 'fileUpload',
        action: 'accept',
        context: value.context,
        uploadInfo: {
          contentUrl: slot.contentUrl,
          name,
          uploadUrl: slot.uploadUrl,
          uniqueId: slot.id,
          fileType: dot > 0 ? name.slice(dot + 1) : '',
        },
      },
      { replyToId: action.activityId },
    ),
  );
}

/** The attachment of the card a button belongs to (not always the latest card on screen). */
function findAttachment(card: CurrentView, action: CardActionModel): Record<string, unknown> | undefined {
  const raw = card.raw;
  if (!isObject(raw) || action.attachmentIndex === undefined) return undefined;
  const attachments = Array.isArray(raw.attachments) ? raw.attachments : [];
  const attachment = attachments[action.attachmentIndex];
  return isObject(attachment) ? attachment : undefined;
}
