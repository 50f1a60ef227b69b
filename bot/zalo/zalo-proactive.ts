// Proactive messages (notifications, reminders) are sent by continuing a stored conversation reference
// through the server's Bot Framework adapter. A reference from a Zalo conversation cannot go through the
// Bot Connector: this routes those references to the ZaloAdapter (and so into the Zalo outbox), and leaves
// every other channel to the original adapter.
import type { ConversationReference, TurnContext } from 'botbuilder';
import { isZaloChannel, type ZaloAdapter } from './zalo-adapter.js';

interface ContinuingAdapter {
  continueConversationAsync(...args: unknown[]): Promise<void>;
}

const ROUTED = Symbol('zaloReferencesRouted');

export function routeZaloReferences(adapter: object, zalo: ZaloAdapter): void {
  const target = adapter as ContinuingAdapter & { [ROUTED]?: ZaloAdapter };
  if (target[ROUTED]) {
    target[ROUTED] = zalo;
    return;
  }
  const original = target.continueConversationAsync.bind(target);
  target[ROUTED] = zalo;
  target.continueConversationAsync = (async (...args: unknown[]) => {
    const reference = args[1] as Partial<ConversationReference> | undefined;
    if (isZaloChannel(reference?.channelId)) {
      const logic = args.find((a): a is (context: TurnContext) => Promise<void> => typeof a === 'function');
      if (!logic) throw new Error('continueConversationAsync: logic missing');
      return target[ROUTED]!.continueConversation(reference!, logic);
    }
    return original(...args);
  }) as ContinuingAdapter['continueConversationAsync'];
}
