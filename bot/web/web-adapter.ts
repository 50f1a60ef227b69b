// The web channel adapter: the third channel of the one teams-ai Application. A browser's message or
// card action becomes an activity (channelId 'web') run through the same application, under the same
// per-conversation lock; what the bot sends is published to the browser's Server-Sent Events stream, and
// the invoke response of an Action.Execute (the replacing card) is returned to the HTTP request.
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

export const WEB_CHANNEL_ID = 'web';
export const WEB_BOT_ID = 'tro-ly-doi-moi';
const INVOKE_RESPONSE = Symbol('webInvokeResponse');

/** What a browser receives on its event stream. */
export interface WebEvent {
  seq: number;
  kind: 'activity' | 'update';
  activity: Partial<Activity>;
}

type Listener = (event: WebEvent) => void;

/**
 * Live streams per conversation, plus a short backlog so a reconnecting stream (Last-Event-ID) misses
 * nothing. In memory: a browser that was not connected gets proactive messages from the notifier's retry.
 */
export class WebConversationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly backlog = new Map<string, WebEvent[]>();
  private seq = 0;

  constructor(private readonly backlogSize = 100) {}

  subscribe(conversationId: string, listener: Listener, afterSeq?: number): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    set.add(listener);
    if (afterSeq !== undefined) for (const e of this.backlog.get(conversationId) ?? []) if (e.seq > afterSeq) listener(e);
    return () => {
      set!.delete(listener);
      if (!set!.size) this.listeners.delete(conversationId);
    };
  }

  /** The sequence number of the conversation's latest event (0 if none): a reply's place in the stream. */
  lastSeq(conversationId: string): number {
    return this.backlog.get(conversationId)?.at(-1)?.seq ?? 0;
  }

  connected(conversationId: string): boolean {
    return (this.listeners.get(conversationId)?.size ?? 0) > 0;
  }

  publish(conversationId: string, kind: WebEvent['kind'], activity: Partial<Activity>): WebEvent {
    const event: WebEvent = { seq: ++this.seq, kind, activity };
    const list = this.backlog.get(conversationId) ?? [];
    list.push(event);
    if (list.length > this.backlogSize) list.splice(0, list.length - this.backlogSize);
    this.backlog.set(conversationId, list);
    for (const listener of this.listeners.get(conversationId) ?? []) listener(event);
    return event;
  }

  /** Forgets a conversation's backlog (sign-out). */
  forget(conversationId: string): void {
    this.backlog.delete(conversationId);
  }
}

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
      this.hub.publish(conversationId, 'activity', shown);
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!conversationId || !activity.id) return;
    this.hub.publish(conversationId, 'update', forBrowser(activity, activity.id));
    return { id: activity.id };
  }

  async deleteActivity(): Promise<void> {
    // The web chat keeps what was said.
  }

  /** Runs one browser turn through the middleware and `logic` (the application). */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<WebTurnResult> {
    const context = new TurnContext(this, { ...activity, id: activity.id ?? randomUUID(), timestamp: new Date() } as Activity);
    const sent: Partial<Activity>[] = [];
    context.turnState.set(SENT, sent);
    await this.runMiddleware(context, logic);
    const invoke = context.turnState.get(INVOKE_RESPONSE) as WebTurnResult['invokeResponse'];
    return { sent, ...(invoke ? { invokeResponse: invoke } : {}) };
  }

  /**
   * Proactive messages (the notifier): delivered only to a browser that is connected now; otherwise this
   * throws, so the notifier tries the person's other channels or retries later.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId || !this.hub.connected(conversationId)) throw Object.assign(new Error('web: no open browser'), { code: 'WEB_NOT_CONNECTED' });
    const fresh = { ...reference, activityId: undefined };
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, fresh, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

}
