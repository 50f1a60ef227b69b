// The web channel adapter: the third channel of the one teams-ai Application. A browser's message or
// card action becomes an activity (channelId 'web') run through the same application, under the same
// per-conversation lock; what the bot sends is stored and published to the browser's Server-Sent Events
// stream on whichever replica holds it (web-conversation-hub.ts), and the invoke response of an
// Action.Execute (the replacing card) is returned to the HTTP request.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { WebConversationHub } from './web-conversation-hub.js';

export const WEB_CHANNEL_ID = 'web';
export const WEB_BOT_ID = 'tro-ly-doi-moi';
const INVOKE_RESPONSE = Symbol('webInvokeResponse');

/** The slice of an activity the browser needs: no service URLs or channel data. */
function forBrowser(activity: Partial<Activity>, id: string): Partial<Activity> {
  return {
    id,
    type: activity.type,
    timestamp: new Date(),
    ...(activity.text !== undefined ? { text: activity.text } : {}),
    ...(activity.textFormat ? { textFormat: activity.textFormat } : {}),
    ...(activity.attachments?.length ? { attachments: activity.attachments } : {}),
    ...(activity.suggestedActions ? { suggestedActions: activity.suggestedActions } : {}),
    ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
  };
}

export interface WebTurnResult {
  /** The body of the invoke response, for Action.Execute. */
  invokeResponse?: { status: number; body?: unknown };
  /** What the bot sent during the turn, in order (also published to the stream). */
  sent: Partial<Activity>[];
}

const SENT = Symbol('webSent');

export class WebAdapter extends BotAdapter {
  constructor(readonly hub: WebConversationHub) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const sent = context.turnState.get(SENT) as Partial<Activity>[] | undefined;
    for (const activity of activities) {
      if (activity.type === 'invokeResponse') {
        context.turnState.set(INVOKE_RESPONSE, activity.value);
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? activity.value : 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5000)));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.Typing) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!conversationId) throw new Error('WebAdapter: activity without a conversation');
      const id = randomUUID();
      const shown = forBrowser(activity, id);
      sent?.push(shown);
      await this.hub.publish(conversationId, activity.type === ActivityTypes.Typing ? 'typing' : 'activity', shown);
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!conversationId || !activity.id) return;
    await this.hub.publish(conversationId, 'update', forBrowser(activity, activity.id));
    return { id: activity.id };
  }

  async deleteActivity(): Promise<void> {
    // The web chat keeps what was said.
  }

  /** Runs one browser turn through the middleware and `logic` (the application). */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<WebTurnResult> {
    const context = new TurnContext(this, { ...activity, id: activity.id ?? randomUUID(), timestamp: new Date() } as Activity);
    // The officer's own words belong to the history a reloaded page shows (not to the live stream).
    const said = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text.trim() : '';
    if (said && activity.conversation?.id)
      await this.hub.publish(activity.conversation.id, 'user', {
        id: context.activity.id,
        type: 'message',
        text: said.slice(0, 4000),
        timestamp: new Date(),
      });
    const sent: Partial<Activity>[] = [];
    context.turnState.set(SENT, sent);
    await this.runMiddleware(context, logic);
    const invoke = context.turnState.get(INVOKE_RESPONSE) as WebTurnResult['invokeResponse'];
    return { sent, ...(invoke ? { invokeResponse: invoke } : {}) };
  }

  /**
   * Proactive messages (the notifier): delivered only while a browser holds an event stream of the
   * conversation on some replica (a presence row refreshed by the stream's heartbeat); otherwise this
   * throws, so the notifier tries the person's other channels or retries later.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId || !(await this.hub.connected(conversationId)))
      throw Object.assign(new Error('web: no open browser'), { code: 'WEB_NOT_CONNECTED' });
    const fresh = { ...reference, activityId: undefined };
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, fresh, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
