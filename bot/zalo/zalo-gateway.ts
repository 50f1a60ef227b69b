// Proactive messages to a Zalo conversation: rendered by the Zalo adapter into rows of the Zalo outbox,
// which its sender delivers (and retries) on its own.
import type { ConversationReference } from 'botbuilder';
import type { ChannelGateway, StoredReference } from '../../services/notifications/channel-gateway.js';
import { sendInTurn } from '../core/send-in-turn.js';
import type { ZaloAdapter } from './zalo-adapter.js';

export class ZaloGateway implements ChannelGateway {
  constructor(private readonly adapter: ZaloAdapter) {}

  send(reference: StoredReference, activity: Record<string, unknown>): Promise<void> {
    return sendInTurn((logic) => this.adapter.continueConversation(reference as Partial<ConversationReference>, logic), activity);
  }
}
