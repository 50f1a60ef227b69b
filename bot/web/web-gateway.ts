// Proactive messages to the web chat: only to a browser that is connected now; otherwise the send throws
// and the notifier tries the person's other channels or retries later.
import type { ConversationReference } from 'botbuilder';
import type { ChannelGateway, StoredReference } from '../../services/notifications/channel-gateway.js';
import { sendInTurn } from '../core/send-in-turn.js';
import type { WebAdapter } from './web-adapter.js';

export class WebGateway implements ChannelGateway {
  constructor(private readonly adapter: WebAdapter) {}

  send(reference: StoredReference, activity: Record<string, unknown>): Promise<void> {
    return sendInTurn((logic) => this.adapter.continueConversation(reference as Partial<ConversationReference>, logic), activity);
  }
}
