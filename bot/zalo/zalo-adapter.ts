// The Zalo channel adapter: the one teams-ai Application runs Zalo turns through it, and everything the
// bot says (text, cards rendered as text and suggested actions) becomes rows of the Zalo outbox.
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ZaloOutboxService } from '../../services/zalo/zalo-outbox-service.js';
import { renderForZalo } from './zalo-renderer.js';

/** turnState key: the officer the worker resolved for this turn (for the fallback of undelivered messages). */
export const ZALO_OFFICER_KEY = Symbol('zaloOfficerId');

export function isZaloChannel(channelId: string | undefined): channelId is ZaloChannel {
  return channelId === 'zalo_oa' || channelId === 'zalo_bot';
}

/** The notification an activity carries (channelData.notice, set by the notifier), if any. */
function noticeOf(activity: Partial<Activity>): { kind: string; id: string } | undefined {
  const notice = (activity.channelData as { notice?: { kind?: unknown; id?: unknown } } | undefined)?.notice;
  return typeof notice?.kind === 'string' && typeof notice.id === 'string' ? { kind: notice.kind, id: notice.id } : undefined;
}

export class ZaloAdapter extends BotAdapter {
  constructor(
    private readonly outbox: ZaloOutboxService,
    /** Called after messages were enqueued (wakes the sender). */
    private readonly onEnqueued: () => void,
  ) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    let enqueued = false;
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) {
        // typing, delay, invokeResponse, …: nothing to show on Zalo.
        responses.push({ id: '' });
        continue;
      }
      const channel = activity.channelId ?? context.activity.channelId;
      if (!isZaloChannel(channel)) throw new Error(`ZaloAdapter cannot send on channel ${String(channel)}`);
      const recipientId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!recipientId) throw new Error('ZaloAdapter: activity without a conversation');
      const messages = renderForZalo(activity, channel);
      const officerId = (context.turnState.get(ZALO_OFFICER_KEY) as string | undefined) ?? null;
      // A notification says which one it is (BotNotifier): its first piece can go as the kind's template.
      const notice = noticeOf(activity);
      const ids = await this.outbox.enqueue(
        messages.map((m, i) => ({
          ...(notice && i === 0 ? { noticeKind: notice.kind, noticeId: notice.id } : notice ? { noticeId: notice.id } : {}),
          channel,
          recipientId,
          officerId,
          // The OA counts a reply to the user's message as free; proactive messages carry none.
          replyToMessageId: activity.replyToId ?? null,
          text: m.text,
          buttons: m.buttons,
        })),
      );
      enqueued ||= ids.length > 0;
      responses.push({ id: ids.join(',') });
    }
    if (enqueued) this.onEnqueued();
    return responses;
  }

  /** Runs one incoming Zalo turn through the middleware and `logic` (the application). */
  async runTurn(context: TurnContext, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(context, logic);
  }

  async updateActivity(): Promise<void> {
    throw new Error('Zalo messages cannot be edited');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('Zalo messages cannot be deleted');
  }

  /** Proactive messages to a stored Zalo conversation reference (sent without a reply id). */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // A stored reference remembers the last message id: a proactive message must not claim to answer it.
    const fresh = { ...reference, activityId: undefined };
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, fresh, true);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }
}
