// What the terminal chat shows of the bot: each activity the loopback connector receives (a message for
// someone else as one labelled line), the card on screen again (/card), and the bodies of invoke answers.
import { ADAPTIVE_CARD, type RenderedView } from './card-model.js';
import { frameCard } from './card-text-format.js';
import { renderActivity, renderAdaptiveCard } from './card-text-renderer.js';
import type { ChatContext } from './chat-context.js';
import { saveEmbeddedFiles } from './chat-files.js';
import { chatTexts as t } from './chat-texts.js';
import { isObject } from './json-values.js';
import type { ReceivedActivity } from './connector-types.js';

/** The first line of a rendered message, without the card frame. */
function summaryOf(view: RenderedView): string {
  const line =
    view.lines
      .filter((l) => !/^[┌└]/.test(l))
      .map((l) => l.replace(/^[│\s]+/, '').trim())
      .find((l) => l.length > 0) ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** Who a message in another conversation is for (the bot's notices to other officers pass through here). */
function recipientOf(chat: ChatContext, received: ReceivedActivity): string | undefined {
  if (!chat.session || received.conversationId === chat.session.conversationId) return undefined;
  const created = chat.connector.createdConversations.find((c) => c.id === received.conversationId);
  const members = Array.isArray(created?.parameters.members) ? (created.parameters.members as { name?: string; id?: string }[]) : [];
  const member = members[0];
  return received.activity.recipient?.name || member?.name || member?.id || received.conversationId;
}

/** One activity the bot sent, shown; a card with buttons or inputs becomes the one /click and /set act on. */
export function showActivity(chat: ChatContext, received: ReceivedActivity): void {
  const activity = received.activity;
  if (chat.options.json) chat.print(JSON.stringify(activity, null, 2));
  if (received.operation === 'deleteActivity') {
    chat.print(t.botDeleted);
    if (chat.current?.activityId === received.activityId) chat.current = undefined;
    return;
  }
  if (activity.type !== 'message') return; // typing, events, traces: not shown
  const view = renderActivity(activity, { activityId: received.activityId });
  if (!view) return;
  const recipient = recipientOf(chat, received);
  if (recipient) {
    // Meant for someone else: labelled, never the card /click acts on; in full only with --all.
    if (chat.options.all) chat.show(view, `${chat.botName(activity)} ${t.sentTo(recipient)}`);
    else chat.print(t.sentToSummary(recipient, summaryOf(view)));
    return;
  }
  chat.lastReceived = activity;
  const name = chat.botName(activity);
  if (received.operation === 'updateActivity') {
    chat.show(view, `${name} (${t.botUpdated})`);
    if (view.actions.length || view.inputs.length || chat.current?.activityId === received.activityId) {
      chat.makeCurrent(view, received.activityId, activity);
    }
    return;
  }
  chat.show(view, name);
  chat.makeCurrent(view, received.activityId, activity);
  void saveEmbeddedFiles(chat, activity.attachments ?? []);
}

/** /card: the card on screen again, with the values set so far. */
export function reshow(chat: ChatContext): void {
  const current = chat.current!;
  if (current.view.cards.length === 1 && current.raw === current.view.cards[0]) {
    const view = renderAdaptiveCard(current.raw, { values: current.values, activityId: current.activityId });
    chat.print(['Thẻ hiện tại:', ...frameCard(view.lines).map((l) => `  ${l}`)].join('\n'));
    return;
  }
  const view = renderActivity(current.raw as Record<string, unknown>, { values: current.values, activityId: current.activityId });
  if (view) chat.show(view, 'Thẻ hiện tại');
}

/** The body of an `adaptiveCard/action` invoke response: a card replaces the old one, or a message. */
export function showInvokeResponse(chat: ChatContext, body: unknown, activityId: string | undefined): void {
  if (!isObject(body)) return;
  const type = typeof body.type === 'string' ? body.type : '';
  const statusCode = typeof body.statusCode === 'number' ? body.statusCode : 200;
  if (type === ADAPTIVE_CARD && isObject(body.value)) {
    const view = renderAdaptiveCard(body.value, { activityId });
    chat.print([t.cardRefreshed, ...frameCard(view.lines).map((l) => `  ${l}`)].join('\n'));
    chat.current = { view, activityId, values: new Map(), raw: body.value };
    return;
  }
  if (type === 'application/vnd.microsoft.activity.message') {
    chat.print(`${chat.session?.bot.name ?? 'Bot'}: ${String(body.value ?? '')}`);
    return;
  }
  if (type === 'application/vnd.microsoft.error' || statusCode >= 400) {
    const value = isObject(body.value) ? body.value : {};
    const message = typeof value.message === 'string' ? value.message : `HTTP ${statusCode}`;
    chat.failures += 1;
    chat.print(t.botError(message));
  }
}

/** The body of a `task/fetch` or `task/submit` response: a dialog with a card or a URL, or a message. */
export function showTaskResponse(chat: ChatContext, body: unknown): void {
  const task = isObject(body) && isObject(body.task) ? body.task : undefined;
  if (!task) return;
  if (task.type === 'message') {
    chat.print(`${chat.session?.bot.name ?? 'Bot'}: ${String(task.value ?? '')}`);
    return;
  }
  const value = isObject(task.value) ? task.value : {};
  const title = typeof value.title === 'string' ? value.title : undefined;
  const card = isObject(value.card) ? value.card : undefined;
  if (card && isObject(card.content)) {
    const view = renderAdaptiveCard(card.content);
    chat.print([t.dialog(title), ...frameCard(view.lines, 'Hộp thoại').map((l) => `  ${l}`)].join('\n'));
    chat.current = { view, values: new Map(), dialog: true, raw: card.content };
    return;
  }
  if (typeof value.url === 'string') chat.print(t.dialogUrl(value.url));
}
